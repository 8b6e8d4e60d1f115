import { z } from 'zod';
import { channels, evidenceMimes, maxEvidenceBytes, maxEvidenceFiles, pendingReasons, remedyKinds, severities } from './states';
import type { EventName } from './transitions';
import { safeText } from '@/lib/validation/text';
import { rule, ruleParams } from '@/lib/validation/issues';
import { phoneField } from '@/lib/validation/phone';

import { customerFields, id, optionalText, shortText, text } from './customer-fields';

const ymd = () => z.iso.date();
const optionalYmd = () => z.preprocess((v) => (v === '' ? undefined : v), ymd().optional());
const cents = () => z.number().int().min(0).max(1_000_000_000_00);

export const remedySchema = z
  .strictObject({
    kind: z.enum(remedyKinds),
    description: text(),
    amountCents: cents().optional(),
  })
  .refine((r) => r.kind !== 'compensation' || r.amountCents !== undefined, rule('amountRequired', ['amountCents']));

/**
 * A penalty or reward. Staff are named by their directory id (the command layer records their
 * directory name with it); only someone outside the directory is named by free text alone.
 */
export const accountabilityEntrySchema = z
  .strictObject({
    userId: id().optional(),
    person: optionalText(200),
    type: z.enum(['penalty', 'reward']),
    amountCents: cents(),
    reason: text(),
  })
  .refine((e) => e.userId !== undefined || e.person !== undefined, rule('choosePerson', ['person']));

const reasonOnly = z.strictObject({ reason: text() });

/**
 * The customer-facing summary written when handling completes (DESIGN §2): the customer's four
 * questions answered in their words, apart from the internal root cause and opinions.
 */
export const customerSummaryFields = ['customerWhen', 'customerHow', 'customerCause', 'customerPrevention'] as const;
const customerSummary = {
  customerWhen: text(500),
  customerHow: text(),
  customerCause: text(),
  customerPrevention: text(),
};

/**
 * The determination's fields. Founded: who and what caused it, and the remedy the head approves.
 * Not founded (DESIGN §3): the finding and the explanation the customer will read, and no remedy.
 * `checkDetermination` says which fields each answer needs; drafts use the bare object.
 */
const determinationBase = z.strictObject({
  founded: z.boolean(),
  responsibleDepartmentId: id().optional(),
  rootCause: text(),
  /** The responsible person from the staff directory … */
  responsibleUserId: id().optional(),
  /** … or 'none' (nobody is responsible), or the name of someone outside the directory. */
  responsiblePerson: z.union([z.literal('none'), shortText()]).optional(),
  remedyProposal: remedySchema.optional(),
  preventiveAction: optionalText(),
  customerContacted: z.boolean(),
  customerExplanation: optionalText(),
});

function checkDetermination(v: z.output<typeof determinationBase>, ctx: z.RefinementCtx) {
  // Message keys, not text: the browser and the server word them in the reader's language.
  const need = (path: string, key: string) => ctx.addIssue({ code: 'custom', path: [path], params: ruleParams(key), input: v });
  if (v.founded) {
    if (v.responsibleDepartmentId === undefined) need('responsibleDepartmentId', 'chooseResponsibleDepartment');
    if (v.responsibleUserId === undefined && v.responsiblePerson === undefined) need('responsiblePerson', 'nameResponsiblePerson');
    if (v.responsibleUserId !== undefined && v.responsiblePerson !== undefined) need('responsiblePerson', 'personNotBoth');
    if (v.remedyProposal === undefined) need('remedyProposal', 'remedyProposalRequired');
    if (v.preventiveAction === undefined) need('preventiveAction', 'preventiveActionRequired');
    if (v.customerExplanation !== undefined) need('customerExplanation', 'explanationOnlyNotFounded');
  } else {
    if (v.customerExplanation === undefined) need('customerExplanation', 'customerExplanationRequired');
    if (v.remedyProposal !== undefined) need('remedyProposal', 'noRemedyWhenNotFounded');
    if (v.responsiblePerson !== undefined || v.responsibleUserId !== undefined) need('responsiblePerson', 'noPersonWhenNotFounded');
  }
}

