import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { countSites, listDepartmentsWithHandlers, listSites } from '@/lib/admin/setup';
import { AdminNav } from '../_components/admin-nav';
import { CreateDepartmentForm } from '../_components/setup-forms';

export default async function DepartmentsPage() {
  const user = await requireStaff(['admin']);
  const manySites = (await countSites()) > 1;
  const [depts, sites] = await Promise.all([listDepartmentsWithHandlers(manySites ? null : user.siteId), manySites ? listSites() : Promise.resolve([])]);
  const [t, st, locale] = await Promise.all([getTranslations('admin.setup'), getTranslations('admin.staff'), getLocale()]);
  const name = (d: { name: string; nameEn: string }) => (locale === 'en' ? d.nameEn : d.name);

  return (
    <>
      <AdminNav current="departments" />
      <h1 className="mb-2 text-2xl font-semibold">{t('departmentsTitle')}</h1>
      <p className="mb-4 max-w-3xl text-slate-700">{t('departmentsIntro')}</p>

      <section aria-labelledby="dept-create" className="mb-8 rounded border border-slate-200 bg-white p-4">
        <h2 id="dept-create" className="mb-3 text-lg font-medium">{t('addDepartment')}</h2>
        <CreateDepartmentForm sites={manySites ? sites.map((s) => ({ id: s.id, name: s.name })) : null} />
      </section>

      <section aria-labelledby="dept-list" className="mb-8">
        <h2 id="dept-list" className="mb-3 text-lg font-medium">{t('departmentsList')} <span className="text-sm text-slate-600">({depts.length})</span></h2>
        {/* relative: the sr-only header would otherwise escape the scroll box and widen the page */}
        <div className="relative overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full min-w-[44rem] text-left text-sm" data-testid="departments-table">
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                {manySites && <th scope="col" className="px-3 py-2">{t('site')}</th>}
                <th scope="col" className="px-3 py-2">{t('code')}</th>
                <th scope="col" className="px-3 py-2">{t('name')}</th>
                <th scope="col" className="px-3 py-2">{st('positions.head')}</th>
                <th scope="col" className="px-3 py-2">{st('positions.primary')}</th>
                <th scope="col" className="px-3 py-2">{st('positions.secondary')}</th>
                <th scope="col" className="px-3 py-2">{t('members')}</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">{st('edit')}</span></th>
              </tr>
            </thead>
            <tbody>
              {depts.map((d) => (
                <tr key={d.id} className="border-t border-slate-100">
                  {manySites && <td className="px-3 py-2">{d.siteName}</td>}
                  <td className="whitespace-nowrap px-3 py-2 font-mono">{d.code}</td>
                  <td className="px-3 py-2">
                    {name(d)}
                    <span className="block text-xs text-slate-600">{locale === 'en' ? d.name : d.nameEn}</span>
                  </td>
                  <td className="px-3 py-2">{d.head ?? '—'}</td>
                  <td className="px-3 py-2">{d.primary ?? '—'}</td>
                  <td className="px-3 py-2">{d.secondary ?? '—'}</td>
                  <td className="px-3 py-2">{d.members}</td>
                  <td className="px-3 py-2 text-right">
                    <Link href={`/admin/departments/${d.id}`} aria-label={st('editLabel', { name: name(d) })} className="text-blue-700 underline">{st('edit')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {!manySites && (
        <p className="text-sm text-slate-700">
          {t('moreBranches')} <Link href="/admin/sites" className="text-blue-700 underline">{t('moreBranchesLink')}</Link>
        </p>
      )}
    </>
  );
}
