'use server';

import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/action';
import { defaultLabelNamespaces } from '@/lib/validation/messages';
import { setCrisis } from '@/lib/triage/crisis';
import { crisisRoles, setCrisisSchema } from '@/lib/triage/crisis-schema';
import { kickOutbox } from '@/lib/jobs';

/** The desk sets or clears a form's crisis flag, with the reason (lib/triage/crisis.ts). */
export const setCrisisAction = staffAction(
  { roles: crisisRoles, schema: setCrisisSchema, labels: ['triage.crisisFlag', ...defaultLabelNamespaces] },
  async (input, user) => {
    const { complaint } = await setCrisis({ ...user }, input);
    await kickOutbox();
    revalidatePath(`/complaints/${complaint.number}`);
    return { version: complaint.version };
  },
);
