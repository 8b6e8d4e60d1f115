import { describe, expect, it } from 'vitest';
import { applicableValues, appliesTo, defaultValues, eventFields } from '@/components/complaint/event-fields';
import { eventSchemas } from '@/lib/workflow';

// The 提交责任认定 form: founded / not founded first, then only the fields of that answer are sent.
describe('determination form fields', () => {
  const fields = eventFields.submit_determination;
  const shown = (founded: unknown) => fields.filter((f) => appliesTo(f, founded)).map((f) => f.name);

  it('starts with nothing chosen and asks only the choice, the finding and the contact', () => {
    expect(defaultValues('submit_determination').founded).toBeUndefined();
    expect(shown(undefined)).toEqual(['founded', 'rootCause', 'customerContacted']);
  });

  it('asks the founded fields, or the not-founded ones', () => {
    expect(shown(true)).toEqual(['founded', 'responsibleDepartmentId', 'rootCause', 'responsiblePerson', 'remedyProposal', 'preventiveAction', 'customerContacted']);
    expect(shown(false)).toEqual(['founded', 'rootCause', 'customerExplanation', 'customerContacted']);
  });

  it('never submits the hidden remedy of a not-founded answer', () => {
    const values: Record<string, unknown> = { ...defaultValues('submit_determination', { responsibleDepartmentId: 'dep-parts' }), founded: false, rootCause: 'Not our part', customerExplanation: 'The part was not fitted by us.', customerContacted: true };
    expect(values.remedyProposal).toBeDefined();
    expect(eventSchemas.submit_determination.safeParse(values).success).toBe(false);
    const sent = applicableValues('submit_determination', values);
    expect(sent).toEqual({ founded: false, rootCause: 'Not our part', customerExplanation: 'The part was not fitted by us.', customerContacted: true });
    expect(eventSchemas.submit_determination.safeParse(sent).success).toBe(true);
  });

  it('never submits a responsible person picked from the directory before switching to not founded', () => {
    const values = { founded: false, rootCause: 'Not our part', customerExplanation: 'Not fitted by us.', customerContacted: true, responsibleUserId: 'u-tech' };
    expect(applicableValues('submit_determination', values)).not.toHaveProperty('responsibleUserId');
  });

  it('leaves the kind of every remedy unchosen and refuses it unchosen (no silent 维修)', () => {
    for (const [event, name] of [['submit_determination', 'remedyProposal'], ['complete_handling', 'remedyDelivered'], ['resolve_on_spot', 'remedy']] as const) {
      const remedy = defaultValues(event)[name] as Record<string, unknown>;
      expect(remedy).not.toHaveProperty('kind');
    }
    const founded = {
      founded: true, responsibleDepartmentId: 'dep-service', rootCause: 'Rude reception', responsibleUserId: 'u-1',
      preventiveAction: 'Training', customerContacted: true,
      remedyProposal: { description: '服务经理当面致歉' },
    };
    const parsed = eventSchemas.submit_determination.safeParse(founded);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(['remedyProposal.kind']);
    expect(eventSchemas.submit_determination.safeParse({ ...founded, remedyProposal: { kind: 'apology', description: '服务经理当面致歉' } }).success).toBe(true);
  });

  it('refuses an accountability entry that is neither a penalty nor a reward', () => {
    const base = { remedyDelivered: { kind: 'apology', description: 'Done' }, rootCause: 'x', preventiveAction: 'y', customerWhen: 'a', customerHow: 'b', customerCause: 'c', customerPrevention: 'd' };
    const entry = { person: 'Zhou', amountCents: 0, reason: 'Rude' };
    expect(eventSchemas.complete_handling.safeParse({ ...base, accountability: [entry] }).success).toBe(false);
    expect(eventSchemas.complete_handling.safeParse({ ...base, accountability: [{ ...entry, type: 'penalty' }] }).success).toBe(true);
  });

  it('asks whether the customer was contacted and whether a follow-up is wanted, with nothing preselected (issue 17)', () => {
    expect(defaultValues('submit_determination')).not.toHaveProperty('customerContacted');
    expect(defaultValues('triage')).not.toHaveProperty('followUpWanted');
    expect(defaultValues('resolve_on_spot')).not.toHaveProperty('followUpWanted');
    for (const [event, name] of [['submit_determination', 'customerContacted'], ['triage', 'followUpWanted'], ['resolve_on_spot', 'followUpWanted']] as const) {
      expect(eventFields[event].find((f) => f.name === name)?.kind).toBe('yesno');
    }
  });
});
