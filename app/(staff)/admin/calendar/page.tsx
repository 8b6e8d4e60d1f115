import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { requireStaff } from '@/lib/auth/session';
import { calendarYears, listCalendarDays, loadCalendarSettings } from '@/lib/admin/calendar';
import { localDate } from '@/lib/workflow';
import { AdminScreen } from '../_components/admin-nav';
import { CalendarSettingsForm } from './settings-form';
import { AddDayForm, RemoveDayButton } from './day-forms';
import { maxYear, minYear } from '@/lib/params';
import { EmptyState } from '@/components/ui/empty-state';
import { InfoNote, Section } from '@/components/ui/section';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { yearStatus } from '@/lib/calendar/years';
import { ConfirmYearButton, ImportYearButton } from './year-buttons';

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff(['admin']);
  const settings = await loadCalendarSettings();
  const params = await searchParams;
  const thisYear = Number(localDate(new Date(), settings.timeZone).slice(0, 4));
  const asked = typeof params.year === 'string' && /^\d{4}$/.test(params.year) && Number(params.year) >= minYear && Number(params.year) <= maxYear ? Number(params.year) : thisYear;
  const year = asked >= 1970 && asked <= 2200 ? asked : thisYear;
  const [days, years, status] = await Promise.all([listCalendarDays(year), calendarYears(), yearStatus(year)]);
  const t = await getTranslations('admin.calendar');
  const ct = await getTranslations('calendar');
  const format = await getFormat();
  const otherYears = [...new Set([...years, thisYear, thisYear + 1])].filter((y) => y !== year).sort((a, b) => a - b);

  return (
    <AdminScreen current="calendar" title={t('title')} intro={t('intro')} lead={<InfoNote>{t('effective')}</InfoNote>}>
      <Section id="cal-settings" title={t('settings')} card>
        <CalendarSettingsForm settings={settings} />
      </Section>

      <Section id="cal-days" title={t('days', { year })} card spacing="none">
        <nav aria-label={t('otherYears')} className="mb-4 flex flex-wrap gap-3 text-sm">
          <span className="text-slate-600">{format.labelled(t('otherYears'), '')}</span>
          {otherYears.map((y) => (
            <Link key={y} href={`/admin/calendar?year=${y}`} className="text-blue-700 underline">{y}</Link>
          ))}
        </nav>

        {/* The official holidays of the year (issue 21): import a covered year, review, confirm. */}
        <div className="mb-4 space-y-2 rounded border border-slate-200 p-3 text-sm" data-testid="calendar-official">
          <h3 className="font-medium">{ct('official')}</h3>
          <p className="text-slate-700">{ct('officialIntro', { source: status.official.source })}</p>
          <p data-testid="calendar-coverage">
            {status.official.covered
              ? `${ct('covered', { year, holidays: status.official.holidays, workdays: status.official.workdays })} ${ct('differences', { count: status.differences })}`
              : ct('notCovered', { year })}
          </p>
          <p className="font-medium" data-testid="calendar-year-status">
            {ct('status', {
              year,
              state: status.confirmedAt
                ? ct('states.confirmed', { by: status.confirmedBy ?? '—', at: format.dateTime(status.confirmedAt) })
                : status.importedAt
                  ? ct('states.imported', { source: status.source ?? '', at: format.dateTime(status.importedAt) })
                  : ct('states.none'),
            })}
          </p>
          <div className="flex flex-wrap gap-3">
            {status.official.covered && status.differences > 0 && <ImportYearButton year={year} />}
            {!status.confirmedAt && (status.importedAt || days.length > 0) && <ConfirmYearButton year={year} />}
          </div>
        </div>

        <AddDayForm year={year} />

        {days.length === 0 ? (
          <EmptyState className="mt-4">{t('empty', { year })}</EmptyState>
        ) : (
          <DataTable testId="calendar-days" frame="bare" className="mt-4" columns={[t('day'), t('weekday'), t('kind'), t('name'), { hidden: t('remove') }]}>
            <tbody>
              {days.map((d) => (
                <Row key={d.day}>
                  <Cell><time dateTime={d.day}>{format.day(d.day)}</time></Cell>
                  <Cell>{format.weekday(d.day)}</Cell>
                  <Cell>
                    <span className={`rounded px-2 py-0.5 text-xs font-medium ${d.kind === 'holiday' ? 'bg-amber-100 text-amber-900' : 'bg-sky-100 text-sky-900'}`}>
                      {t(`kinds.${d.kind}`)}
                    </span>
                  </Cell>
                  <Cell>{d.name ?? '—'}</Cell>
                  <Cell className="text-right"><RemoveDayButton day={d.day} /></Cell>
                </Row>
              ))}
            </tbody>
          </DataTable>
        )}
      </Section>
    </AdminScreen>
  );
}
