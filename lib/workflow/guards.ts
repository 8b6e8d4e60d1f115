import { isTerminal } from './states';
import { events, findTransition, transitionsFrom, type EventName } from './transitions';
import type { Actor, CheckResult, FormFacts, Refusal, RefusalCode } from './types';

const refuse = (code: RefusalCode, params?: Record<string, string>): CheckResult => ({
  ok: false,
  refusal: params ? { code, params } : { code },
});
const OK: CheckResult = { ok: true };

/** Events a major form may not fire in `investigating` until the GM has instructed. */
const leavesInvestigating: readonly EventName[] = ['submit_determination', 'propose_pending', 'withdraw'];

function departmentMismatch(actor: Actor, form: FormFacts): boolean {
  return actor.role === 'department' && (actor.departmentId === null || actor.departmentId !== form.departmentId);
}

/**
 * Checks that depend on what the input asks for, after it was parsed: only the desk (or admin)
 * marks a form major with a note, and only an open form.
 */
export function checkEventInput(actor: Actor, form: FormFacts, event: EventName, input: unknown): CheckResult {
  if (event === 'note' && (input as { markMajor?: boolean }).markMajor === true) {
    if (actor.role !== 'desk' && actor.role !== 'admin') return refuse('wrong_role', { event, role: actor.role });
    if (isTerminal(form.status)) return refuse('terminal', { event, state: form.status });
  }
  // A dissatisfied follow-up call is recorded with the rating that reopens the case.
  if (event === 'reopen' && form.status === 'follow_up' && (input as { satisfaction?: number }).satisfaction === undefined) {
    return refuse('rating_required');
  }
  return OK;
}

/** May `actor` fire `event` on `form` now? Checks state, role, department, parties and the special rules. */
export function checkEvent(actor: Actor, form: FormFacts, event: EventName): CheckResult {
  if (!events.includes(event)) return refuse('wrong_state', { event: String(event), state: form.status });
  if (form.partyUserIds.includes(actor.id)) return refuse('involved_party');

  if (event === 'note') {
    if (form.status === 'withdrawn') return refuse('withdrawn_no_notes');
    if (actor.role === 'finance') return refuse('wrong_role', { event, role: actor.role });
    if (departmentMismatch(actor, form)) return refuse('wrong_department');
    return OK;
  }

  // Evidence (photos, PDFs) only while the form is open: an archived, rejected or withdrawn form is a closed record.
  if (event === 'evidence_added') {
    if (isTerminal(form.status)) return refuse('terminal', { event, state: form.status });
    if (departmentMismatch(actor, form)) return refuse('wrong_department');
    return OK;
  }

  if (event === 'instruct') {
    if (isTerminal(form.status)) return refuse('terminal', { event, state: form.status });
    if (actor.role !== 'gm' && actor.role !== 'admin') return refuse('wrong_role', { event, role: actor.role });
    if (!form.major) return refuse('not_major');
    return OK;
  }

  const tr = findTransition(form.status, event);
  if (!tr) return refuse(isTerminal(form.status) ? 'terminal' : 'wrong_state', { event, state: form.status });
  if (actor.role !== 'admin' && !tr.roles.includes(actor.role)) {
    return refuse('wrong_role', { event, role: actor.role });
  }
  if (departmentMismatch(actor, form)) return refuse('wrong_department');

  if (event === 'submit_determination' && actor.role === 'department') {
    const isHead = actor.departmentPosition === 'head';
    const standsIn = actor.departmentPosition === 'secondary' && form.departmentHeadAbsent;
    if (!isHead && !standsIn) return refuse('needs_head');
  }

  if (
    form.status === 'investigating' &&
    form.major &&
    form.gmInstructedAt === null &&
    leavesInvestigating.includes(event)
  ) {
    return refuse('needs_gm_instruction');
  }
  return OK;
}

export interface AvailableEvent {
  event: EventName;
  ok: boolean;
  refusal?: Refusal;
}

/** Every event that exists from the form's state (plus note and instruct), each with why not. */
export function availableEvents(actor: Actor, form: FormFacts): AvailableEvent[] {
  const candidates: EventName[] = transitionsFrom(form.status).map((tr) => tr.event);
  candidates.push('note', 'instruct');
  return candidates.map((event) => {
    const r = checkEvent(actor, form, event);
    return r.ok ? { event, ok: true } : { event, ok: false, refusal: r.refusal };
  });
}

/** May `userId` be assigned to the form (customer manager, handler)? Involved parties may not. */
export function assignableCheck(userId: string, form: Pick<FormFacts, 'partyUserIds'>): CheckResult {
  return form.partyUserIds.includes(userId) ? refuse('involved_party') : OK;
}

/** Whether `actor` fires `event` as a repair (admin acting for the owner), which must be made visible. */
export function isAdminRepair(actor: Actor, event: EventName): boolean {
  return actor.role === 'admin' && event !== 'note' && event !== 'evidence_added';
}
