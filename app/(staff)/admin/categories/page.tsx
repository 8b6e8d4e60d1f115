import { getLocale, getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { listCategories } from '@/lib/admin/setup';
import { listDepartments } from '@/lib/admin/staff';
import { Section } from '@/components/ui/section';
import { WarningIcon } from '@/components/ui/icons';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { AdminScreen } from '../_components/admin-nav';
import { ActiveMark, EditCell, TwoNamesCell } from '../_components/cells';
import { CreateCategoryForm } from '../_components/setup-forms';
import { UnstaffedWarning } from '../_components/unstaffed-warning';

export default async function CategoriesPage() {
  const user = await requireStaff(['admin']);
  const [cats, depts] = await Promise.all([listCategories(), listDepartments(user)]);
  const [t, st, sev, locale] = await Promise.all([getTranslations('admin.setup'), getTranslations('admin.staff'), getTranslations('workflow.severities'), getLocale()]);
  const name = (d: { name: string; nameEn: string }) => (locale === 'en' ? d.nameEn : d.name);
  const deptByCode = new Map(depts.map((d) => [d.code, d]));
  // A department nobody can act for is marked where it is chosen: its forms would sit there.
  const choices = depts.map((d) => ({ code: d.code, name: name(d), staffed: d.staffed }));
  const stuck = cats.filter((c) => c.active && c.defaultDepartmentCode && deptByCode.get(c.defaultDepartmentCode)?.staffed === false);

  return (
    <AdminScreen current="categories" title={t('categoriesTitle')} intro={t('categoriesIntro')}>
      <UnstaffedWarning message="unstaffedCategories" names={stuck.map(name)} />
      <CreateCategoryForm departments={choices} />

      <Section id="cat-list" title={t('categoriesList')} count={cats.length} spacing="none">
        <DataTable
          testId="categories-table"
          minWidth="40rem"
          columns={[t('code'), t('name'), t('defaultDepartment'), t('defaultSeverity'), st('active'), { hidden: st('edit') }]}
        >
          <tbody>
            {cats.map((c) => (
              <Row key={c.id} className={c.active ? '' : 'bg-slate-50 text-slate-600'}>
                <Cell className="whitespace-nowrap font-mono">{c.code}</Cell>
                <TwoNamesCell shown={name(c)} other={locale === 'en' ? c.name : c.nameEn} />
                <Cell>
                  {(() => {
                    if (!c.defaultDepartmentCode) return '—';
                    const d = deptByCode.get(c.defaultDepartmentCode);
                    if (!d) return t('departmentMissing');
                    return (
                      <>
                        {name(d)}
                        {!d.staffed && <span className="mt-1 block text-xs font-medium text-amber-900" data-testid="unstaffed-mark"><WarningIcon /> {t('unstaffedMark')}</span>}
                      </>
                    );
                  })()}
                </Cell>
                <Cell>{sev(c.defaultSeverity)}</Cell>
                <Cell><ActiveMark active={c.active} on={st('isActive')} off={st('isInactive')} /></Cell>
                <EditCell href={`/admin/categories/${c.id}`} label={st('editLabel', { name: name(c) })}>{st('edit')}</EditCell>
              </Row>
            ))}
          </tbody>
        </DataTable>
      </Section>
    </AdminScreen>
  );
}
