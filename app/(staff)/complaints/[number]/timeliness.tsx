import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { loadCalendar, loadSlaPolicy } from '@/lib/complaints/settings';
import { stepTimeliness, type AssessmentStart, type StepOutcome, type TimelinessEvent } from '@/lib/reports/timeliness';
import { Cell, DataTable, Row } from '@/components/ui/table';

const tone: Record<StepOutcome, string> = {
  on_time: 'bg-green-100 text-green-900',
  late: 'bg-red-100 text-red-900',
  running: 'bg-slate-100 text-slate-800',
  overdue: 'bg-red-100 text-red-900',
  ended: 'bg-slate-100 text-slate-700',
  untimed: 'bg-slate-100 text-slate-700',
};

/**
 * Each step of the procedure the form went through: its deadline, when it was done, by whom,
 * on time or late (lib/reports/timeliness.ts, replayed from the history with the deadlines of
 * lib/workflow; time on the pending ledger is a step of its own). The centre's assessment
 * starts from these figures.
 */
export async function StepTimeliness({ events, now }: { events: readonly TimelinessEvent[]; now: Date }) {
  const [policy, calendar, t, wf, format] = await Promise.all([loadSlaPolicy(), loadCalendar(), getTranslations('timeliness'), getTranslations('workflow'), getFormat()]);
  const steps = stepTimeliness(events, policy, calendar, now);
  if (steps.length === 0) return null;
  const late = steps.filter((s) => s.outcome === 'late' || s.outcome === 'overdue').length;
  return (
    <section aria-labelledby="timeliness-title" className="rounded border border-slate-200 bg-white p-4" data-testid="step-timeliness">
      <h2 id="timeliness-title" className="mb-1 text-lg font-medium">{t('title')}</h2>
      <p className="mb-3 text-sm text-slate-600">{late ? t('summaryLate', { late, steps: steps.length }) : t('summaryOnTime', { steps: steps.length })}</p>
      <DataTable cards columns={[t('step'), t('entered'), t('due'), t('done'), t('by'), t('result')]}>
        <tbody>
          {steps.map((s, i) => (
            <Row key={`${s.step}-${i}`}>
              <Cell className="font-medium">{wf(`states.${s.step}`)}</Cell>
              <Cell className="whitespace-nowrap" label={t('entered')}>{format.dateTime(s.enteredAt)}</Cell>
              <Cell className="whitespace-nowrap" label={t('due')}>{format.dateTimeOrDash(s.dueAt)}</Cell>
              <Cell className="whitespace-nowrap" label={t('done')}>
                {format.dateTimeOrDash(s.doneAt)}
                {s.doneWith && <span className="block text-xs text-slate-600">{wf(`events.${s.doneWith}`)}</span>}
              </Cell>
              <Cell label={t('by')}>{s.doneBy ?? '—'}</Cell>
              <Cell>
                <span className={`rounded px-2 py-0.5 text-sm ${tone[s.outcome]}`} data-outcome={s.outcome}>{t(`outcomes.${s.outcome}`)}</span>
                <span className="block text-xs text-slate-600">{t('took', { time: format.duration(s.tookMs) })}</span>
              </Cell>
            </Row>
          ))}
        </tbody>
      </DataTable>
    </section>
  );
}

/**
 * Above the assessment's own fields: the timeliness part as the per-step figures answer it (the
 * "on time" answer is pre-filled from them); the handling standard is the assessor's judgement.
 */
export async function AssessmentStartNote({ start }: { start: AssessmentStart }) {
  const [t, wf, format] = await Promise.all([getTranslations('timeliness'), getTranslations('workflow'), getFormat()]);
  return (
    <div className="mb-3 rounded border border-slate-200 bg-slate-50 p-2 text-sm" data-testid="assessment-start">
      <p>{t('assessment.figures', { onTime: start.onTime, timed: start.timed })}</p>
      {start.late.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {start.late.map((s, i) => (
            <li key={`${s.step}-${i}`} data-testid="assessment-late-step">
              {t('assessment.lateStep', { step: wf(`states.${s.step}`), due: format.dateTimeOrDash(s.dueAt), done: format.dateTimeOrDash(s.doneAt) })}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-1 text-slate-600">{t(start.timely ? 'assessment.prefilledTimely' : 'assessment.prefilledLate')}</p>
    </div>
  );
}
