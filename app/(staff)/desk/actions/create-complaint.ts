'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { createComplaint } from '@/lib/complaints/commands';
import { CommandError } from '@/lib/complaints/errors';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { deskIntakeSchema } from '@/lib/workflow';
import { kickOutbox } from '@/lib/jobs';
import { setCrisisSchema } from '@/lib/triage/crisis-schema';

// The form's fields are validated with deskIntakeSchema, the schema the intake form's
// zodResolver uses (no choice with consequences left to a default), then by the command layer;
// the key makes a double submit create one form.
// The crisis flag's reason, when the desk flags the new form (lib/triage/crisis.ts).
const schema = z.object({ input: z.unknown(), idempotencyKey: z.uuid(), crisisReason: z.unknown().optional() });
const crisisSchema = setCrisisSchema.pick({ reason: true });

export const createComplaintAction = staffAction({ roles: ['desk', 'admin'], schema }, async ({ input, idempotencyKey, crisisReason }, user) => {
  const parsed = deskIntakeSchema.safeParse(input);
  const reason = crisisReason === undefined ? null : crisisSchema.safeParse({ reason: crisisReason });
  if (!parsed.success || (reason && !reason.success)) {
    const fieldErrors = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)) };
    if (reason && !reason.success) fieldErrors.crisisReason = fieldErrorsOf(reason.error).reason ?? [];
    throw new CommandError('invalid_input', {}, fieldErrors);
  }
  const { complaint } = await createComplaint(input, user, { idempotencyKey, crisisReason: reason?.data?.reason });
  await kickOutbox();
  // No revalidatePath: the desk goes on to the new form or its receipt, and a refresh applied
  // after that navigation rendered the receipt (and recorded a showing of the code) twice.
  // The desk's lists are dynamic pages, fetched afresh on the next visit.
  // Not the access code: the desk sees it on the receipt, where each showing is recorded.
  return { number: complaint.number };
});
