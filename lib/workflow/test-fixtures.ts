// Shared by unit and integration tests; not imported by application code.
import { defaultCalendar, type BusinessCalendar } from './calendar';
import { applyPatch, decide, latestPendingProposal } from './decide';
import { checkEvent } from './guards';
import { eventSchemas, type EventRawInput } from './schemas';
import { defaultSlaPolicy, severityDeadlines, type SlaPolicy } from './sla';
import type { Role, State } from './states';
import type { EventName } from './transitions';
import type { Actor, Decision, FormFacts, Refusal } from './types';

/** A determination that finds the complaint not founded (DESIGN §3): a finding, an explanation, no remedy. */
export const notFoundedDetermination: EventRawInput<'submit_determination'> = {
  founded: false,
  rootCause: 'Repair records show the removed part was fitted elsewhere',
  customerExplanation: 'We compared our repair records: the part removed was not fitted by us, so we cannot treat it as our fault.',
  customerContacted: true,
};

/** A valid input for every event. */
export const sampleInputs: { [E in EventName]: EventRawInput<E> } = {
  triage: { departmentId: 'dep-service', severity: 'important', major: false, followUpWanted: true, customerManagerId: 'u-desk' },
  resolve_on_spot: {
    remedy: { kind: 'apology', description: 'Apologised in person' },
    rootCause: 'Waiting area was not cleaned',
    preventiveAction: 'Hourly cleaning round',
    followUpWanted: true,
    customerWhen: 'Settled while you waited, today',
    customerHow: 'We apologised and cleaned the waiting area at once',
    customerCause: 'The cleaning round had been skipped that morning',
    customerPrevention: 'The waiting area is now cleaned every hour, on a signed round',
  },
  propose_pending: { reason: 'parts_delayed', explanation: 'Gearbox part on back order' },
  reject: { explanation: 'The warranty expired in 2024; we explained the terms.' },
  withdraw: { reason: 'Customer settled it with the dealer directly' },
  submit_determination: {
    founded: true,
    responsibleDepartmentId: 'dep-service',
    rootCause: 'Torque not checked after the wheel change',
    responsiblePerson: 'Technician Li',
    remedyProposal: { kind: 'compensation', description: 'Refund of the labour', amountCents: 30_000 },
    preventiveAction: 'Torque check added to the checklist',
    customerContacted: true,
  },
  approve_pending: { nextContactOn: '2026-12-04', comment: 'Approved' },
  refuse_pending: { reason: 'The fault is clear enough' },
  record_contact: { summary: 'Called, customer will come next week', nextContactOn: '2027-01-04' },
  resume: { reason: 'Part arrived' },
  approve_opinion: { faultOpinion: 'Agree with the determination' },
  dispute_opinion: { reason: 'Penalty is out of proportion' },
  return_to_department: { reason: 'Root cause is not convincing' },
  record_negotiation: { participants: ['Zhang (management)', 'Wang (service)'], opinion: 'Shared fault', signed: true },
  approve_final: { opinion: 'Proceed as negotiated' },
  return_to_management: { reason: 'Check the warranty terms again' },
  complete_handling: {
    remedyDelivered: { kind: 'compensation', description: 'Labour refunded', amountCents: 30_000 },
    accountability: [{ person: 'Technician Li', userId: 'u-tech', type: 'penalty', amountCents: 10_000, reason: 'Missed torque check' }],
    rootCause: 'Torque not checked after the wheel change',
    preventiveAction: 'Torque check added to the checklist',
    customerWhen: 'Done today: the wheel is refitted and the labour refunded',
    customerHow: 'We refitted the wheel to the right torque and refunded the labour',
    customerCause: 'The wheel nuts were not checked after the wheel change',
    customerPrevention: 'A torque check is now on every wheel-change checklist',
  },
  record_follow_up: { satisfaction: 5, summary: 'Customer satisfied' },
  reopen: { reason: 'Customer still hears the noise' },
  pass_assessment: { timely: true, standardMet: true },
  flag_fault: { fault: 'Follow-up call was two days late' },
  settle_fault: { settlement: 'Desk reminded of the 24 h rule' },
  note: { text: 'Customer called to ask for progress', customerVisible: true },
  instruct: { instruction: 'Visit the customer with the service manager tomorrow' },
  evidence_added: { files: [{ sha256: 'ab'.repeat(32), filename: 'scratch.jpg', mime: 'image/jpeg', size: 123_456, width: 4032, height: 3024 }] },
};

