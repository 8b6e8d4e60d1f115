import { nextContactDate, type BusinessCalendar } from './calendar';
import type { EventInput } from './schemas';
import { pendingDueAt, severityDeadlines, stepDeadline, type SlaPolicy } from './sla';
import type { PendingReason, State } from './states';
import { findTransition, isStatelessEvent, type EventName } from './transitions';
import type { Actor, Decision, Effect, FormFacts, FormPatch, NotifyAudience } from './types';

/** What the desk/department proposed with `propose_pending`; `approve_pending` opens the ledger with it. */
export interface PendingProposal {
  reason: PendingReason;
  explanation: string;
}

export interface DecideContext {
  now: Date;
  actor: Actor;
  policy: SlaPolicy;
  calendar: BusinessCalendar;
  /** Required for `approve_pending`: the payload of the latest `propose_pending` (see `latestPendingProposal`). */
  pendingProposal?: PendingProposal;
  /** For `approve_final` of a not-founded form: the determination's explanation (the form's `rejectionExplanation`). */
  notFoundedExplanation?: string | null;
}

/** The latest `propose_pending` payload in a form's history (oldest first). */
export function latestPendingProposal(
  history: readonly { event: string; payload: unknown }[],
): PendingProposal | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const row = history[i];
    if (row.event !== 'propose_pending') continue;
    const p = row.payload as Partial<PendingProposal> | null;
    if (p && typeof p.reason === 'string' && typeof p.explanation === 'string') {
      return { reason: p.reason, explanation: p.explanation };
    }
  }
  return undefined;
}

const customerVisibleEvents: Partial<Record<EventName, true>> = {
  triage: true,
  resolve_on_spot: true,
  reject: true,
  withdraw: true,
  approve_pending: true,
  record_contact: true,
  resume: true,
  complete_handling: true,
  record_follow_up: true,
  reopen: true,
};

/** Customer notification templates; events the customer takes part in directly need none. */
const customerTemplates: Partial<Record<EventName, string>> = {
  triage: 'triaged',
  resolve_on_spot: 'resolved',
  reject: 'rejected',
  withdraw: 'withdrawn',
  approve_pending: 'pending',
  resume: 'resumed',
  complete_handling: 'resolved',
  reopen: 'reopened',
  note: 'progress',
};

const stateAudience: Record<State, NotifyAudience[]> = {
  received: ['desk'],
  investigating: ['department', 'customer_manager'],
  pending_approval: ['gm'],
  pending: ['customer_manager', 'desk'],
  management_review: ['management'],
  negotiation: ['management', 'customer_manager', 'department'],
  gm_decision: ['gm'],
  accountability: ['management', 'customer_manager', 'department'],
  follow_up: ['desk'],
  assessment: ['desk'],
  fault_review: ['management'],
  archived: [],
  rejected: [],
  withdrawn: [],
};

function nextState(form: FormFacts, event: EventName, input: unknown): State {
  if (isStatelessEvent(event)) return form.status;
  const tr = findTransition(form.status, event);
  if (!tr) throw new Error(`decide: no transition ${form.status} --${event}-->`);
  if (event === 'resolve_on_spot') {
    return (input as EventInput<'resolve_on_spot'>).followUpWanted ? 'follow_up' : 'assessment';
  }
  if (event === 'complete_handling') return form.followUpWanted ? 'follow_up' : 'assessment';
  if (event === 'approve_final') return form.founded === false ? 'rejected' : 'accountability';
  if (Array.isArray(tr.to)) throw new Error(`decide: ${form.status} --${event}--> has no rule for its target`);
  return tr.to;
}

/**
 * What follows when `event` is applied: next state, form patch, side effects, history payload.
 * Guards are not re-checked: call `checkEvent` first and parse `input` with `eventSchemas[event]`.
 * `version` is not touched: the command layer bumps it with its optimistic lock.
 */
