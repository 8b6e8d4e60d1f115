'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { complaintNumberSchema } from '@/lib/params';
import { saveDeterminationDraft } from '@/lib/complaints/draft';

// The draft's fields are validated by the command layer with determinationDraftSchema.
const schema = z.object({ complaintId: z.uuid(), number: complaintNumberSchema, input: z.unknown() });

export const saveDraftAction = staffAction({ roles: ['department', 'admin'], schema }, async (args, user) => {
  const draft = await saveDeterminationDraft({ complaintId: args.complaintId, input: args.input, actor: user });
  revalidatePath(`/complaints/${draft.number}`);
  return { at: draft.at };
});
