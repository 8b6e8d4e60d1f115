import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { currentStaff, homeOf } from '@/lib/auth/session';
import { dashboardRoles } from '@/lib/reports/dashboard';

/**
 * A staff member whose role sees no reports (the desk, a department, the admin): still a 403,
 * but a page that says who can see the reports and where to ask, not a bare refusal (issue 17).
 */
export default async function ReportsForbidden() {
  const [user, t, common, format] = await Promise.all([currentStaff(), getTranslations('reports.forbidden'), getTranslations('common'), getFormat()]);
  const roles = format.list(dashboardRoles.map((r) => common(`roles.${r}`)));
  return (
    <div className="mx-auto max-w-xl space-y-3 py-8" data-testid="reports-forbidden">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p>{t('whoMaySee', { roles })}</p>
      {user && <p className="text-slate-700">{t('yourRole', { role: common(`roles.${user.role}`) })}</p>}
      <Link href={user ? homeOf[user.role] : '/'} className="inline-block text-blue-700 underline">{t('back')}</Link>
    </div>
  );
}
