'use server';

import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/action';
import { defaultLabelNamespaces } from '@/lib/validation/messages';
import { promiseRoles, resolvePromise } from '@/lib/promises/promises';
import { resolvePromiseSchema } from '@/lib/promises/schemas';
import { promiseLabelNamespaces, promiseRefusals } from '@/lib/promises/action-errors';

/** Staff record whether a promise was kept or broken, with the reason. */
export const resolvePromiseAction = staffAction(
  { roles: promiseRoles, schema: resolvePromiseSchema, labels: [...promiseLabelNamespaces, ...defaultLabelNamespaces], sentences: 'promises.errors.fields' },
  async (input, user) => {
    const { complaint } = await promiseRefusals(() => resolvePromise(input, { ...user }));
    revalidatePath(`/complaints/${complaint.number}`);
    return { version: complaint.version };
  },
);