export function decide(form: FormFacts, event: EventName, input: unknown, ctx: DecideContext): Decision {
  const { now, actor, policy, calendar } = ctx;
  const to = nextState(form, event, input);
  const changed = to !== form.status;
  const patch: FormPatch = { status: to };
  const effects: Effect[] = [];
  const payload: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  let customerVisible = customerVisibleEvents[event] === true;

  if (changed) {
    patch.stateEnteredAt = now;
    patch.stepDueAt = stepDeadline(to, form, now, policy, calendar);
    if (to === 'investigating' && form.customerUnreachable) patch.customerUnreachable = false;
  }

  switch (event) {
    case 'triage': {
      const i = input as EventInput<'triage'>;
      patch.departmentId = i.departmentId;
      patch.severity = i.severity;
      patch.major = i.major;
      patch.followUpWanted = i.followUpWanted;
      if (i.customerManagerId !== undefined) patch.customerManagerId = i.customerManagerId;
      if (i.partyUserIds) {
        // Parties are only ever added here: dropping one must not let them handle the form.
        patch.partyUserIds = [...new Set([...form.partyUserIds, ...i.partyUserIds])];
      }
      if (i.severity !== form.severity) {
        const d = severityDeadlines(i.severity, form.receivedAt, policy, calendar);
        patch.responseDueAt = d.responseDueAt;
        patch.resolutionDueAt = new Date(d.resolutionDueAt.getTime() + form.pausedMs);
      }
      if (i.major && form.gmInstructedAt === null) effects.push(notify('gm', 'major_needs_instruction'));
      break;
    }
    case 'resolve_on_spot': {
      const i = input as EventInput<'resolve_on_spot'>;
      patch.rootCause = i.rootCause;
      patch.preventiveAction = i.preventiveAction;
      patch.followUpWanted = i.followUpWanted;
      effects.push({ kind: 'remedy', status: 'delivered', remedy: i.remedy });
      break;
    }
    case 'reject':
      patch.rejectionExplanation = (input as EventInput<'reject'>).explanation;
      break;
    case 'withdraw':
      patch.withdrawReason = (input as EventInput<'withdraw'>).reason;
      if (form.status === 'pending') effects.push({ kind: 'ledger_close', outcome: 'withdrawn' });
      break;
    case 'submit_determination': {
      const i = input as EventInput<'submit_determination'>;
      patch.founded = i.founded;
      patch.rootCause = i.rootCause;
      // A determination replaces the one before it (after a return): nothing of the other answer stays.
      // A directory person arrives with their name filled in by the command layer.
      patch.responsiblePerson = i.founded ? i.responsiblePerson : null;
      patch.responsibleUserId = i.founded ? (i.responsibleUserId ?? null) : null;
      patch.preventiveAction = i.preventiveAction ?? null;
      patch.rejectionExplanation = i.founded ? null : i.customerExplanation;
      // Talking to the customer about the determination is a response to them.
      if (i.customerContacted && form.firstResponseAt === null) patch.firstResponseAt = now;
      if (i.founded && i.remedyProposal) effects.push({ kind: 'remedy', status: 'proposed', remedy: i.remedyProposal });
      break;
    }
    case 'approve_pending': {
      const i = input as EventInput<'approve_pending'>;
      const proposal = ctx.pendingProposal;
      if (!proposal) throw new Error('decide(approve_pending): ctx.pendingProposal is required');
      const nextContactOn = i.nextContactOn ?? nextContactDate(now, policy.pendingContactDay, calendar);
      patch.stepDueAt = pendingDueAt(nextContactOn, calendar);
      patch.pausedAt = now;
      effects.push({ kind: 'ledger_open', reason: proposal.reason, explanation: proposal.explanation, nextContactOn });
      Object.assign(payload, { reason: proposal.reason, explanation: proposal.explanation, nextContactOn });
      break;
    }
    case 'record_contact': {
      const i = input as EventInput<'record_contact'>;
      const nextContactOn = i.nextContactOn ?? nextContactDate(now, policy.pendingContactDay, calendar);
      patch.stepDueAt = pendingDueAt(nextContactOn, calendar);
      effects.push({ kind: 'ledger_contact', summary: i.summary, nextContactOn });
      payload.nextContactOn = nextContactOn;
      break;
    }
    case 'resume':
      effects.push({ kind: 'ledger_close', outcome: 'resumed' });
      break;
    case 'approve_opinion':
      patch.faultOpinion = (input as EventInput<'approve_opinion'>).faultOpinion;
      break;
    case 'record_negotiation':
      patch.faultOpinion = (input as EventInput<'record_negotiation'>).opinion;
      break;
    case 'approve_final':
      patch.finalOpinion = (input as EventInput<'approve_final'>).opinion;
      // Not founded: the form closes here and the customer reads the finding's explanation.
      if (to === 'rejected') {
        customerVisible = true;
        // The history row the customer sees carries the finding, never the GM's internal opinion.
        if (ctx.notFoundedExplanation) payload.explanation = ctx.notFoundedExplanation;
      }
      break;
    case 'complete_handling': {
      const i = input as EventInput<'complete_handling'>;
      patch.rootCause = i.rootCause;
      patch.preventiveAction = i.preventiveAction;
      effects.push({ kind: 'remedy', status: 'delivered', remedy: i.remedyDelivered });
      if (i.accountability.length > 0) effects.push({ kind: 'accountability', entries: i.accountability });
      break;
    }
    case 'record_follow_up':
      patch.satisfaction = (input as EventInput<'record_follow_up'>).satisfaction;
      break;
    case 'reopen':
      if (form.status === 'follow_up') patch.satisfaction = (input as EventInput<'reopen'>).satisfaction;
      // A rejected form starts over at the desk: the old finding no longer stands.
      if (form.status === 'rejected' && form.founded !== null) patch.founded = null;
      if (form.status === 'archived' || form.status === 'follow_up') {
        if (form.resolvedAt !== null) patch.resolvedAt = null;
        if (form.archivedAt !== null) patch.archivedAt = null;
      }
      break;
    case 'pass_assessment':
      patch.archivedAt = now;
      break;
    case 'settle_fault': {
      const i = input as EventInput<'settle_fault'>;
      patch.archivedAt = now;
      if (i.accountability && i.accountability.length > 0) {
        effects.push({ kind: 'accountability', entries: i.accountability });
      }
      break;
    }
    case 'note': {
      const i = input as EventInput<'note'>;
      customerVisible = i.customerVisible;
      // Only meaningful during investigating: it stretches that step to the longer deadline.
      if (i.customerUnreachable === true && form.status === 'investigating' && !form.customerUnreachable) {
        patch.customerUnreachable = true;
        patch.stepDueAt = stepDeadline('investigating', { ...form, customerUnreachable: true }, now, policy, calendar);
      }
      if (i.markMajor === true && !form.major) {
        patch.major = true;
        if (form.gmInstructedAt === null) effects.push(notify('gm', 'major_needs_instruction'));
      }
      break;
    }
    case 'evidence_added': {
      const i = input as EventInput<'evidence_added'>;
      effects.push({ kind: 'attachments', files: i.files });
      // Staff evidence is internal; the customer's own photos arrive through createComplaint.
      customerVisible = false;
      break;
    }
    case 'instruct':
      if (form.gmInstructedAt === null) patch.gmInstructedAt = now;
      effects.push(notify('customer_manager', 'gm_instruction'), notify('department', 'gm_instruction'));
      break;
    default:
      break;
  }

  // The resolution clock stands still while the case is a pending item.
  if (form.status === 'pending' && to !== 'pending' && form.pausedAt !== null) {
    const paused = Math.max(0, now.getTime() - form.pausedAt.getTime());
    patch.pausedAt = null;
    patch.pausedMs = form.pausedMs + paused;
    patch.resolutionDueAt = new Date(form.resolutionDueAt.getTime() + paused);
  }

  if ((to === 'follow_up' || to === 'assessment') && changed && form.resolvedAt === null) patch.resolvedAt = now;
  if (customerVisible && form.firstResponseAt === null) patch.firstResponseAt = now;

  if (changed) for (const audience of stateAudience[to]) effects.push(notify(audience, 'state_changed'));
  const customerTemplate = event === 'approve_final' ? (to === 'rejected' ? 'not_founded' : undefined) : customerTemplates[event];
  if (customerVisible && customerTemplate) effects.push(notify('customer', customerTemplate));
  if (actor.role === 'admin' && event !== 'note' && event !== 'evidence_added') {
    effects.push(notify('management', 'admin_repair'));
    payload.adminRepair = true;
  }

  return { to, patch, effects: dedupeNotify(effects), customerVisible, payload };
}

function notify(audience: NotifyAudience, template: string): Effect {
  return { kind: 'notify', audience, template };
}

function dedupeNotify(effects: Effect[]): Effect[] {
  const seen = new Set<string>();
  return effects.filter((e) => {
    if (e.kind !== 'notify') return true;
    const key = `${e.audience}:${e.template}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Applies a decision's patch to in-memory facts (tests, previews); the command layer writes columns instead. */
export function applyPatch<F extends FormFacts>(form: F, patch: FormPatch): F {
  return { ...form, ...patch };
}
