'use server';

import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/action';
import { adminLabelNamespaces } from '@/lib/validation/messages';
import { handOverPerson } from '@/lib/handover/handover';
import { handOverPersonSchema } from '@/lib/handover/schemas';
import { handoverLabelNamespaces, handoverRefusals } from '@/lib/handover/action-errors';

/** An admin hands all of a leaving person's open forms to one successor. */
export const handOverPersonAction = staffAction(
  { roles: ['admin'], schema: handOverPersonSchema, labels: [...handoverLabelNamespaces, ...adminLabelNamespaces], sentences: 'handover.errors.fields' },
  async (input, user) => {
    const result = await handoverRefusals(() => handOverPerson(input, { ...user }));
    revalidatePath(`/admin/staff/${input.fromUserId}/handover`);
    return result;
  },
);
