import { customerSummaryFields, type EventName } from '@/lib/workflow';

/** How each input of an event is asked for on the form page (the schema says what is valid). */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'checkbox'
  | 'date'
  | 'severity'
  | 'department'
  | 'manager'
  | 'pendingReason'
  | 'satisfaction'
  | 'yesno'
  | 'founded'
  | 'remedy'
  | 'accountability'
  /** A person from the staff directory, nobody ("none"), or someone outside it by name. */
  | 'responsible'
  | 'lines';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  optional?: boolean;
  /** Asked only for this answer of the determination's founded / not-founded choice. */
  when?: 'founded' | 'notFounded';
  /** Other input names this field sets (hidden and left out with it). */
  also?: string[];
}

/** A determination field applies to the founded / not-founded choice made (none before a choice). */
export function appliesTo(field: FieldSpec, founded: unknown): boolean {
  if (!field.when) return true;
  return field.when === 'founded' ? founded === true : founded === false;
}

/**
 * The values of the fields that apply to the choice made: a hidden field's value (e.g. the remedy
 * of a founded answer, after switching to not founded) is never validated or submitted.
 */
export function applicableValues(event: EventName, values: Record<string, unknown>): Record<string, unknown> {
  const hidden = eventFields[event].filter((f) => !appliesTo(f, values.founded)).flatMap((f) => [f.name, ...(f.also ?? [])]);
  if (hidden.length === 0) return values;
  return Object.fromEntries(Object.entries(values).filter(([k]) => !hidden.includes(k)));
}

const remedy = (name: string): FieldSpec => ({ name, kind: 'remedy' });
/** The customer-facing summary written when handling completes (DESIGN §2), after the internal fields. */
const customerSummary: FieldSpec[] = customerSummaryFields.map((name) => ({ name, kind: 'textarea' }));

export const eventFields: Record<EventName, FieldSpec[]> = {
  triage: [
    { name: 'departmentId', kind: 'department' },
    { name: 'severity', kind: 'severity' },
    { name: 'customerManagerId', kind: 'manager', optional: true },
    { name: 'major', kind: 'checkbox' },
    { name: 'followUpWanted', kind: 'yesno' },
  ],
  resolve_on_spot: [
    remedy('remedy'),
    { name: 'rootCause', kind: 'textarea' },
    { name: 'preventiveAction', kind: 'textarea' },
    ...customerSummary,
    { name: 'followUpWanted', kind: 'yesno' },
  ],
  propose_pending: [
    { name: 'reason', kind: 'pendingReason' },
    { name: 'explanation', kind: 'textarea' },
  ],
  reject: [{ name: 'explanation', kind: 'textarea' }],
  withdraw: [{ name: 'reason', kind: 'textarea' }],
  // Founded or not comes first (DESIGN §3); the rest depends on the answer.
  submit_determination: [
    { name: 'founded', kind: 'founded' },
    { name: 'responsibleDepartmentId', kind: 'department', when: 'founded' },
    // Labelled "finding (internal)" when not founded.
    { name: 'rootCause', kind: 'textarea' },
    { name: 'responsiblePerson', kind: 'responsible', when: 'founded', also: ['responsibleUserId'] },
    { ...remedy('remedyProposal'), when: 'founded' },
    { name: 'preventiveAction', kind: 'textarea', when: 'founded' },
    { name: 'customerExplanation', kind: 'textarea', when: 'notFounded' },
    { name: 'customerContacted', kind: 'yesno' },
  ],
  approve_pending: [
    { name: 'nextContactOn', kind: 'date', optional: true },
    { name: 'comment', kind: 'textarea', optional: true },
  ],
  refuse_pending: [{ name: 'reason', kind: 'textarea' }],
  record_contact: [
    { name: 'summary', kind: 'textarea' },
    { name: 'nextContactOn', kind: 'date', optional: true },
  ],
  resume: [{ name: 'reason', kind: 'textarea' }],
  approve_opinion: [{ name: 'faultOpinion', kind: 'textarea' }],
  dispute_opinion: [{ name: 'reason', kind: 'textarea' }],
  return_to_department: [{ name: 'reason', kind: 'textarea' }],
  record_negotiation: [
    { name: 'participants', kind: 'lines' },
    { name: 'opinion', kind: 'textarea' },
    { name: 'signed', kind: 'checkbox' },
  ],
  approve_final: [{ name: 'opinion', kind: 'textarea' }],
  return_to_management: [{ name: 'reason', kind: 'textarea' }],
  complete_handling: [
    remedy('remedyDelivered'),
    { name: 'accountability', kind: 'accountability' },
    { name: 'noAccountabilityReason', kind: 'text', optional: true },
    { name: 'rootCause', kind: 'textarea' },
    { name: 'preventiveAction', kind: 'textarea' },
    ...customerSummary,
  ],
  record_follow_up: [
    { name: 'satisfaction', kind: 'satisfaction' },
    { name: 'summary', kind: 'textarea' },
  ],
  // The rating is asked only when a follow-up call reopens the case (the page omits it elsewhere).
  reopen: [
    { name: 'satisfaction', kind: 'satisfaction' },
    { name: 'reason', kind: 'textarea' },
  ],
  pass_assessment: [
    { name: 'timely', kind: 'yesno' },
    { name: 'standardMet', kind: 'yesno' },
    { name: 'comment', kind: 'textarea', optional: true },
  ],
  flag_fault: [{ name: 'fault', kind: 'textarea' }],
  settle_fault: [
    { name: 'settlement', kind: 'textarea' },
    { name: 'accountability', kind: 'accountability' },
  ],
  note: [
    { name: 'text', kind: 'textarea' },
    { name: 'customerVisible', kind: 'checkbox' },
    { name: 'customerUnreachable', kind: 'checkbox' },
    { name: 'markMajor', kind: 'checkbox' },
  ],
  instruct: [{ name: 'instruction', kind: 'textarea' }],
  // Fired by the evidence upload (components/complaint/evidence-upload.tsx), not by an event form.
  evidence_added: [],
};

/**
 * Starting values, so that checkboxes and lists have the shape their schema expects. Ratings,
 * yes/no judgements (follow-up wanted, customer contacted) and the kind of a remedy start with
 * nothing chosen: one careless click (or none) must not record top marks, a repair where the
 * person meant an apology, or a call the customer never got (issue 17). A checkbox is an
 * opt-in flag and starts unticked.
 */
export function defaultValues(event: EventName, prefill: Record<string, unknown> = {}): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of eventFields[event]) {
    if (field.kind === 'checkbox') values[field.name] = false;
    else if (field.kind === 'accountability') values[field.name] = [];
    else if (field.kind === 'remedy') values[field.name] = { description: '' };
    else if (field.kind === 'lines') values[field.name] = [];
  }
  return { ...values, ...prefill };
}
