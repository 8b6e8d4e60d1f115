'use server';

import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/action';
import { defaultLabelNamespaces } from '@/lib/validation/messages';
import { promiseRoles, recordPromise } from '@/lib/promises/promises';
import { recordPromiseSchema } from '@/lib/promises/schemas';
import { promiseLabelNamespaces, promiseRefusals } from '@/lib/promises/action-errors';

/** Staff record a promise they made to the customer (what, by when, visible or not). */
export const recordPromiseAction = staffAction(
  { roles: promiseRoles, schema: recordPromiseSchema, labels: [...promiseLabelNamespaces, ...defaultLabelNamespaces], sentences: 'promises.errors.fields' },
  async (input, user) => {
    const { complaint } = await promiseRefusals(() => recordPromise(input, { ...user }));
    revalidatePath(`/complaints/${complaint.number}`);
    return { version: complaint.version };
  },
);
