'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { staffAction, UserFacingError } from '@/lib/auth/action';
import { AdminError } from '@/lib/admin/errors';
import { adminLabelNamespaces } from '@/lib/validation/messages';
import { handOverPerson } from '@/lib/handover/handover';
import { centreHeadSchema, handOverPersonSchema } from '@/lib/handover/schemas';
import { setCentreHead } from '@/lib/handover/centre-head';
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

/** An admin marks a desk user as the head of the customer-service centre (who may hand forms over and covers customer managers). */
export const setCentreHeadAction = staffAction({ roles: ['admin'], schema: centreHeadSchema, labels: adminLabelNamespaces }, async (input, user) => {
  try {
    await setCentreHead(input, user);
  } catch (err) {
    if (!(err instanceof AdminError)) throw err;
    throw new UserFacingError((await getTranslations('admin.errors'))(err.code));
  }
  revalidatePath(`/admin/staff/${input.id}`);
  return null;
});
