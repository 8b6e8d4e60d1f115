import { useTranslations } from 'next-intl';
import type { TriageSuggestion } from '@/lib/triage/suggest';
import { crisisSignalNames } from '@/lib/triage/signals';

const percent = (x: number) => Math.round(x * 100);

/**
 * The triage suggestion beside the desk's choices: category, owning department and severity, each
 * with the model's confidence, and the crisis warning. Shown, never filled in: the person chooses.
 * Renders in a server page and in the client intake form alike (no hooks but translations).
 */
export function SuggestionView({ suggestion, locale, formatList }: { suggestion: TriageSuggestion; locale: string; formatList: (xs: string[]) => string }) {
  const t = useTranslations('triage');
  const wf = useTranslations('workflow');
  const en = locale === 'en';
  const { category, department, severity, crisis } = suggestion;
  const row = (label: string, value: string | null, confidence: number | null, testId: string) => (
    <div className="flex flex-wrap items-baseline gap-x-2" data-testid={testId}>
      <dt className="text-slate-600">{label}</dt>
      {/* Below the admin's confidence (/admin/triage) the label is not offered, only how unsure the model is. */}
      <dd className="font-medium">
        {confidence !== null && value && confidence < suggestion.threshold ? (
          <span className="font-normal text-slate-600">{t('unsure', { percent: percent(confidence) })}</span>
        ) : (
          <>
            {value ?? t('notOffered')}
            {confidence !== null && value && <span className="ml-2 text-xs font-normal text-slate-600">{t('confidence', { percent: percent(confidence) })}</span>}
          </>
        )}
      </dd>
    </div>
  );
  return (
    <div className="space-y-2" data-testid="triage-suggestion">
      {crisis.flag && <CrisisWarning signals={crisis.signals} formatList={formatList} />}
      <section aria-labelledby="triage-suggestion-title" className="rounded border border-sky-200 bg-sky-50 p-3 text-sm">
        <h3 id="triage-suggestion-title" className="font-medium">{t('title')}</h3>
        <p className="mb-2 text-xs text-slate-600">{t('hint')}</p>
        <dl className="space-y-1">
          {row(t('category'), category ? (en ? category.nameEn : category.name) : null, category?.confidence ?? null, 'suggested-category')}
          {row(t('department'), department ? (en ? department.nameEn : department.name) : null, department?.confidence ?? null, 'suggested-department')}
          {row(t('severity'), wf(`severities.${severity.code}` as never), severity.confidence, 'suggested-severity')}
        </dl>
      </section>
    </div>
  );
}

/** The crisis warning: which §2a signals the customer's words carry. */
export function CrisisWarning({ signals, formatList }: { signals: readonly string[]; formatList: (xs: string[]) => string }) {
  const t = useTranslations('triage.crisis');
  const named = crisisSignalNames.filter((s) => signals.includes(s)).map((s) => t(`signals.${s}` as never));
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid="crisis-warning">
      <p className="font-medium">{t('title')}</p>
      {named.length > 0 && <p>{t('text', { signals: formatList(named) })}</p>}
    </div>
  );
}
