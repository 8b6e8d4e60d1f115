import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createComplaintSchema, deskIntakeSchema, eventSchemas, events, remedySchema, type EventName } from './index';
import { customerSummaryFields, determinationDraftSchema } from './schemas';
import { describeIssue } from '@/lib/validation/issues';
import { notFoundedDetermination, sampleInputs } from './test-fixtures';

// Per event: inputs that must fail (missing, blank, malformed, unknown keys).
const bad: { [E in EventName]: unknown[] } = {
  triage: [
    {},
    { departmentId: '', severity: 'general' },
    { departmentId: '   ', severity: 'general' },
    { departmentId: 'd', severity: 'critical' },
    { departmentId: 'd', severity: 'general', major: 'yes' },
  ],
  resolve_on_spot: [
    { rootCause: 'x', preventiveAction: 'y', followUpWanted: true },
    { remedy: { kind: 'repair', description: 'r' }, rootCause: '', preventiveAction: 'y', followUpWanted: true },
    { remedy: { kind: 'compensation', description: 'money' }, rootCause: 'x', preventiveAction: 'y', followUpWanted: true },
    { remedy: { kind: 'repair', description: 'r' }, rootCause: 'x', preventiveAction: 'y' },
    // The customer's four answers (DESIGN §2) are part of completing the handling.
    ...customerSummaryFields.flatMap((f) => [{ ...sampleInputs.resolve_on_spot, [f]: undefined }, { ...sampleInputs.resolve_on_spot, [f]: '  ' }]),
  ],
  propose_pending: [{ reason: 'bored', explanation: 'x' }, { reason: 'other' }, { reason: 'other', explanation: ' ' }],
  reject: [{}, { explanation: '' }, { explanation: 42 }],
  withdraw: [{}, { reason: '  ' }],
  submit_determination: [
    { ...sampleInputs.submit_determination, responsibleDepartmentId: '' },
    { ...sampleInputs.submit_determination, responsiblePerson: '' },
    { ...sampleInputs.submit_determination, remedyProposal: { kind: 'repair' } },
    { ...sampleInputs.submit_determination, remedyProposal: { kind: 'repair', description: 'x', amountCents: -1 } },
    { ...sampleInputs.submit_determination, remedyProposal: { kind: 'repair', description: 'x', amountCents: 1.5 } },
    { ...sampleInputs.submit_determination, customerContacted: undefined },
    { ...sampleInputs.submit_determination, preventiveAction: undefined },
    { ...sampleInputs.submit_determination, founded: undefined },
    { ...sampleInputs.submit_determination, responsiblePerson: undefined },
    { ...sampleInputs.submit_determination, remedyProposal: undefined },
    { ...sampleInputs.submit_determination, customerExplanation: 'Only for a not-founded finding' },
    // Not founded: an explanation for the customer, and never a remedy or a responsible person.
    { ...notFoundedDetermination, customerExplanation: undefined },
    { ...notFoundedDetermination, customerExplanation: '  ' },
    { ...notFoundedDetermination, remedyProposal: { kind: 'certificate', description: 'Certificate of origin' } },
    { ...notFoundedDetermination, responsiblePerson: 'Technician Li' },
    { ...notFoundedDetermination, rootCause: '' },
  ],
  approve_pending: [{ nextContactOn: '2026-13-01' }, { nextContactOn: '4 Dec' }, { extra: true }],
  refuse_pending: [{}, { reason: '' }],
  record_contact: [{}, { summary: '' }, { summary: 'ok', nextContactOn: '2026/12/04' }],
  resume: [{}, { reason: '' }],
  approve_opinion: [{}, { faultOpinion: ' ' }],
  dispute_opinion: [{}],
  return_to_department: [{ reason: null }],
  record_negotiation: [
    { participants: ['Only one'], opinion: 'x', signed: true },
    { participants: ['A', ' '], opinion: 'x', signed: true },
    { participants: ['A', 'B'], opinion: 'x', signed: false },
    { participants: ['A', 'B'], opinion: 'x' },
    { participants: ['A', 'B'], opinion: '', signed: true },
  ],
  approve_final: [{}, { opinion: '' }],
  return_to_management: [{}],
  complete_handling: [
    { ...sampleInputs.complete_handling, accountability: [] },
    { ...sampleInputs.complete_handling, accountability: [], noAccountabilityReason: '  ' },
    { ...sampleInputs.complete_handling, remedyDelivered: undefined },
    { ...sampleInputs.complete_handling, rootCause: '' },
    { ...sampleInputs.complete_handling, accountability: [{ person: 'Li', type: 'fine', amountCents: 1, reason: 'r' }] },
    { ...sampleInputs.complete_handling, accountability: [{ person: 'Li', type: 'penalty', amountCents: -5, reason: 'r' }] },
    ...customerSummaryFields.flatMap((f) => [{ ...sampleInputs.complete_handling, [f]: undefined }, { ...sampleInputs.complete_handling, [f]: '' }]),
  ],
  record_follow_up: [
    { satisfaction: 0, summary: 'x' },
    { satisfaction: 6, summary: 'x' },
    { satisfaction: 3.5, summary: 'x' },
    { satisfaction: 3 },
    // A dissatisfied customer is not recorded as a completed follow-up: that is a reopen.
    { satisfaction: 2, summary: 'x' },
    { satisfaction: 1, summary: 'x' },
  ],
  reopen: [{}, { reason: '' }, { reason: 'x', satisfaction: 3 }, { reason: 'x', satisfaction: 0 }],
  pass_assessment: [{}, { timely: true }, { timely: 'yes', standardMet: true }],
  flag_fault: [{}, { fault: '' }],
  settle_fault: [{}, { settlement: 'x', accountability: [{}] }],
  note: [{}, { text: '' }, { text: 'x', customerVisible: 'no' }],
  instruct: [{}, { instruction: ' ' }],
  evidence_added: [
    {},
    { files: [] },
    { files: [{ sha256: 'x', filename: 'a.png', mime: 'image/png', size: 1 }] },
    { files: [{ sha256: 'a'.repeat(64), filename: 'a.html', mime: 'text/html', size: 1 }] },
    { files: [{ sha256: 'a'.repeat(64), filename: 'a\u0000.png', mime: 'image/png', size: 1 }] },
  ],
};

