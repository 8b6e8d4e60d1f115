import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { getCategory } from '@/lib/admin/setup';
import { listDepartments } from '@/lib/admin/staff';
import { InfoNote } from '@/components/ui/section';
import { AdminNav } from '../../_components/admin-nav';
import { EditCategoryForm } from '../../_components/setup-forms';

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditCategoryPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireStaff(['admin']);
  const { id } = await params;
  if (!uuidRe.test(id)) notFound();
  const [cat, depts] = await Promise.all([getCategory(id), listDepartments(user)]);
  if (!cat) notFound();
  const [t, locale] = await Promise.all([getTranslations('admin.setup'), getLocale()]);
  const name = (d: { name: string; nameEn: string }) => (locale === 'en' ? d.nameEn : d.name);
  const current = depts.find((d) => d.code === cat.defaultDepartmentCode);
  return (
    <>
      <AdminNav current="categories" />
      <p className="mb-2 text-sm"><Link href="/admin/categories" className="text-blue-700 underline">{t('backCategories')}</Link></p>
      <h1 className="mb-1 text-2xl font-semibold">{t('editCategory', { name: name(cat) })}</h1>
      <p className="mb-4 text-sm text-slate-700">{t('codeFixed', { code: cat.code })}</p>
      {current && !current.staffed && <InfoNote tone="warning" testId="unstaffed-warning">{t('unstaffedCategory', { name: name(current) })}</InfoNote>}
      <section aria-labelledby="cat-edit" className="max-w-4xl rounded border border-slate-200 bg-white p-4">
        <h2 id="cat-edit" className="sr-only">{t('editCategory', { name: name(cat) })}</h2>
        <EditCategoryForm category={cat} departments={depts.map((d) => ({ code: d.code, name: name(d), staffed: d.staffed }))} />
      </section>
    </>
  );
}
