import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import type { FormEightD } from '@/lib/eightd/read';
import { StartEightDButton } from './start-button';

/** The form page's 8D: the report covering the form (its root cause and prevention), or the button that starts one. */
export async function EightDSection({ eightd, form }: { eightd: FormEightD; form: { id: string; version: number } }) {
  const [t, format] = await Promise.all([getTranslations('eightd'), getFormat()]);
  const { report } = eightd;
  if (!report && !eightd.mayStart) return null;
  return (
    <section aria-labelledby="eightd-title" className="rounded border border-slate-200 bg-white p-4" data-testid="form-eightd">
      <h2 id="eightd-title" className="mb-2 text-lg font-medium">{t('section.title')}</h2>
      {report ? (
        <div className="space-y-2 text-sm">
          <p>
            <Link href={`/eightd/${report.id}`} className="font-medium text-blue-700 underline">{report.title}</Link>
            <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs">{t(report.closedAt ? 'status.closed' : 'status.open')}</span>
          </p>
          {report.rootCause && <p className="whitespace-pre-line"><span className="font-medium">{format.labelled(`D4 ${t('columns.rootCause')}`, '')}</span>{report.rootCause}</p>}
          {report.prevention && <p className="whitespace-pre-line"><span className="font-medium">{format.labelled(`D7 ${t('columns.prevention')}`, '')}</span>{report.prevention}</p>}
          {(report.rootCause || report.prevention) && <p className="text-slate-600">{t('section.quoteHint')}</p>}
        </div>
      ) : (
        <div className="no-print space-y-2 text-sm">
          <p className="text-slate-600">{t('section.startHint')}</p>
          <StartEightDButton complaintId={form.id} version={form.version} reports={eightd.joinable} />
        </div>
      )}
    </section>
  );
}
