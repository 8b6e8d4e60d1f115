import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { listSites } from '@/lib/admin/setup';
import { AdminNav } from '../_components/admin-nav';
import { CreateSiteForm, RenameSiteForm } from '../_components/setup-forms';

export default async function SitesPage() {
  await requireStaff(['admin']);
  const sites = await listSites();
  const t = await getTranslations('admin.setup');
  return (
    <>
      <AdminNav current="sites" />
      <h1 className="mb-2 text-2xl font-semibold">{t('sitesTitle')}</h1>
      <p className="mb-4 max-w-3xl text-slate-700">{t('sitesIntro')}</p>

      <section aria-labelledby="site-list" className="mb-8">
        <h2 id="site-list" className="mb-3 text-lg font-medium">{t('sitesList')} <span className="text-sm text-slate-600">({sites.length})</span></h2>
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
      </section>

      <section aria-labelledby="site-create" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="site-create" className="mb-3 text-lg font-medium">{t('addSite')}</h2>
        <CreateSiteForm />
      </section>
    </>
  );
}
