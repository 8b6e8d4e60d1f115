/**
 * Per-step timeliness of one form (issue 18), as pure functions over its history: for every
 * step of the procedure the form went through, when it was entered, its deadline, when and by
 * whom it was done, and whether that was on time. The deadlines are lib/workflow's own
 * (`stepDeadline`, `pendingDueAt` on the business calendar), replayed from the history: the
 * same rule that set `step_due_at` when the step was entered. Time on the pending ledger is a
 * step of its own (its deadline is the next contact date), so it never counts against the
 * other steps; the resolution deadline is the form's own, already moved by the pending time
 * (lib/workflow decide), and the resolution time shown leaves the pending time out.
 *
 * No database, no React: the form page (lib/reports/form-timeliness.ts reads the history) and
 * the centre's assessment start from these figures.
 */
import {
  isTerminal,
  nextContactDate,
  pendingDueAt,
  stepDeadline,
  type BusinessCalendar,
  type SlaPolicy,
  type State,
} from '@/lib/workflow';

/** One row of the form's history, as far as timeliness needs it. */
export interface TimelinessEvent {
  type: string;
  fromState: string | null;
  toState: string;
  at: Date;
  actorName: string;
  payload: unknown;
}

/**
 * - `on_time` / `late`: done, by or after its deadline;
 * - `running` / `overdue`: the form is in this step now, before or past its deadline;
 * - `ended`: the step stopped without being done (the customer withdrew);
 * - `untimed`: a step with no deadline.
 */
export type StepOutcome = 'on_time' | 'late' | 'running' | 'overdue' | 'ended' | 'untimed';

export interface StepTiming {
  step: State;
  enteredAt: Date;
  /** The deadline the step carried when it was left (or carries now). */
  dueAt: Date | null;
  doneAt: Date | null;
  doneBy: string | null;
  /** The event that ended the step. */
  doneWith: string | null;
  outcome: StepOutcome;
  /** How long the step took (or has taken so far), in ms. */
  tookMs: number;
}

function outcomeOf(dueAt: Date | null, doneAt: Date | null, ended: boolean, now: Date): StepOutcome {
  if (ended) return 'ended';
  if (!dueAt) return 'untimed';
  if (doneAt) return doneAt.getTime() <= dueAt.getTime() ? 'on_time' : 'late';
  return now.getTime() <= dueAt.getTime() ? 'running' : 'overdue';
}

/** The history in order (by version); rows that change no state may stretch a step's deadline. */
export function stepTimeliness(history: readonly TimelinessEvent[], policy: SlaPolicy, calendar: BusinessCalendar, now: Date): StepTiming[] {
  const steps: StepTiming[] = [];
  let current: { step: State; enteredAt: Date; dueAt: Date | null; unreachable: boolean } | null = null;
  for (const e of history) {
    const to = e.toState as State;
    const payload = (e.payload ?? {}) as Record<string, unknown>;
    const changes = e.fromState === null || e.fromState !== e.toState;
    if (!changes) {
      if (!current) continue;
      // The two events that move a running step's deadline (lib/workflow decide).
      if (e.type === 'note' && payload.customerUnreachable === true && current.step === 'investigating' && !current.unreachable) {
        current.unreachable = true;
        current.dueAt = stepDeadline('investigating', { status: 'investigating', stateEnteredAt: current.enteredAt, stepDueAt: current.dueAt, customerUnreachable: true }, e.at, policy, calendar);
      } else if (e.type === 'record_contact' && current.step === 'pending') {
        current.dueAt = pendingDue(e, policy, calendar);
      }
      continue;
    }
    if (current) {
      const ended = to === 'withdrawn';
      steps.push({
        step: current.step,
        enteredAt: current.enteredAt,
        dueAt: current.dueAt,
        doneAt: e.at,
        doneBy: e.actorName,
        doneWith: e.type,
        outcome: outcomeOf(current.dueAt, e.at, ended, now),
        tookMs: e.at.getTime() - current.enteredAt.getTime(),
      });
    }
    if (isTerminal(to)) {
      current = null;
      continue;
    }
    const before: { status: State; stateEnteredAt: Date; stepDueAt: Date | null; customerUnreachable: boolean } = current
      ? { status: current.step, stateEnteredAt: current.enteredAt, stepDueAt: current.dueAt, customerUnreachable: current.unreachable }
      : { status: to, stateEnteredAt: e.at, stepDueAt: null, customerUnreachable: false };
    const dueAt: Date | null = to === 'pending' && e.type === 'approve_pending' ? pendingDue(e, policy, calendar) : stepDeadline(to, before, e.at, policy, calendar);
    current = { step: to, enteredAt: e.at, dueAt, unreachable: false };
  }
  if (current) {
    steps.push({
      step: current.step,
      enteredAt: current.enteredAt,
      dueAt: current.dueAt,
      doneAt: null,
      doneBy: null,
      doneWith: null,
      outcome: outcomeOf(current.dueAt, null, false, now),
      tookMs: Math.max(0, now.getTime() - current.enteredAt.getTime()),
    });
  }
  return steps;
}

