'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { createComplaint } from '@/lib/complaints/commands';
import { kickOutbox } from '@/lib/jobs';

// The form's fields are validated by the command layer with createComplaintSchema, the
// schema the intake form's zodResolver uses; the key makes a double submit create one form.
const schema = z.object({ input: z.unknown(), idempotencyKey: z.uuid() });

export const createComplaintAction = staffAction({ roles: ['desk', 'admin'], schema }, async ({ input, idempotencyKey }, user) => {
  const { complaint } = await createComplaint(input, user, { idempotencyKey });
  await kickOutbox();
  // No revalidatePath: the desk goes on to the new form or its receipt, and a refresh applied
  // after that navigation rendered the receipt (and recorded a showing of the code) twice.
  // The desk's lists are dynamic pages, fetched afresh on the next visit.
  // Not the access code: the desk sees it on the receipt, where each showing is recorded.
  return { number: complaint.number };
});
