import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { listDepartments, listStaff, membersByDepartment } from '@/lib/admin/staff';
import { AdminNav } from '../_components/admin-nav';
import { getFormat } from '@/lib/i18n/get-format';
import { CreateUserForm, DepartmentHandlersForm } from './staff-forms';

export default async function StaffPage() {
  const user = await requireStaff(['admin']);
  const [staff, depts] = await Promise.all([listStaff(user.siteId), listDepartments(user.siteId)]);
  const t = await getTranslations('admin.staff');
  const common = await getTranslations('common');
  const locale = await getLocale();
  const format = await getFormat();
  const deptName = (d: { name: string; nameEn: string }) => (locale === 'en' ? d.nameEn : d.name);
  const members = membersByDepartment(staff);
  const departmentChoices = depts.map((d) => ({ id: d.id, name: deptName(d) }));

  return (
    <>
      <AdminNav current="staff" />
      <h1 className="mb-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-4 max-w-3xl text-slate-700">{t('intro')}</p>

      <section aria-labelledby="staff-create" className="mb-8 rounded border border-slate-200 bg-white p-4">
        <h2 id="staff-create" className="mb-3 text-lg font-medium">{t('create')}</h2>
        <CreateUserForm departments={departmentChoices} />
      </section>

      <section aria-labelledby="staff-users" className="mb-8">
        <h2 id="staff-users" className="mb-3 text-lg font-medium">{t('users')} <span className="text-sm text-slate-600">({staff.length})</span></h2>
        {/* relative: the sr-only header would otherwise escape the scroll box and widen the page */}
        <div className="relative overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full min-w-[40rem] text-left text-sm" data-testid="staff-table">
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t('login')}</th>
                <th scope="col" className="px-3 py-2">{t('name')}</th>
                <th scope="col" className="px-3 py-2">{t('role')}</th>
                <th scope="col" className="px-3 py-2">{t('department')} · {t('position')}</th>
                <th scope="col" className="px-3 py-2">{t('absentUntil')}</th>
                <th scope="col" className="px-3 py-2">{t('active')}</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">{t('edit')}</span></th>
              </tr>
            </thead>
            <tbody>
              {staff.map((u) => (
                <tr key={u.id} className={`border-t border-slate-100 ${u.active ? '' : 'bg-slate-50 text-slate-600'}`}>
                  <td className="px-3 py-2 font-mono">{u.login}</td>
                  <td className="px-3 py-2">{u.name}</td>
                  <td className="px-3 py-2">{common(`roles.${u.role}`)}</td>
                  <td className="px-3 py-2">
                    {u.departmentName ? (locale === 'en' ? u.departmentNameEn : u.departmentName) : '—'}
                    {u.position && <span className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-800">{t(`positions.${u.position}`)}</span>}
                  </td>
                  <td className="px-3 py-2">{u.absentThrough ? format.day(u.absentThrough) : '—'}</td>
                  <td className="px-3 py-2">
                    {u.active ? (
                      <span className="text-green-800"><span aria-hidden="true">● </span>{t('isActive')}</span>
                    ) : (
                      <span className="text-slate-600"><span aria-hidden="true">○ </span>{t('isInactive')}</span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-right">
                    <Link href={`/admin/staff/${u.id}`} aria-label={t('editLabel', { name: u.name })} className="text-blue-700 underline">{t('edit')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="staff-handlers" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="staff-handlers" className="mb-1 text-lg font-medium">{t('handlers')}</h2>
        <p className="mb-4 max-w-3xl text-sm text-slate-700">{t('handlersHint')}</p>
        <div className="space-y-4">
          {depts.map((d) => (
            <DepartmentHandlersForm
              key={d.id}
              department={{ id: d.id, name: deptName(d), headUserId: d.headUserId, primaryUserId: d.primaryUserId, secondaryUserId: d.secondaryUserId }}
              members={members[d.id] ?? []}
            />
          ))}
        </div>
      </section>
    </>
  );
}
