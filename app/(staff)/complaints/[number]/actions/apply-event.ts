'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { applyEvent } from '@/lib/complaints/commands';
import { events } from '@/lib/workflow';
import { kickOutbox } from '@/lib/jobs';

// The event's own input is validated by the command layer with eventSchemas[event],
// the same schema the form's zodResolver uses.
const applyEventSchema = z.object({
  complaintId: z.uuid(),
  number: z.string().regex(/^KS-\d{4}-\d{6}$/),
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
  revalidatePath(`/complaints/${args.number}`);
  return { version: complaint.version, status: complaint.status };
});
