import { getLocale, getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { listDepartments, listStaff, membersByDepartment } from '@/lib/admin/staff';
import { getFormat } from '@/lib/i18n/get-format';
import { Section } from '@/components/ui/section';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { AdminScreen } from '../_components/admin-nav';
import { ActiveMark, EditCell } from '../_components/cells';
import { CreateUserForm, DepartmentHandlersForm } from './staff-forms';

export default async function StaffPage() {
  const user = await requireStaff(['admin']);
  const [staff, depts] = await Promise.all([listStaff(user), listDepartments(user)]);
  const t = await getTranslations('admin.staff');
  const common = await getTranslations('common');
  const locale = await getLocale();
  const format = await getFormat();
  const deptName = (d: { name: string; nameEn: string }) => (locale === 'en' ? d.nameEn : d.name);
  const members = membersByDepartment(staff);
  const departmentChoices = depts.map((d) => ({ id: d.id, name: deptName(d) }));

  return (
    <AdminScreen current="staff" title={t('title')} intro={t('intro')}>
      <Section id="staff-create" title={t('create')} card>
        <CreateUserForm departments={departmentChoices} />
      </Section>

      <Section id="staff-users" title={t('users')} count={staff.length}>
        <DataTable
          testId="staff-table"
          minWidth="40rem"
          columns={[t('login'), t('name'), t('role'), `${t('department')} · ${t('position')}`, t('absentUntil'), t('active'), { hidden: t('edit') }]}
        >
          <tbody>
            {staff.map((u) => (
              <Row key={u.id} className={u.active ? '' : 'bg-slate-50 text-slate-600'}>
                <Cell className="font-mono">{u.login}</Cell>
                <Cell>{u.name}</Cell>
                <Cell>{common(`roles.${u.role}`)}</Cell>
                <Cell>
                  {u.departmentName ? (locale === 'en' ? u.departmentNameEn : u.departmentName) : '—'}
                  {u.position && <span className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-800">{t(`positions.${u.position}`)}</span>}
                </Cell>
                <Cell>{u.absentThrough ? format.day(u.absentThrough) : '—'}</Cell>
                <Cell><ActiveMark active={u.active} on={t('isActive')} off={t('isInactive')} /></Cell>
                <EditCell href={`/admin/staff/${u.id}`} label={t('editLabel', { name: u.name })}>{t('edit')}</EditCell>
              </Row>
            ))}
          </tbody>
        </DataTable>
      </Section>

      <Section id="staff-handlers" title={t('handlers')} hint={t('handlersHint')} card spacing="none">
        <div className="space-y-4">
          {depts.map((d) => (
            <DepartmentHandlersForm
              key={d.id}
              department={{ id: d.id, name: deptName(d), headUserId: d.headUserId, primaryUserId: d.primaryUserId, secondaryUserId: d.secondaryUserId }}
              members={members[d.id] ?? []}
            />
          ))}
        </div>
      </Section>
    </AdminScreen>
  );
}
