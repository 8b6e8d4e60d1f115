'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { staffAction, UserFacingError } from '@/lib/auth/action';
import { liftSignInLock } from '@/lib/admin/sign-in-locks';
import { liftLockSchema } from '@/lib/admin/schemas';

/** An administrator lifts a sign-in lock (of a login, an address, or a login at an address). */
export const liftSignInLockAction = staffAction({ roles: ['admin'], schema: liftLockSchema }, async ({ key }, user) => {
  if (!(await liftSignInLock(user.id, key))) throw new UserFacingError((await getTranslations('admin.security'))('notLocked'));
  revalidatePath('/admin/security');
  return { key };
});
