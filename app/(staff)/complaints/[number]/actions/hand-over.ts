'use server';

import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/action';
import { defaultLabelNamespaces } from '@/lib/validation/messages';
import { handOverForm } from '@/lib/handover/handover';
import { handOverFormSchema } from '@/lib/handover/schemas';
import { handoverLabelNamespaces, handoverRefusals } from '@/lib/handover/action-errors';

/** The head of the form's department, the centre's head or an admin hands one position of a form to someone else. */
export const handOverFormAction = staffAction(
  { roles: ['desk', 'department', 'admin'], schema: handOverFormSchema, labels: [...handoverLabelNamespaces, ...defaultLabelNamespaces], sentences: 'handover.errors.fields' },
  async (input, user) => {
    const complaint = await handoverRefusals(() => handOverForm(input, { ...user }));
    revalidatePath(`/complaints/${complaint.number}`);
    return { version: complaint.version };
  },
);