export const eventSchemas = {
  triage: z.strictObject({
    departmentId: id(),
    severity: z.enum(severities),
    major: z.boolean().default(false),
    // Asked, never assumed (issue 17): a call the customer does not get, or one they did not want.
    followUpWanted: z.boolean(),
    customerManagerId: id().optional(),
    partyUserIds: z.array(id()).max(50).optional(),
  }),
  resolve_on_spot: z.strictObject({
    remedy: remedySchema,
    rootCause: text(),
    preventiveAction: text(),
    followUpWanted: z.boolean(),
    ...customerSummary,
  }),
  propose_pending: z.strictObject({
    reason: z.enum(pendingReasons),
    explanation: text(),
  }),
  reject: z.strictObject({ explanation: text() }),
  withdraw: reasonOnly,
  submit_determination: determinationBase.superRefine(checkDetermination),
  approve_pending: z.strictObject({
    nextContactOn: optionalYmd(),
    comment: optionalText(),
  }),
  refuse_pending: reasonOnly,
  record_contact: z.strictObject({
    summary: text(),
    nextContactOn: optionalYmd(),
  }),
  resume: reasonOnly,
  approve_opinion: z.strictObject({ faultOpinion: text() }),
  dispute_opinion: reasonOnly,
  return_to_department: reasonOnly,
  record_negotiation: z.strictObject({
    participants: z.array(shortText()).min(2).max(50),
    opinion: text(),
    signed: z.literal(true),
  }),
  approve_final: z.strictObject({ opinion: text() }),
  return_to_management: reasonOnly,
  complete_handling: z
    .strictObject({
      remedyDelivered: remedySchema,
      accountability: z.array(accountabilityEntrySchema).max(100),
      noAccountabilityReason: optionalText(),
      rootCause: text(),
      preventiveAction: text(),
      ...customerSummary,
    })
    .refine((v) => v.accountability.length > 0 || v.noAccountabilityReason !== undefined, rule('accountabilityOrReason', ['noAccountabilityReason'])),
  // Satisfied (3–5) moves on to assessment; a dissatisfied customer (1–2) reopens the case.
  record_follow_up: z.strictObject({
    satisfaction: z.number().int().min(3).max(5),
    summary: text(),
  }),
  /** From follow_up, the customer's rating of 1–2 comes with it (checkEventInput requires it there). */
  reopen: z.strictObject({ reason: text(), satisfaction: z.number().int().min(1).max(2).optional() }),
  pass_assessment: z.strictObject({
    timely: z.boolean(),
    standardMet: z.boolean(),
    comment: optionalText(),
  }),
  flag_fault: z.strictObject({ fault: text() }),
  settle_fault: z.strictObject({
    settlement: text(),
    accountability: z.array(accountabilityEntrySchema).max(100).optional(),
  }),
  note: z.strictObject({
    text: text(),
    customerVisible: z.boolean().default(false),
    customerUnreachable: z.boolean().optional(),
    /** The desk marks a form major after triage too (DESIGN §3); it then waits for the GM's instruction. */
    markMajor: z.boolean().optional(),
  }),
  instruct: z.strictObject({ instruction: text() }),
  evidence_added: z.strictObject({
    files: z
      .array(
        z.strictObject({
          sha256: safeText().regex(/^[0-9a-f]{64}$/),
          filename: safeText().min(1).max(200),
          mime: z.enum(evidenceMimes),
          size: z.number().int().min(1).max(maxEvidenceBytes),
          width: z.number().int().positive().optional(),
          height: z.number().int().positive().optional(),
        }),
      )
      .min(1)
      .max(maxEvidenceFiles),
  }),
} satisfies { [E in EventName]: z.ZodType };

/**
 * The department's handlers draft the determination before the head submits it: every field
 * optional, but what is there must be valid. A draft is not an event.
 */
export const determinationDraftSchema = determinationBase.partial();

/** Parsed (output) input of an event. */
export type EventInput<E extends EventName> = z.output<(typeof eventSchemas)[E]>;
/** Raw (form) input of an event, before defaults. */
export type EventRawInput<E extends EventName> = z.input<(typeof eventSchemas)[E]>;

/** The fields of a new form; the rule on how the customer is reached is createComplaintSchema's. */
const complaintFields = z.strictObject({
  channel: z.enum(channels),
  customerName: customerFields.customerName,
  // Stored in E.164 (lib/validation/phone.ts): SMS, search and repeat complaints rely on one form.
  customerPhone: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), phoneField().optional()),
  customerEmail: customerFields.customerEmail,
  customerLocale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  subjectProduct: customerFields.subjectProduct,
  plate: customerFields.plate,
  vehicleModel: optionalText(100),
  purchaseDate: optionalYmd(),
  categoryCode: customerFields.categoryCode,
  /** The customer's own web form has none: the desk chooses it at triage (the desk's intake requires it, below). */
  severity: z.enum(severities).default('general'),
  description: customerFields.description,
  customerRequest: customerFields.customerRequest,
  partyUserIds: z.array(id()).max(50).default([]),
});

/**
 * A new form from any channel (the command layer's check). The customer is reached by phone; a
 * complaint that came in by e-mail may have only the sender's address (an e-mail often carries
 * no number): its answers and tracking link go to that address, and repeat complaints are found
 * by it (lib/complaints/repeats.ts). The desk's intake and the web form always ask for a phone.
 */
export const createComplaintSchema = complaintFields.superRefine((v, ctx) => {
  if (v.customerPhone || (v.channel === 'email' && v.customerEmail)) return;
  ctx.addIssue({ code: 'invalid_type', expected: 'string', input: undefined, path: ['customerPhone'] });
});
export type CreateComplaintInput = z.output<typeof createComplaintSchema>;

/**
 * The desk's intake (form and server action): every choice with consequences is the person's,
 * none is preselected (issue 17). The channel decides the receipt and the deadlines' start, the
 * severity the deadlines, the customer's language every message they are sent.
 */
export const deskIntakeSchema = complaintFields.extend({
  customerPhone: phoneField(),
  severity: z.enum(severities),
  customerLocale: z.enum(['zh-CN', 'en']),
});
