'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { complaintNumberSchema } from '@/lib/params';
import { applyEvent } from '@/lib/complaints/commands';
import { events } from '@/lib/workflow';
import { kickOutbox } from '@/lib/jobs';

// The event's own input is validated by the command layer with eventSchemas[event],
// the same schema the form's zodResolver uses.
const applyEventSchema = z.object({
  complaintId: z.uuid(),
  number: complaintNumberSchema,
  event: z.enum(events),
  expectedVersion: z.number().int().positive(),
  input: z.unknown(),
});

export const applyEventAction = staffAction({ schema: applyEventSchema }, async (args, user) => {
  const { complaint } = await applyEvent({
    complaintId: args.complaintId,
    event: args.event,
    input: args.input,
    expectedVersion: args.expectedVersion,
    actor: { ...user },
  });
  await kickOutbox(); // deliver the event's notices now rather than at the next minute
  // The page of the form the command changed, not the number the client sent.
  revalidatePath(`/complaints/${complaint.number}`);
  return { version: complaint.version, status: complaint.status };
});
