import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { requireStaff } from '@/lib/auth/session';
import { calendarYears, listCalendarDays, loadCalendarSettings } from '@/lib/admin/calendar';
import { localDate } from '@/lib/workflow';
import { AdminNav } from '../_components/admin-nav';
import { CalendarSettingsForm } from './settings-form';
import { AddDayForm, RemoveDayButton } from './day-forms';
import { maxYear, minYear } from '@/lib/params';
import { InfoIcon } from '@/components/ui/icons';

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff(['admin']);
  const settings = await loadCalendarSettings();
  const params = await searchParams;
  const thisYear = Number(localDate(new Date(), settings.timeZone).slice(0, 4));
  const asked = typeof params.year === 'string' && /^\d{4}$/.test(params.year) && Number(params.year) >= minYear && Number(params.year) <= maxYear ? Number(params.year) : thisYear;
  const year = asked >= 1970 && asked <= 2200 ? asked : thisYear;
  const [days, years] = await Promise.all([listCalendarDays(year), calendarYears()]);
  const t = await getTranslations('admin.calendar');
  const format = await getFormat();
  const otherYears = [...new Set([...years, thisYear, thisYear + 1])].filter((y) => y !== year).sort((a, b) => a - b);

  return (
    <>
      <AdminNav current="calendar" />
      <h1 className="mb-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-2 max-w-3xl text-slate-700">{t('intro')}</p>
      <p className="mb-4 max-w-3xl rounded border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">
        <InfoIcon />{' '}
        {t('effective')}
      </p>

      <section aria-labelledby="cal-settings" className="mb-8 rounded border border-slate-200 bg-white p-4">
        <h2 id="cal-settings" className="mb-3 text-lg font-medium">{t('settings')}</h2>
        <CalendarSettingsForm settings={settings} />
      </section>

      <section aria-labelledby="cal-days" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="cal-days" className="mb-2 text-lg font-medium">{t('days', { year })}</h2>
        <nav aria-label={t('otherYears')} className="mb-4 flex flex-wrap gap-3 text-sm">
          <span className="text-slate-600">{format.labelled(t('otherYears'), '')}</span>
          {otherYears.map((y) => (
            <Link key={y} href={`/admin/calendar?year=${y}`} className="text-blue-700 underline">{y}</Link>
          ))}
        </nav>

        <AddDayForm year={year} />

        {days.length === 0 ? (
          <p className="mt-4 text-slate-600">{t('empty', { year })}</p>
        ) : (
          <div className="mt-4 overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="calendar-days">
              <thead className="bg-slate-100 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">{t('day')}</th>
                  <th scope="col" className="px-3 py-2">{t('weekday')}</th>
                  <th scope="col" className="px-3 py-2">{t('kind')}</th>
                  <th scope="col" className="px-3 py-2">{t('name')}</th>
                  <th scope="col" className="px-3 py-2"><span className="sr-only">{t('remove')}</span></th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.day} className="border-t border-slate-100">
                    <td className="px-3 py-2"><time dateTime={d.day}>{format.day(d.day)}</time></td>
                    <td className="px-3 py-2">{format.weekday(d.day)}</td>
                    <td className="px-3 py-2">
                      <span className={`rounded px-2 py-0.5 text-xs font-medium ${d.kind === 'holiday' ? 'bg-amber-100 text-amber-900' : 'bg-sky-100 text-sky-900'}`}>
                        {t(`kinds.${d.kind}`)}
                      </span>
                    </td>
                    <td className="px-3 py-2">{d.name ?? '—'}</td>
                    <td className="px-3 py-2 text-right">
                      <RemoveDayButton day={d.day} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
