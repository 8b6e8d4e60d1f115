import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { eightdRoles, loadEightD } from '@/lib/eightd/read';
import { disciplineText } from '@/lib/eightd/export';
import { disciplines } from '@/lib/eightd/schemas';
import { getFormat } from '@/lib/i18n/get-format';
import { PrintButton } from '@/components/ui/print-button';
import { DisciplineForm } from '@/components/eightd/discipline-form';
import { workflowStateLabel } from './state-label';

export const metadata = { title: '8D报告 · 8D report' };

const th = 'border border-slate-300 px-2 py-1 text-left font-medium print:border-slate-500';
const td = 'border border-slate-300 px-2 py-1 align-top print:border-slate-500';

/** An 8D report as a document laid out for A4 (the global print CSS sets the page), with each discipline's form for its editors. */
export default async function EightDPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireStaff(eightdRoles);
  const view = await loadEightD(user, (await params).id);
  if (!view) notFound();
  const [t, format, locale, stateLabel] = await Promise.all([getTranslations('eightd'), getFormat(), getLocale(), workflowStateLabel()]);
  const { report } = view;
  const now = new Date();
  const department = locale === 'en' ? view.departmentNameEn : view.departmentName;
  const text = (key: string, values?: Record<string, string | number>) => t(key as never, values as never);
  const values: Record<string, string> = {
    team: report.team ?? '',
    problem: report.problem ?? '',
    containment: report.containment ?? '',
    rootCause: report.rootCause ?? '',
    ...Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`why${i + 1}`, report.whys[i] ?? ''])),
    correctiveActions: report.correctiveActions ?? '',
    verification: report.verification ?? '',
    preventionStandards: report.preventionStandards ?? '',
    preventionTraining: report.preventionTraining ?? '',
    preventionSupplier: report.preventionSupplier ?? '',
    closure: report.closure ?? '',
  };
  return (
    <article className="mx-auto max-w-4xl space-y-6 bg-white p-6 print:max-w-none print:p-0" data-testid="eightd-report">
      <div className="no-print flex flex-wrap items-center gap-3 text-sm">
        <Link href="/eightd" className="text-blue-700 underline">← {t('back')}</Link>
        <a href={`/eightd/${report.id}/xlsx`} download className="ml-auto rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">{t('download')}</a>
        <PrintButton label={t('print')} look="primary" />
      </div>
      <header className="space-y-1 border-b border-slate-300 pb-3">
        <p className="text-sm text-slate-600">{t('title')}</p>
        <h1 className="text-2xl font-semibold">{report.title}</h1>
        <p className="text-sm">
          <span className="rounded bg-slate-100 px-1.5" data-testid="eightd-status">{t(report.closedAt ? 'status.closed' : 'status.open')}</span>
          {' · '}{format.labelled(t('owner'), department ?? t('noOwner'))}
        </p>
        <p className="text-sm text-slate-600">
          {t('opened', { at: format.dateTime(report.openedAt), by: view.openedBy })}
          {report.closedAt && ` · ${t('closedAt', { at: format.dateTime(report.closedAt), by: view.closedBy ?? '' })}`}
        </p>
        <p className="text-sm">
          {format.labelled(t('forms'), '')}
          {view.forms.map((f, i) => (
            <span key={f.id}>
              {i > 0 && ', '}
              {f.open ? <Link href={`/complaints/${f.number}`} className="font-mono text-blue-700 underline print:text-black print:no-underline">{f.number}</Link> : <span className="font-mono">{f.number}</span>}
              {f.open ? ` (${stateLabel(f.status)})` : ` ${t('formHidden')}`}
            </span>
          ))}
        </p>
      </header>
      {/* On a phone each discipline is a block of its own: three columns at 390 px left a word a line. */}
      <table className="w-full border-collapse text-sm max-sm:block max-sm:[&_tbody]:block max-sm:[&_td]:block max-sm:[&_th]:block max-sm:[&_tr]:block max-sm:[&_tr]:mb-3" data-testid="eightd-disciplines">
        <thead className="max-sm:sr-only">
          <tr>
            <th scope="col" className={`${th} w-40`}>{t('columns.discipline')}</th>
            <th scope="col" className={th}>{t('columns.content')}</th>
            <th scope="col" className={`${th} w-44`}>{t('columns.due')}</th>
          </tr>
        </thead>
        <tbody>
          {disciplines.map((d) => {
            const step = view.steps.find((s) => s.discipline === d);
            const content = disciplineText(view, d, text);
            const late = step?.doneAt ? step.doneAt > step.dueAt : !!step && step.dueAt <= now;
            return (
              <tr key={d} className="break-inside-avoid" data-testid={`discipline-${d}`}>
                <th scope="row" className={`${td} text-left font-medium`}>{d.toUpperCase()} {t(`disciplines.${d}`)}</th>
                <td className={`${td} whitespace-pre-line`}>
                  {content || <span className="text-slate-500">{t('step.empty')}</span>}
                  {view.mayEdit && (
                    <details className="no-print mt-2" open={!step?.doneAt && d === view.steps.find((s) => !s.doneAt)?.discipline}>
                      <summary className="cursor-pointer text-blue-700">{t('form.edit', { discipline: d.toUpperCase() })}</summary>
                      <DisciplineForm reportId={report.id} discipline={d} values={values} />
                    </details>
                  )}
                </td>
                <td className={td}>
                  {step && <span className="block whitespace-nowrap">{t('step.due', { at: format.dateTime(step.dueAt) })}</span>}
                  {step?.doneAt ? (
                    <span className={late ? 'text-red-800' : 'text-green-800'}>{t(late ? 'step.doneLate' : 'step.doneOnTime', { at: format.dateTime(step.doneAt), by: step.doneBy ?? '' })}</span>
                  ) : (
                    <span className={late ? 'font-medium text-red-800' : 'text-slate-600'}>{t(late ? 'step.overdue' : 'step.open')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </article>
  );
}
