'use server';

import { AuthError } from 'next-auth';
import { getTranslations } from 'next-intl/server';
import { signIn } from '@/auth';
import { publicAction, UserFacingError } from '@/lib/auth/action';
import { SignInLocked } from '@/lib/auth/sign-in';
import { credentialsSchema } from '@/lib/auth/credentials';
import { lockedMessage } from './locked-message';

/**
 * Staff sign-in. An empty field, or a NUL or control character, is named in the message; a
 * refusal gives the login back as typed (never the password). A wrong password and a lock carry
 * no code: the page shows the sentence only.
 */
export const loginAction = publicAction({ schema: credentialsSchema, keep: ['login'], labels: ['login.fields', 'login'] }, async ({ login, password }) => {
  try {
    // The redirect is thrown by signIn on success and must propagate.
    await signIn('credentials', { login, password, redirectTo: '/' });
  } catch (err) {
    if (err instanceof SignInLocked) throw new UserFacingError(await lockedMessage(err.scope, err.until));
    if (err instanceof AuthError) throw new UserFacingError((await getTranslations('login'))('wrong'));
    throw err;
  }
});
