'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { staffAction, UserFacingError } from '@/lib/auth/action';
import { AdminError } from '@/lib/admin/errors';
import { adminLabelNamespaces } from '@/lib/validation/messages';
import { createApiKey, revokeApiKey } from '@/lib/api/keys';
import { createApiKeySchema, revokeApiKeySchema } from '@/lib/api/key-schema';

/** An AdminError as the admin screens word it (next to its field when it names one). */
async function worded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof AdminError)) throw err;
    const message = (await getTranslations('admin.errors'))(err.code);
    throw new UserFacingError(message, err.field ? { [err.field]: [message] } : undefined);
  }
}

/** Makes a key; the whole key goes back to this one answer and is never readable again. */
export const createApiKeyAction = staffAction({ roles: ['admin'], schema: createApiKeySchema, labels: adminLabelNamespaces }, async (input, user) => {
  const key = await worded(() => createApiKey(input, user));
  revalidatePath('/admin/api-keys');
  return { token: key.token, name: input.name };
});

export const revokeApiKeyAction = staffAction({ roles: ['admin'], schema: revokeApiKeySchema, labels: adminLabelNamespaces }, async (input, user) => {
  await worded(() => revokeApiKey(input, user));
  revalidatePath('/admin/api-keys');
  return null;
});
