import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { QueueDashboard } from '@/components/complaint/queue-page';
import { visibleAdminSections } from './_components/admin-nav';

export default async function AdminPage() {
  const user = await requireStaff(['admin']);
  const t = await getTranslations('common');
  const a = await getTranslations('admin');
  const adminSections = await visibleAdminSections();
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">{t('nav.admin')}</h1>
      <section aria-labelledby="admin-sections" className="mb-8">
        <h2 id="admin-sections" className="mb-3 text-lg font-medium">{a('sections')}</h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {adminSections.map((s) => (
            <li key={s}>
              <Link
                href={`/admin/${s}`}
                className="block h-full rounded border border-slate-200 bg-white p-4 hover:border-blue-400 hover:bg-blue-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700"
              >
                <span className="font-medium text-blue-700 underline">{a(`nav.${s}`)}</span>
                <span className="mt-1 block text-sm text-slate-600">{a(`nav.${s}Hint`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <h2 className="mb-3 text-lg font-medium">{a('openForms')}</h2>
      <QueueDashboard user={user} hideEmpty />
    </>
  );
}
