import Link from '@/components/ui/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { countSites, listDepartmentsWithHandlers, listSites } from '@/lib/admin/setup';
import { Section } from '@/components/ui/section';
import { WarningIcon } from '@/components/ui/icons';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { AdminScreen } from '../_components/admin-nav';
import { EditCell, TwoNamesCell } from '../_components/cells';
import { CreateDepartmentForm } from '../_components/setup-forms';
import { UnstaffedWarning } from '../_components/unstaffed-warning';

export default async function DepartmentsPage() {
  const user = await requireStaff(['admin']);
  const manySites = (await countSites()) > 1;
  const [depts, sites] = await Promise.all([listDepartmentsWithHandlers(user), manySites ? listSites() : Promise.resolve([])]);
  const [t, st, locale] = await Promise.all([getTranslations('admin.setup'), getTranslations('admin.staff'), getLocale()]);
  const name = (d: { name: string; nameEn: string }) => (locale === 'en' ? d.nameEn : d.name);
  const positions = [st('positions.head'), st('positions.primary'), st('positions.secondary')];
  const unstaffed = depts.filter((d) => !d.staffed);

  return (
    <AdminScreen current="departments" title={t('departmentsTitle')} intro={t('departmentsIntro')}>
      <UnstaffedWarning message="unstaffedList" names={unstaffed.map(name)} />
      <CreateDepartmentForm sites={manySites ? sites.map((s) => ({ id: s.id, name: s.name })) : null} />

      <Section id="dept-list" title={t('departmentsList')} count={depts.length}>
        <DataTable
          testId="departments-table"
          minWidth="44rem"
          columns={[...(manySites ? [t('site')] : []), t('code'), t('name'), ...positions, t('members'), { hidden: st('edit') }]}
        >
          <tbody>
            {depts.map((d) => (
              <Row key={d.id}>
                {manySites && <Cell>{d.siteName}</Cell>}
                <Cell className="whitespace-nowrap font-mono">{d.code}</Cell>
                <TwoNamesCell shown={name(d)} other={locale === 'en' ? d.name : d.nameEn}>
                  {!d.staffed && <span className="mt-1 block text-xs font-medium text-amber-900" data-testid="unstaffed-mark"><WarningIcon /> {t('unstaffedMark')}</span>}
                </TwoNamesCell>
                {[d.head, d.primary, d.secondary].map((person, i) => <Cell key={i}>{person ?? '—'}</Cell>)}
                <Cell>{d.members}</Cell>
                <EditCell href={`/admin/departments/${d.id}`} label={st('editLabel', { name: name(d) })}>{st('edit')}</EditCell>
              </Row>
            ))}
          </tbody>
        </DataTable>
      </Section>

      {!manySites && (
        <p className="text-sm text-slate-700">
          {t('moreBranches')} <Link href="/admin/sites" className="text-blue-700 underline">{t('moreBranchesLink')}</Link>
        </p>
      )}
    </AdminScreen>
  );
}
