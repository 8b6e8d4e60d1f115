import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { eightdRoles, listEightD, type EightDListRow } from '@/lib/eightd/read';
import { lessonsQuerySchema } from '@/lib/eightd/schemas';
import { getFormat } from '@/lib/i18n/get-format';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { PageHeader, Section } from '@/components/ui/section';
import { EmptyState } from '@/components/ui/empty-state';
import { filterButtonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

export const metadata = { title: '8D报告 · 8D reports' };

type Params = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The open 8D reports (the quality department's work list) and the lessons learned, searchable. */
export default async function EightDListPage({ searchParams }: { searchParams: Params }) {
  const user = await requireStaff(eightdRoles);
  const parsed = lessonsQuerySchema.safeParse({ q: one((await searchParams).q) });
  const q = parsed.success ? parsed.data.q : undefined;
  const now = new Date();
  const [open, closed, t, format] = await Promise.all([
    q ? Promise.resolve([] as EightDListRow[]) : listEightD(user, { closed: false, now }),
    listEightD(user, { closed: true, q }),
    getTranslations('eightd'),
    getFormat(),
  ]);
  const title = (r: EightDListRow) => <Link href={`/eightd/${r.id}`} className="text-blue-700 underline">{r.title}</Link>;
  return (
    <div>
      <PageHeader title={t('listTitle')} intro={t('intro')} />
      {!q && (
        <Section id="eightd-open" title={t('openTitle')} count={open.length}>
          {open.length === 0 ? (
            <EmptyState>{t('noneOpen')}</EmptyState>
          ) : (
            <DataTable cards testId="eightd-open" columns={[t('columns.title'), t('columns.opened'), t('columns.forms'), t('columns.next'), t('columns.overdue')]}>
              <tbody>
                {open.map((r) => (
                  <Row key={r.id}>
                    <Cell>{title(r)}</Cell>
                    <Cell label={t('columns.opened')} className="whitespace-nowrap">{format.dateTime(r.openedAt)}</Cell>
                    <Cell label={t('columns.forms')}>{r.forms}</Cell>
                    <Cell label={t('columns.next')}>{r.next ? `${r.next.discipline.toUpperCase()} ${t(`disciplines.${r.next.discipline}`)} · ${t('step.due', { at: format.dateTime(r.next.dueAt) })}` : ''}</Cell>
                    <Cell label={t('columns.overdue')} className={r.overdue ? 'font-medium text-red-800' : ''}>{r.overdue}</Cell>
                  </Row>
                ))}
              </tbody>
            </DataTable>
          )}
        </Section>
      )}
      <Section id="eightd-lessons" title={t('lessonsTitle')} hint={t('lessonsIntro')} spacing="none">
        <form method="get" role="search" className="mb-3 flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="block font-medium">{t('searchLabel')}</span>
            <input name="q" defaultValue={q ?? ''} maxLength={100} className={inputClass} />
          </label>
          <button type="submit" className={filterButtonClass}>{t('search')}</button>
        </form>
        {closed.length === 0 ? (
          <EmptyState>{t('noneClosed')}</EmptyState>
        ) : (
          <DataTable cards testId="eightd-lessons" columns={[t('columns.title'), t('columns.rootCause'), t('columns.prevention'), t('columns.closed')]}>
            <tbody>
              {closed.map((r) => (
                <Row key={r.id}>
                  <Cell>{title(r)}</Cell>
                  <Cell label={t('columns.rootCause')} className="whitespace-pre-line">{r.rootCause}</Cell>
                  <Cell label={t('columns.prevention')} className="whitespace-pre-line">{r.prevention}</Cell>
                  <Cell label={t('columns.closed')} className="whitespace-nowrap">{r.closedAt ? format.dateTime(r.closedAt) : ''}</Cell>
                </Row>
              ))}
            </tbody>
          </DataTable>
        )}
      </Section>
    </div>
  );
}
