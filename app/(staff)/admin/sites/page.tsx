import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { listSites } from '@/lib/admin/setup';
import { AdminScreen } from '../_components/admin-nav';
import { CreateSiteForm, RenameSiteForm } from '../_components/setup-forms';
import { Section } from '@/components/ui/section';

export default async function SitesPage() {
  await requireStaff(['admin']);
  const [sites, t] = await Promise.all([listSites(), getTranslations('admin.setup')]);
  return (
    <AdminScreen current="sites" title={t('sitesTitle')} intro={t('sitesIntro')}>
      <Section id="site-list" title={t('sitesList')} count={sites.length}>
        <ul className="space-y-3" data-testid="sites-list">
          {sites.map((s) => (
            <li key={s.id} className="rounded border border-slate-200 bg-white p-3">
              <p className="mb-2 text-sm text-slate-700">
                <span className="font-mono">{s.code}</span> · {t('siteCounts', { departments: s.departments, staff: s.staff })}
              </p>
              <RenameSiteForm site={s} />
            </li>
          ))}
        </ul>
      </Section>

      <CreateSiteForm />
    </AdminScreen>
  );
}
