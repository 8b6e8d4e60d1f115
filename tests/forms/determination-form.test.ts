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
    const values: Record<string, unknown> = { ...defaultValues('submit_determination', { responsibleDepartmentId: 'dep-parts' }), founded: false, rootCause: 'Not our part', customerExplanation: 'The part was not fitted by us.' };
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
});
