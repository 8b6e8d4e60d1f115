import { z } from 'zod';
import { safeText } from '@/lib/validation/text';
import { rule, ruleParams } from '@/lib/validation/issues';
import {
  addDuration,
  atLocalTime,
  nextContactDate,
  type BusinessCalendar,
  type SlaRule,
} from './calendar';
import { isTerminal, type Severity, type State } from './states';
import type { FormFacts } from './types';

export const slaKeys = [
  'step.received',
  'step.investigating',
  'step.investigating_unreachable',
  'step.pending_approval',
  'step.management_review',
  'step.gm_decision',
  'step.accountability',
  'step.follow_up',
  'step.assessment',
  'step.fault_review',
  'response.urgent',
  'resolution.urgent',
  'response.important',
  'resolution.important',
  'response.general',
  'resolution.general',
] as const;
export type SlaKey = (typeof slaKeys)[number];

export type SlaPolicy = Record<SlaKey, SlaRule> & { pendingContactDay: number };

const h = (amount: number): SlaRule => ({ amount, unit: 'hours' });
const wd = (amount: number): SlaRule => ({ amount, unit: 'working_days' });

export const defaultSlaPolicy: SlaPolicy = {
  'step.received': h(1),
  'step.investigating': h(24),
  'step.investigating_unreachable': h(48),
  'step.pending_approval': h(4),
  'step.management_review': h(4),
  'step.gm_decision': h(4),
  'step.accountability': h(8),
  'step.follow_up': h(24),
  'step.assessment': wd(3),
  'step.fault_review': wd(3),
  'response.urgent': h(1),
  'resolution.urgent': h(4),
  'response.important': h(24),
  'resolution.important': h(72),
  'response.general': wd(3),
  'resolution.general': wd(5),
  pendingContactDay: 4,
};

const slaRuleSchema = z.strictObject({
  amount: z.number().int().positive().max(10_000),
  unit: z.enum(['hours', 'working_days']),
});

/** For the admin's SLA policy editor. */
export const slaPolicySchema = z.strictObject({
  ...(Object.fromEntries(slaKeys.map((k) => [k, slaRuleSchema])) as Record<SlaKey, typeof slaRuleSchema>),
  pendingContactDay: z.number().int().min(1).max(28),
});

const dateList = z.array(z.iso.date());
/** For the admin's business-calendar editor. */
export const businessCalendarSchema = z
  .strictObject({
    timeZone: safeText().max(100).refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, { params: ruleParams('timeZone') }),
    workdayStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    workdayEnd: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    holidays: dateList,
    makeupWorkdays: dateList,
  })
  .refine((c) => c.workdayStart < c.workdayEnd, rule('workdayEndAfterStart', ['workdayEnd']));

export function severityDeadlines(
  severity: Severity,
  receivedAt: Date,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
): { responseDueAt: Date; resolutionDueAt: Date } {
  return {
    responseDueAt: addDuration(receivedAt, policy[`response.${severity}`], calendar),
    resolutionDueAt: addDuration(receivedAt, policy[`resolution.${severity}`], calendar),
  };
}

/** The pending step is due on the contact day at the start of the working day. */
export function pendingDueAt(nextContactOn: string, calendar: BusinessCalendar): Date {
  return atLocalTime(nextContactOn, calendar.workdayStart, calendar.timeZone);
}

/**
 * Deadline of the step `state` when it is entered (or re-evaluated) at `now`.
 * `form` holds the facts before the transition: negotiation inherits management_review's
 * deadline, and an unreachable customer stretches investigating from its entry time.
 */
export function stepDeadline(
  state: State,
  form: Pick<FormFacts, 'status' | 'stateEnteredAt' | 'stepDueAt' | 'customerUnreachable'>,
  now: Date,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
): Date | null {
  if (isTerminal(state)) return null;
  switch (state) {
    case 'negotiation':
      if ((form.status === 'management_review' || form.status === 'negotiation') && form.stepDueAt) {
        return form.stepDueAt;
      }
      return addDuration(now, policy['step.management_review'], calendar);
    case 'investigating':
      if (form.status === 'investigating' && form.customerUnreachable) {
        return addDuration(form.stateEnteredAt, policy['step.investigating_unreachable'], calendar);
      }
      return addDuration(now, policy['step.investigating'], calendar);
    case 'pending':
      return pendingDueAt(nextContactDate(now, policy.pendingContactDay, calendar), calendar);
    default:
      return addDuration(now, policy[`step.${state}`], calendar);
  }
}

/**
 * The deadlines still counting on a form. A closed form (archived, rejected — not founded
 * included — or withdrawn) counts none: it is never overdue, whatever its dates say. Open, the
 * first response stops counting once given, the resolution once resolved or while the case
 * waits on the pending ledger (its clock is paused).
 */
export function runningDeadlines(
  form: Pick<FormFacts, 'status' | 'stepDueAt' | 'responseDueAt' | 'resolutionDueAt' | 'firstResponseAt' | 'resolvedAt' | 'pausedAt'>,
): { step: Date | null; response: Date | null; resolution: Date | null } {
  if (isTerminal(form.status)) return { step: null, response: null, resolution: null };
  return {
    step: form.stepDueAt,
    response: form.firstResponseAt ? null : form.responseDueAt,
    resolution: form.resolvedAt || form.pausedAt ? null : form.resolutionDueAt,
  };
}

/** Whether a form is overdue now: an open form past its step deadline (a closed one never is). */
export function isOverdue(form: Pick<FormFacts, 'status' | 'stepDueAt'>, now: Date): boolean {
  return !isTerminal(form.status) && form.stepDueAt !== null && form.stepDueAt.getTime() < now.getTime();
}