const role = (id: string, r: Role, departmentId: string | null = null, departmentPosition: Actor['departmentPosition'] = null): Actor => ({
  id,
  role: r,
  departmentId,
  departmentPosition,
});

export const actors = {
  desk: role('u-desk', 'desk'),
  deptHead: role('u-head', 'department', 'dep-service', 'head'),
  deptPrimary: role('u-primary', 'department', 'dep-service', 'primary'),
  deptSecondary: role('u-secondary', 'department', 'dep-service', 'secondary'),
  otherDeptHead: role('u-parts-head', 'department', 'dep-parts', 'head'),
  management: role('u-mgmt', 'management'),
  gm: role('u-gm', 'gm'),
  admin: role('u-admin', 'admin'),
  finance: role('u-fin', 'finance'),
  party: role('u-tech', 'desk'),
} satisfies Record<string, Actor>;

export const fixtureNow = new Date('2026-11-02T01:00:00Z'); // Monday 09:00 Asia/Shanghai

/** A freshly received form (or one in `status` with the given overrides). */
export function makeForm(overrides: Partial<FormFacts> = {}, policy: SlaPolicy = defaultSlaPolicy, calendar: BusinessCalendar = defaultCalendar): FormFacts {
  const receivedAt = overrides.receivedAt ?? fixtureNow;
  const severity = overrides.severity ?? 'general';
  return {
    status: 'received',
    version: 1,
    severity,
    departmentId: 'dep-service',
    customerManagerId: 'u-desk',
    major: false,
    gmInstructedAt: null,
    followUpWanted: true,
    founded: null,
    customerUnreachable: false,
    partyUserIds: ['u-tech'],
    departmentHeadAbsent: false,
    receivedAt,
    stateEnteredAt: receivedAt,
    stepDueAt: new Date(receivedAt.getTime() + 3_600_000),
    ...severityDeadlines(severity, receivedAt, policy, calendar),
    firstResponseAt: null,
    resolvedAt: null,
    archivedAt: null,
    pausedAt: null,
    pausedMs: 0,
    ...overrides,
  };
}

export interface HistoryRow {
  event: EventName;
  from: State;
  to: State;
  actorId: string;
  at: Date;
  customerVisible: boolean;
  payload: Record<string, unknown>;
}

export interface MemoryCase {
  form: FormFacts;
  history: HistoryRow[];
}

export type ApplyResult =
  | { ok: true; case: MemoryCase; decision: Decision }
  | { ok: false; refusal: Refusal; case: MemoryCase };

/** The command layer in miniature: guard, parse, decide, bump version, append history. */
export function applyInMemory(
  c: MemoryCase,
  actor: Actor,
  event: EventName,
  input: unknown,
  now: Date,
  policy: SlaPolicy = defaultSlaPolicy,
  calendar: BusinessCalendar = defaultCalendar,
): ApplyResult {
  const check = checkEvent(actor, c.form, event);
  if (!check.ok) return { ok: false, refusal: check.refusal, case: c };
  const parsed = eventSchemas[event].safeParse(input);
  if (!parsed.success) return { ok: false, refusal: { code: 'invalid_input' }, case: c };
  const decision = decide(c.form, event, parsed.data, {
    now,
    actor,
    policy,
    calendar,
    pendingProposal: latestPendingProposal(c.history),
  });
  const form = { ...applyPatch(c.form, decision.patch), version: c.form.version + 1 };
  const row: HistoryRow = {
    event,
    from: c.form.status,
    to: decision.to,
    actorId: actor.id,
    at: now,
    customerVisible: decision.customerVisible,
    payload: decision.payload,
  };
  return { ok: true, case: { form, history: [...c.history, row] }, decision };
}
