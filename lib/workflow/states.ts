export const states = [
  'received',
  'investigating',
  'pending_approval',
  'pending',
  'management_review',
  'negotiation',
  'gm_decision',
  'accountability',
  'follow_up',
  'assessment',
  'fault_review',
  'archived',
  'rejected',
  'withdrawn',
] as const;
export type State = (typeof states)[number];

export const roles = ['desk', 'department', 'management', 'gm', 'admin', 'finance'] as const;
export type Role = (typeof roles)[number];

export const severities = ['urgent', 'important', 'general'] as const;
export type Severity = (typeof severities)[number];

export const channels = ['walk_in', 'phone', 'email', 'social', 'web', 'letter'] as const;
export type Channel = (typeof channels)[number];

export const remedyKinds = [
  'return',
  'exchange',
  'repair',
  'discount',
  'compensation',
  'certificate',
  'apology',
  'coupon',
  'other',
] as const;
export type RemedyKind = (typeof remedyKinds)[number];

export const pendingReasons = [
  'unclear_fault',
  'parts_delayed',
  'customer_absent',
  'customer_no_time',
  'other',
] as const;
export type PendingReason = (typeof pendingReasons)[number];

export const departmentPositions = ['head', 'primary', 'secondary'] as const;
export type DepartmentPosition = (typeof departmentPositions)[number];

export const terminalStates = ['archived', 'rejected', 'withdrawn'] as const satisfies readonly State[];
export type TerminalState = (typeof terminalStates)[number];

export function isTerminal(state: State): state is TerminalState {
  return (terminalStates as readonly State[]).includes(state);
}

export const openStates: State[] = states.filter((s) => !isTerminal(s));

/** States from which the desk may fire `withdraw` (received … accountability). */
export const withdrawableStates: State[] = states.slice(0, states.indexOf('follow_up'));

/**
 * States in which the customer waits for news of the handling (at least once a day, DESIGN §2):
 * received … accountability, except the pending ledger (its contacts follow the monthly rhythm
 * instead). From follow_up on the handling is done and the follow-up call has its own deadline.
 */
export const customerWaitingStates: State[] = withdrawableStates.filter((s) => s !== 'pending');

/** Who is expected to act in each state (dashboards, "your turn" lists). */
export const stateOwner: Record<State, Role[]> = {
  received: ['desk'],
  investigating: ['department', 'desk'],
  pending_approval: ['gm'],
  pending: ['desk'],
  management_review: ['management'],
  negotiation: ['management'],
  gm_decision: ['gm'],
  accountability: ['management'],
  follow_up: ['desk'],
  assessment: ['desk'],
  fault_review: ['management'],
  archived: [],
  rejected: [],
  withdrawn: [],
};

/**
 * Whether a form waits for this person now: its step belongs to their role (a department's step
 * to their own department). Its SQL twin is the inbox's filter (lib/notify/inbox.ts).
 */
export function waitsFor(viewer: { role: Role; departmentId: string | null } | null, form: { status: string | null; departmentId: string | null }): boolean {
  if (!viewer || !form.status || isTerminal(form.status as State)) return false;
  if (!(stateOwner[form.status as State] ?? []).includes(viewer.role)) return false;
  return viewer.role !== 'department' || form.departmentId === viewer.departmentId;
}

/** What may be attached to a form: photos and PDFs, recognised by content (lib/uploads). */
export const imageMimes = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'] as const;
export const evidenceMimes = [...imageMimes, 'application/pdf'] as const;
export type EvidenceMime = (typeof evidenceMimes)[number];
export { maxFileBytes as maxEvidenceBytes, maxEvidenceFiles } from '@/lib/validation/limits';