/** The pending step's deadline: the contact date the event recorded, else the policy's next one. */
function pendingDue(e: TimelinessEvent, policy: SlaPolicy, calendar: BusinessCalendar): Date {
  const payload = (e.payload ?? {}) as Record<string, unknown>;
  const day = typeof payload.nextContactOn === 'string' ? payload.nextContactOn : nextContactDate(e.at, policy.pendingContactDay, calendar);
  return pendingDueAt(day, calendar);
}

export interface FormClock {
  dueAt: Date;
  at: Date | null;
  outcome: StepOutcome;
}

/**
 * The form's two overall clocks (DESIGN §2 severity tiers): the first response, and the
 * resolution with the pending time left out (its deadline already moved by it; `tookMs` is the
 * time from receipt to resolution minus the time on the ledger).
 */
export function formClocks(
  form: { receivedAt: Date; responseDueAt: Date; firstResponseAt: Date | null; resolutionDueAt: Date; resolvedAt: Date | null; pausedMs: number; pausedAt: Date | null; status: string },
  now: Date,
): { response: FormClock & { tookMs: number | null }; resolution: FormClock & { tookMs: number | null; pausedMs: number } } {
  const closed = isTerminal(form.status as State);
  const clock = (dueAt: Date, at: Date | null): FormClock => ({ dueAt, at, outcome: at ? outcomeOf(dueAt, at, false, now) : closed ? 'ended' : outcomeOf(dueAt, null, false, now) });
  // While the form waits on the ledger its resolution clock stands still.
  const pausedNow = form.pausedAt ? Math.max(0, now.getTime() - form.pausedAt.getTime()) : 0;
  const paused = form.pausedMs + (form.resolvedAt ? 0 : pausedNow);
  const resolution = clock(new Date(form.resolutionDueAt.getTime() + (form.resolvedAt ? 0 : pausedNow)), form.resolvedAt);
  return {
    response: { ...clock(form.responseDueAt, form.firstResponseAt), tookMs: form.firstResponseAt ? form.firstResponseAt.getTime() - form.receivedAt.getTime() : null },
    resolution: { ...resolution, tookMs: form.resolvedAt ? form.resolvedAt.getTime() - form.receivedAt.getTime() - form.pausedMs : null, pausedMs: paused },
  };
}

export interface AssessmentStart {
  /** Steps with a deadline that were done (the assessment itself, running, left out). */
  timed: number;
  onTime: number;
  /** The steps done after their deadline, in the procedure's order. */
  late: StepTiming[];
  /** The timeliness part of the assessment as the figures answer it: no step done late. */
  timely: boolean;
}

/**
 * Where the centre's assessment starts (DESIGN §2: every form is checked for timeliness and
 * handling standard): the timeliness from the per-step figures, which the assessor confirms or
 * overrides; the handling standard is the person's own judgement.
 */
export function assessmentStart(steps: readonly StepTiming[]): AssessmentStart {
  const done = steps.filter((s) => s.outcome === 'on_time' || s.outcome === 'late');
  const late = done.filter((s) => s.outcome === 'late');
  return { timed: done.length, onTime: done.length - late.length, late, timely: late.length === 0 };
}