describe('event schemas', () => {
  it('has one schema per event', () => {
    expect(Object.keys(eventSchemas).sort()).toEqual([...events].sort());
  });

  describe.each(events)('%s', (event) => {
    const schema: z.ZodType = eventSchemas[event];
    it('accepts the sample input', () => {
      const r = schema.safeParse(sampleInputs[event]);
      expect(r.error ? z.flattenError(r.error) : null).toBeNull();
    });
    it('rejects missing or malformed input', () => {
      expect(schema.safeParse(undefined).success).toBe(false);
      expect(schema.safeParse('text').success).toBe(false);
      for (const input of bad[event]) expect(schema.safeParse(input).success, JSON.stringify(input)).toBe(false);
    });
    it('rejects unknown keys', () => {
      expect(schema.safeParse({ ...(sampleInputs[event] as object), sneaky: 1 }).success).toBe(false);
    });
  });

  it('trims strings and applies defaults', () => {
    expect(eventSchemas.triage.parse({ departmentId: ' dep-1 ', severity: 'urgent', followUpWanted: false })).toEqual({
      departmentId: 'dep-1',
      severity: 'urgent',
      major: false,
      followUpWanted: false,
    });
    expect(eventSchemas.note.parse({ text: '  hi ' })).toEqual({ text: 'hi', customerVisible: false });
    expect(eventSchemas.approve_pending.parse({ nextContactOn: '', comment: ' ' })).toEqual({});
    expect(eventSchemas.submit_determination.parse({ ...sampleInputs.submit_determination, responsiblePerson: 'none' }).responsiblePerson).toBe('none');
    expect(
      eventSchemas.complete_handling.parse({ ...sampleInputs.complete_handling, accountability: [], noAccountabilityReason: 'Supplier fault' })
        .noAccountabilityReason,
    ).toBe('Supplier fault');
  });

  it('submit_determination: not founded needs the finding and the customer’s explanation only', () => {
    expect(eventSchemas.submit_determination.parse(notFoundedDetermination)).toEqual(notFoundedDetermination);
    const r = eventSchemas.submit_determination.safeParse({ ...notFoundedDetermination, remedyProposal: { kind: 'apology', description: 'Sorry' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['remedyProposal']);
    // The draft is the bare object, every field optional: half a not-founded answer can be saved.
    expect(determinationDraftSchema.parse({ founded: false, customerExplanation: 'Draft' })).toEqual({ founded: false, customerExplanation: 'Draft' });
    expect(determinationDraftSchema.safeParse({ founded: 'no' }).success).toBe(false);
  });

  it('people: staff by directory id, someone outside it by name, nobody as an explicit "none"', () => {
    const entry = { type: 'penalty', amountCents: 30_000, reason: 'Missed torque check' } as const;
    const handling = (accountability: unknown[]) => eventSchemas.complete_handling.safeParse({ ...sampleInputs.complete_handling, accountability });
    // A directory person needs no typed name (the command layer records the directory's).
    expect(handling([{ ...entry, userId: 'u-tech' }]).data?.accountability).toEqual([{ ...entry, userId: 'u-tech' }]);
    expect(handling([{ ...entry, person: 'Supplier fitter Zhou' }]).success).toBe(true);
    // Neither a directory person nor a name (a blank name is no name).
    for (const who of [{}, { person: '  ' }, { userId: '' }]) {
      const r = handling([{ ...entry, ...who }]);
      expect(r.success, JSON.stringify(who)).toBe(false);
    }
    expect(handling([{ ...entry }]).error?.issues.map((i) => i.path.join('.'))).toEqual(['accountability.0.person']);
    expect(eventSchemas.settle_fault.safeParse({ settlement: 'x', accountability: [{ ...entry, userId: 'u-desk' }] }).success).toBe(true);
    expect(eventSchemas.settle_fault.safeParse({ settlement: 'x', accountability: [entry] }).success).toBe(false);

    const { responsiblePerson: _typed, ...determination } = sampleInputs.submit_determination;
    void _typed;
    expect(eventSchemas.submit_determination.parse({ ...determination, responsibleUserId: 'u-tech' })).toMatchObject({ responsibleUserId: 'u-tech' });
    expect(eventSchemas.submit_determination.safeParse({ ...determination, responsiblePerson: 'none' }).success).toBe(true);
    // Both a directory person and a name (or "none") is two answers.
    const both = eventSchemas.submit_determination.safeParse({ ...determination, responsibleUserId: 'u-tech', responsiblePerson: 'none' });
    expect(both.error?.issues.map((i) => i.path.join('.'))).toEqual(['responsiblePerson']);
    expect(eventSchemas.submit_determination.safeParse({ ...notFoundedDetermination, responsibleUserId: 'u-tech' }).success).toBe(false);
    // A draft may hold the directory choice too.
    expect(determinationDraftSchema.parse({ responsibleUserId: 'u-tech' })).toEqual({ responsibleUserId: 'u-tech' });
  });

  it('remedy: amount required for compensation only', () => {
    expect(remedySchema.safeParse({ kind: 'compensation', description: 'x', amountCents: 0 }).success).toBe(true);
    expect(remedySchema.safeParse({ kind: 'compensation', description: 'x' }).success).toBe(false);
    expect(remedySchema.safeParse({ kind: 'coupon', description: 'Oil change voucher' }).success).toBe(true);
    expect(remedySchema.safeParse({ kind: 'gift', description: 'x' }).success).toBe(false);
  });
});

describe('createComplaintSchema', () => {
  const valid = {
    channel: 'phone',
    customerName: '王先生',
    customerPhone: '+86 138-0000-0000',
    categoryCode: 'quality',
    description: '刹车有异响，已经修过一次。',
  };

  it('accepts a minimal complaint with defaults', () => {
    expect(createComplaintSchema.parse(valid)).toEqual({
      ...valid,
      customerPhone: '+8613800000000', // stored in E.164
      customerLocale: 'zh-CN',
      severity: 'general',
      partyUserIds: [],
    });
  });

  it('accepts the optional fields, blanks meaning absent', () => {
    const r = createComplaintSchema.parse({
      ...valid,
      customerEmail: ' wang@example.com ',
      customerLocale: 'en',
      subjectProduct: 'Sedan',
      plate: '沪A12345',
      vehicleModel: '',
      purchaseDate: '2025-06-30',
      severity: 'urgent',
      customerRequest: 'Fix it for free',
      partyUserIds: ['u-tech'],
    });
    expect(r.customerEmail).toBe('wang@example.com');
    expect(r.vehicleModel).toBeUndefined();
    expect(r.partyUserIds).toEqual(['u-tech']);
    expect(createComplaintSchema.parse({ ...valid, customerEmail: '' }).customerEmail).toBeUndefined();
  });

  it.each([
    ['channel', { channel: 'fax' }],
    ['phone letters', { customerPhone: '138abc00000' }],
    ['phone too short', { customerPhone: '1234' }],
    ['phone too long', { customerPhone: '1'.repeat(21) }],
    ['phone that is no number (11 digits, no such prefix)', { customerPhone: '12345678901' }],
    ['email', { customerEmail: 'not-an-email' }],
    ['locale', { customerLocale: 'fr' }],
    ['purchase date', { purchaseDate: '30/06/2025' }],
    ['category', { categoryCode: '' }],
    ['severity', { severity: 'low' }],
    ['description too short', { description: ' abc ' }],
    ['name', { customerName: '  ' }],
    ['unknown key', { foo: 'bar' }],
  ])('rejects a bad %s', (_label, change) => {
    expect(createComplaintSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('needs a phone, except from an e-mail that gives the address instead; the desk always needs one', () => {
    const { customerPhone: _phone, ...noPhone } = valid;
    const issues = (r: { error?: z.ZodError }) => r.error?.issues.map((i) => `${i.path.join('.')}:${describeIssue(i).kind}`);
    expect(issues(createComplaintSchema.safeParse(noPhone))).toEqual(['customerPhone:required']);
    expect(issues(createComplaintSchema.safeParse({ ...noPhone, customerPhone: ' ', customerEmail: 'wang@example.com' }))).toEqual(['customerPhone:required']);
    expect(issues(createComplaintSchema.safeParse({ ...noPhone, channel: 'email' }))).toEqual(['customerPhone:required']);
    const fromMail = createComplaintSchema.parse({ ...noPhone, channel: 'email', customerPhone: '', customerEmail: 'wang@example.com' });
    expect(fromMail.customerPhone).toBeUndefined();
    expect(fromMail.customerEmail).toBe('wang@example.com');
    const desk = { ...noPhone, channel: 'email', customerEmail: 'wang@example.com', severity: 'general', customerLocale: 'zh-CN' };
    expect(issues(deskIntakeSchema.safeParse(desk))).toEqual(['customerPhone:required']);
  });
});

describe('no silent defaults (issue 17)', () => {
  const intake = { channel: 'phone', customerName: '王先生', customerPhone: '13800000000', categoryCode: 'quality', description: '刹车有异响，已经修过一次。', severity: 'important', customerLocale: 'zh-CN' };
  // Each missing choice is one issue at its field, worded "please choose …" (lib/validation/messages.ts).
  const missing = (r: { error?: z.ZodError }) => r.error?.issues.map((i) => `${i.path.join('.')}:${describeIssue(i).kind}`);

  it('the desk intake refuses a missing channel, severity or customer language, each by name', () => {
    expect(deskIntakeSchema.safeParse(intake).success).toBe(true);
    for (const key of ['channel', 'severity', 'customerLocale'] as const) {
      const { [key]: _dropped, ...rest } = intake;
      expect(missing(deskIntakeSchema.safeParse(rest))).toEqual([`${key}:choose`]);
    }
  });

  it('triage asks whether a follow-up call is wanted; it is never assumed', () => {
    const triage = { departmentId: 'dep-1', severity: 'general' };
    expect(missing(eventSchemas.triage.safeParse(triage))).toEqual(['followUpWanted:choose']);
    expect(eventSchemas.triage.parse({ ...triage, followUpWanted: true }).followUpWanted).toBe(true);
  });

  it('the determination asks whether the customer was contacted; settling on the spot asks about the follow-up', () => {
    const { customerContacted: _c, ...determination } = sampleInputs.submit_determination as Record<string, unknown>;
    expect(missing(eventSchemas.submit_determination.safeParse(determination))).toEqual(['customerContacted:choose']);
    const { followUpWanted: _f, ...onSpot } = sampleInputs.resolve_on_spot as Record<string, unknown>;
    expect(missing(eventSchemas.resolve_on_spot.safeParse(onSpot))).toEqual(['followUpWanted:choose']);
  });
});
