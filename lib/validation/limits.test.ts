import { describe, expect, it } from 'vitest';
import { createComplaintSchema, determinationDraftSchema, eventSchemas } from '@/lib/workflow/schemas';
import { calendarDaySchema, createUserSchema } from '@/lib/admin/schemas';
import { maxLengthOf } from './limits';

describe('maxLengthOf reads the limit from the schema', () => {
  it('finds plain, optional, preprocessed, piped and nested text fields', () => {
    expect(maxLengthOf(eventSchemas.reject, 'explanation')).toBe(4000);
    expect(maxLengthOf(eventSchemas.approve_pending, 'comment')).toBe(4000);
    expect(maxLengthOf(createComplaintSchema, 'description')).toBe(10_000);
    expect(maxLengthOf(createComplaintSchema, 'plate')).toBe(20);
    expect(maxLengthOf(createComplaintSchema, 'customerEmail')).toBe(254);
    expect(maxLengthOf(createComplaintSchema, 'customerName')).toBe(200);
    expect(maxLengthOf(eventSchemas.resolve_on_spot, 'remedy.description')).toBe(4000);
    expect(maxLengthOf(eventSchemas.complete_handling, 'accountability.0.person')).toBe(200);
    expect(maxLengthOf(eventSchemas.record_negotiation, 'participants')).toBe(200);
    expect(maxLengthOf(determinationDraftSchema, 'responsiblePerson')).toBe(200);
    expect(maxLengthOf(eventSchemas.submit_determination, 'rootCause')).toBe(4000);
    expect(maxLengthOf(calendarDaySchema, 'name')).toBe(50);
    expect(maxLengthOf(createUserSchema, 'password')).toBe(200);
  });

  it('says nothing for fields without a text limit', () => {
    expect(maxLengthOf(eventSchemas.record_follow_up, 'satisfaction')).toBeUndefined();
    expect(maxLengthOf(eventSchemas.reject, 'nosuch')).toBeUndefined();
  });
});
