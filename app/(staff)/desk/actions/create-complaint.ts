'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { createComplaint } from '@/lib/complaints/commands';
import { CommandError } from '@/lib/complaints/errors';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { deskIntakeSchema } from '@/lib/workflow';
import { kickOutbox } from '@/lib/jobs';

// The form's fields are validated with deskIntakeSchema, the schema the intake form's
// zodResolver uses (no choice with consequences left to a default), then by the command layer;
// the key makes a double submit create one form.
const schema = z.object({ input: z.unknown(), idempotencyKey: z.uuid() });

export const createComplaintAction = staffAction({ roles: ['desk', 'admin'], schema }, async ({ input, idempotencyKey }, user) => {
  const parsed = deskIntakeSchema.safeParse(input);
  if (!parsed.success) throw new CommandError('invalid_input', {}, fieldErrorsOf(parsed.error));
  const { complaint } = await createComplaint(input, user, { idempotencyKey });
  await kickOutbox();
  // No revalidatePath: the desk goes on to the new form or its receipt, and a refresh applied
  // after that navigation rendered the receipt (and recorded a showing of the code) twice.
  // The desk's lists are dynamic pages, fetched afresh on the next visit.
  // Not the access code: the desk sees it on the receipt, where each showing is recorded.
  return { number: complaint.number };
});
