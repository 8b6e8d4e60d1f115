import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { documentRoles, loadStoredReport, moneyFigureNames, summaryFigureNames } from '@/lib/documents/read';
import { groupByPerson } from '@/lib/complaints/accountability';
import { getFormat } from '@/lib/i18n/get-format';
import { PrintButton } from '@/components/ui/print-button';

export const metadata = { title: '定期报告 · Scheduled report' };

const th = 'border border-slate-300 px-2 py-1 text-left font-medium print:border-slate-500';
const td = 'border border-slate-300 px-2 py-1 align-top print:border-slate-500';

/** A stored report as a document: its frozen figures, laid out for A4 (the global print CSS sets the page). */
export default async function DocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireStaff(documentRoles);
  const report = await loadStoredReport(user, (await params).id);
  if (!report) notFound();
  const [t, format, locale] = await Promise.all([getTranslations('documents'), getFormat(), getLocale()]);
  const f = report.figures;
  const yuan = (cents: number) => format.money(cents);
  const people = groupByPerson(f.entries, locale);
  const title = `${t(`kinds.${report.kind}`)} · ${report.siteName}`;
  return (
    <article className="mx-auto max-w-3xl space-y-6 bg-white p-6 print:max-w-none print:p-0" data-testid="stored-report">
      <div className="no-print flex flex-wrap items-center gap-3 text-sm">
        <Link href="/reports/documents" className="text-blue-700 underline">← {t('back')}</Link>
        <a href={`/reports/documents/${report.id}/xlsx`} download className="ml-auto rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">{t('download')}</a>
        <PrintButton label={t('print')} look="primary" />
      </div>
      <header className="space-y-1 border-b border-slate-300 pb-3">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="text-lg">{t('period', { from: format.day(report.periodFrom), to: format.day(report.periodLast) })}</p>
        <p className="text-sm text-slate-600">{t('generated', { due: format.dateTime(report.dueAt), at: format.dateTime(report.generatedAt) })}</p>
      </header>
      <table className="w-full border-collapse text-sm" data-testid="report-figures">
        <thead>
          <tr><th scope="col" className={th}>{t('columns.figure')}</th><th scope="col" className={`${th} text-right`}>{t('columns.count')}</th></tr>
        </thead>
        <tbody>
          {summaryFigureNames.map((n) => (
            <tr key={n} className="break-inside-avoid"><th scope="row" className={`${td} font-normal`}>{t(`figures.${n}`)}</th><td className={`${td} text-right tabular-nums`}>{f[n]}</td></tr>
          ))}
          {moneyFigureNames.map((n) => (
            <tr key={n} className="break-inside-avoid">
              <th scope="row" className={`${td} font-normal`}>{t(`figures.${n}`)}</th>
              <td className={`${td} text-right tabular-nums`}>{yuan(n === 'penalties' ? f.penaltiesCents : f.rewardsCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.kind === 'accountability' && (
        <section aria-labelledby="entries" className="space-y-2">
          <h2 id="entries" className="text-lg font-medium">{t('entriesTitle')}</h2>
          {report.withheld > 0 && <p className="text-sm text-slate-600">{t('withheld', { count: report.withheld })}</p>}
          {people.length === 0 ? (
            <p className="text-sm text-slate-700">{t('noEntries')}</p>
          ) : (
            <table className="w-full border-collapse text-sm" data-testid="report-entries">
              <thead>
                <tr>
                  {(['person', 'number', 'type', 'amount', 'reason', 'at'] as const).map((c) => (
                    <th key={c} scope="col" className={th}>{t(`columns.${c}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {people.flatMap((p) =>
                  p.entries.map((e, i) => (
                    <tr key={`${p.name}-${i}`} className="break-inside-avoid">
                      <td className={td}>{i === 0 ? p.name : ''}</td>
                      <td className={`${td} font-mono`}><Link href={`/complaints/${e.number}`} className="text-blue-700 underline print:text-black print:no-underline">{e.number}</Link></td>
                      <td className={td}>{t(`types.${e.type}`)}</td>
                      <td className={`${td} text-right tabular-nums`}>{yuan(e.amountCents)}</td>
                      <td className={td}>{e.reason}</td>
                      <td className={`${td} whitespace-nowrap`}>{format.dateTime(e.at)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          )}
        </section>
      )}
    </article>
  );
}
