import { getLocale, getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { requireStaff } from '@/lib/auth/session';
import { monthlyReport, reportRoles } from '@/lib/complaints/reports';
import { loadCalendar } from '@/lib/complaints/settings';
import { localDate } from '@/lib/workflow';
import { notFound } from 'next/navigation';
import { isMonth } from '@/lib/params';

export default async function ReportsPage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const user = await requireStaff(reportRoles);
  const [t, format, locale, calendar] = await Promise.all([getTranslations('reports'), getFormat(), getLocale(), loadCalendar()]);
  const requested = (await searchParams).month;
  // A month outside the portal's years (e.g. 9999-12) would make PostgreSQL fail on the range.
  if (requested !== undefined && requested !== '' && !isMonth(requested)) notFound();
  const month = requested ? requested : localDate(new Date(), calendar.timeZone).slice(0, 7);
  const report = await monthlyReport(user, month, calendar.timeZone, undefined, locale);
  const money = (cents: number | null) => format.money(cents ?? 0);
  const th = 'px-3 py-2 text-left';
  const td = 'px-3 py-2 border-t border-slate-100';
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <form method="get" className="flex items-end gap-2 no-print">
          <div>
            <label htmlFor="month" className="block text-sm">{t('month')}</label>
            <input id="month" name="month" type="month" defaultValue={month} className="rounded border border-slate-300 px-2 py-1" />
          </div>
          <button type="submit" className="rounded border border-slate-300 px-3 py-1">{t('show')}</button>
        </form>
      </div>

      <section aria-labelledby="r-received">
        <h2 id="r-received" className="mb-2 text-lg font-medium">{t('received')}</h2>
        <table className="w-full rounded border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-100"><tr><th className={th}>{t('category')}</th><th className={th}>{t('forms')}</th><th className={th}>{t('resolved')}</th><th className={th}>{t('onTime')}</th><th className={th}>{t('notFounded')}</th><th className={th}>{t('repeats')}</th></tr></thead>
          <tbody>
            {report.received.map((r) => (
              <tr key={r.category ?? '-'}><td className={td}>{(locale === 'en' ? r.categoryEn : r.category) ?? '—'}</td><td className={td}>{r.forms}</td><td className={td}>{r.resolved}</td><td className={td}>{r.onTime}</td><td className={td} data-testid="not-founded">{r.notFounded}</td><td className={td} data-testid="repeats">{r.repeats}</td></tr>
            ))}
            {report.received.length === 0 && <tr><td className={td} colSpan={6}>{t('none')}</td></tr>}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="r-accountability">
        <h2 id="r-accountability" className="mb-2 text-lg font-medium">{t('accountability')}</h2>
        <div className="overflow-x-auto">
          <table className="w-full rounded border border-slate-200 bg-white text-sm" data-testid="accountability-report">
            <thead className="bg-slate-100">
              <tr><th className={th}>{t('person')}</th><th className={th}>{t('number')}</th><th className={th}>{t('type')}</th><th className={th}>{t('amount')}</th><th className={th}>{t('reason')}</th></tr>
            </thead>
            {report.accountability.map((p) => {
              const department = locale === 'en' ? p.departmentNameEn : p.departmentName;
              return (
                // One body per person: their entries, each with its form, then their totals.
                <tbody key={p.userId ?? `name:${p.name}`} data-testid="accountability-person">
                  {p.entries.map((e, i) => (
                    <tr key={`${e.number}-${i}`}>
                      {i === 0 && (
                        <th scope="rowgroup" rowSpan={p.entries.length + 1} className={`${td} text-left align-top font-medium`}>
                          {p.name}
                          <span className="block text-xs font-normal text-slate-600">{p.userId ? department ?? '' : t('outsideDirectory')}</span>
                        </th>
                      )}
                      <td className={`${td} whitespace-nowrap font-mono`}>{e.number}</td>
                      <td className={`${td} whitespace-nowrap`}>{t(`types.${e.type}`)}</td>
                      <td className={`${td} whitespace-nowrap`}>{money(e.amountCents)}</td>
                      <td className={`${td} min-w-48`}>{e.reason}</td>
                    </tr>
                  ))}
                  <tr className="bg-slate-50">
                    <td className={td} colSpan={2}>{t('personTotal')}</td>
                    <td className={td} colSpan={2}>{t('types.penalty')} {money(p.penaltyCents)} · {t('types.reward')} {money(p.rewardCents)}</td>
                  </tr>
                </tbody>
              );
            })}
            {report.accountability.length === 0 && <tbody><tr><td className={td} colSpan={5}>{t('none')}</td></tr></tbody>}
          </table>
        </div>
      </section>

      <section aria-labelledby="r-compensation">
        <h2 id="r-compensation" className="mb-2 text-lg font-medium">{t('compensation')}</h2>
        <table className="w-full rounded border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-100"><tr><th className={th}>{t('number')}</th><th className={th}>{t('description')}</th><th className={th}>{t('amount')}</th></tr></thead>
          <tbody>
            {report.compensation.map((r) => (
              <tr key={`${r.number}-${r.at.toISOString()}`}><td className={`${td} font-mono`}>{r.number}</td><td className={td}>{r.description}</td><td className={td}>{money(r.amountCents)}</td></tr>
            ))}
            {report.compensation.length === 0 && <tr><td className={td} colSpan={3}>{t('none')}</td></tr>}
          </tbody>
        </table>
        <p className="mt-2 text-sm">{format.labelled(t('total'), money(report.compensation.reduce((sum, r) => sum + (r.amountCents ?? 0), 0)))}</p>
      </section>
    </div>
  );
}
