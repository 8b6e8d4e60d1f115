import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { listCategories } from '@/lib/admin/setup';
import { listDepartments } from '@/lib/admin/staff';
import { AdminNav } from '../_components/admin-nav';
import { CreateCategoryForm } from '../_components/setup-forms';

export default async function CategoriesPage() {
  const user = await requireStaff(['admin']);
  const [cats, depts] = await Promise.all([listCategories(), listDepartments(user.siteId)]);
  const [t, st, sev, locale] = await Promise.all([getTranslations('admin.setup'), getTranslations('admin.staff'), getTranslations('workflow.severities'), getLocale()]);
  const name = (d: { name: string; nameEn: string }) => (locale === 'en' ? d.nameEn : d.name);
  const deptByCode = new Map(depts.map((d) => [d.code, name(d)]));
  const choices = depts.map((d) => ({ code: d.code, name: name(d) }));

  return (
    <>
      <AdminNav current="categories" />
      <h1 className="mb-2 text-2xl font-semibold">{t('categoriesTitle')}</h1>
      <p className="mb-4 max-w-3xl text-slate-700">{t('categoriesIntro')}</p>

      <section aria-labelledby="cat-create" className="mb-8 rounded border border-slate-200 bg-white p-4">
        <h2 id="cat-create" className="mb-3 text-lg font-medium">{t('addCategory')}</h2>
        <CreateCategoryForm departments={choices} />
      </section>

      <section aria-labelledby="cat-list">
        <h2 id="cat-list" className="mb-3 text-lg font-medium">{t('categoriesList')} <span className="text-sm text-slate-600">({cats.length})</span></h2>
        {/* relative: the sr-only header would otherwise escape the scroll box and widen the page */}
        <div className="relative overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full min-w-[40rem] text-left text-sm" data-testid="categories-table">
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t('code')}</th>
                <th scope="col" className="px-3 py-2">{t('name')}</th>
                <th scope="col" className="px-3 py-2">{t('defaultDepartment')}</th>
                <th scope="col" className="px-3 py-2">{t('defaultSeverity')}</th>
                <th scope="col" className="px-3 py-2">{st('active')}</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">{st('edit')}</span></th>
              </tr>
            </thead>
            <tbody>
              {cats.map((c) => (
                <tr key={c.id} className={`border-t border-slate-100 ${c.active ? '' : 'bg-slate-50 text-slate-600'}`}>
                  <td className="whitespace-nowrap px-3 py-2 font-mono">{c.code}</td>
                  <td className="px-3 py-2">
                    {name(c)}
                    <span className="block text-xs text-slate-600">{locale === 'en' ? c.name : c.nameEn}</span>
                  </td>
                  <td className="px-3 py-2">{c.defaultDepartmentCode ? (deptByCode.get(c.defaultDepartmentCode) ?? t('departmentMissing')) : '—'}</td>
                  <td className="px-3 py-2">{sev(c.defaultSeverity)}</td>
                  <td className="px-3 py-2">
                    {c.active ? (
                      <span className="text-green-800"><span aria-hidden="true">● </span>{st('isActive')}</span>
                    ) : (
                      <span><span aria-hidden="true">○ </span>{st('isInactive')}</span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-right">
                    <Link href={`/admin/categories/${c.id}`} aria-label={st('editLabel', { name: name(c) })} className="text-blue-700 underline">{st('edit')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
