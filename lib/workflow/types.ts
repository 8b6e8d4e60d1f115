import type { DepartmentPosition, PendingReason, RemedyKind, Role, Severity, State } from './states';

export interface Actor {
  id: string;
  role: Role;
  departmentId: string | null;
  departmentPosition: DepartmentPosition | null;
}

export interface FormFacts {
  status: State;
  version: number;
  severity: Severity;
  departmentId: string | null;
  customerManagerId: string | null;
  major: boolean;
  gmInstructedAt: Date | null;
  followUpWanted: boolean;
  /** The latest determination's finding: null until one is submitted (DESIGN §3). */
  founded: boolean | null;
  customerUnreachable: boolean;
  partyUserIds: string[];
  departmentHeadAbsent: boolean;
  receivedAt: Date;
  stateEnteredAt: Date;
  stepDueAt: Date | null;
  responseDueAt: Date;
  resolutionDueAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  archivedAt: Date | null;
  pausedAt: Date | null;
  pausedMs: number;
}

export const refusalCodes = [
  'wrong_state',
  'terminal',
  'wrong_role',
  'wrong_department',
  'involved_party',
  'needs_head',
  'needs_gm_instruction',
  'withdrawn_no_notes',
  'not_major',
  'rating_required',
  'invalid_input',
  'stale_version',
] as const;
export type RefusalCode = (typeof refusalCodes)[number];

export interface Refusal {
  code: RefusalCode;
  params?: Record<string, string>;
}

export type CheckResult = { ok: true } | { ok: false; refusal: Refusal };

export interface Remedy {
  kind: RemedyKind;
  description: string;
  amountCents?: number;
}

export interface AccountabilityEntry {
  /** The name recorded: for staff (userId) the command layer writes their directory name. */
  person?: string;
  userId?: string;
  type: 'penalty' | 'reward';
  amountCents: number;
  reason: string;
}

export type NotifyAudience = 'customer' | 'customer_manager' | 'department' | 'management' | 'gm' | 'desk';

export type Effect =
  | { kind: 'remedy'; status: 'proposed' | 'delivered'; remedy: Remedy }
  | { kind: 'accountability'; entries: AccountabilityEntry[] }
  | { kind: 'ledger_open'; reason: PendingReason; explanation: string; nextContactOn: string }
  | { kind: 'ledger_contact'; summary: string; nextContactOn: string }
  | { kind: 'ledger_close'; outcome: string }
  | { kind: 'notify'; audience: NotifyAudience; template: string }
  /** Files already stored by content (sha256) that become the form's attachments. */
  | { kind: 'attachments'; files: EvidenceFile[] };

export interface EvidenceFile {
  sha256: string;
  /** The stored name: its extension follows the detected type. */
  filename: string;
  mime: string;
  size: number;
  width?: number;
  height?: number;
}

export interface FormTextPatch {
  rootCause?: string;
  preventiveAction?: string | null;
  responsiblePerson?: string | null;
  responsibleUserId?: string | null;
  rejectionExplanation?: string | null;
  withdrawReason?: string;
  faultOpinion?: string;
  finalOpinion?: string;
  satisfaction?: number;
}

export type FormPatch = Partial<FormFacts> & FormTextPatch;

export interface Decision {
  to: State;
  patch: FormPatch;
  effects: Effect[];
  customerVisible: boolean;
  payload: Record<string, unknown>;
}
