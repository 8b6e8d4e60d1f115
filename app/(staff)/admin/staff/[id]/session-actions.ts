'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { staffAction, UserFacingError } from '@/lib/auth/action';
import { AdminError } from '@/lib/admin/errors';
import { endAllSessionsSchema, endAllStaffSessions, endSessionSchema, endStaffSession } from '@/lib/admin/sessions';

// An admin ends sessions of a user of their own site (lib/admin/sessions checks the site).

async function translated<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AdminError) throw new UserFacingError((await getTranslations('admin.errors'))(err.code));
    throw err;
  }
}

export const endSessionAction = staffAction({ roles: ['admin'], schema: endSessionSchema }, async (input, user) => {
  await translated(async () => endStaffSession(user, input));
  revalidatePath(`/admin/staff/${input.userId}`);
  return null;
});

export const endAllSessionsAction = staffAction({ roles: ['admin'], schema: endAllSessionsSchema }, async (input, user) => {
  const ended = await translated(async () => endAllStaffSessions(user, input));
  revalidatePath(`/admin/staff/${input.userId}`);
  return { ended };
});
