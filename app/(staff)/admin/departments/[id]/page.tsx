import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { getDepartment } from '@/lib/admin/setup';
import { departmentMembers } from '@/lib/admin/staff';
import { InfoNote } from '@/components/ui/section';
import { AdminNav } from '../../_components/admin-nav';
import { EditDepartmentForm } from '../../_components/setup-forms';

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditDepartmentPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireStaff(['admin']);
  const { id } = await params;
  if (!uuidRe.test(id)) notFound();
  const dept = await getDepartment(id);
  if (!dept) notFound();
  const members = await departmentMembers(admin, dept.id);
  const [t, locale] = await Promise.all([getTranslations('admin.setup'), getLocale()]);
  const name = locale === 'en' ? dept.nameEn : dept.name;
  return (
    <>
      <AdminNav current="departments" />
      <p className="mb-2 text-sm"><Link href="/admin/departments" className="text-blue-700 underline">{t('backDepartments')}</Link></p>
      <h1 className="mb-1 text-2xl font-semibold">{t('editDepartment', { name })}</h1>
      <p className="mb-4 text-sm text-slate-700">{t('codeFixed', { code: dept.code })}</p>
      {!dept.staffed && <InfoNote tone="warning" testId="unstaffed-warning">{t('unstaffedOne', { name })}</InfoNote>}
      <section aria-labelledby="dept-edit" className="max-w-4xl rounded border border-slate-200 bg-white p-4">
        <h2 id="dept-edit" className="sr-only">{t('editDepartment', { name })}</h2>
        <EditDepartmentForm department={dept} members={members} />
      </section>
    </>
  );
}
