'use server';

import { AuthError } from 'next-auth';
import { getTranslations } from 'next-intl/server';
import { signIn } from '@/auth';
import { SignInLocked } from '@/lib/auth/sign-in';
import { lockedMessage } from './locked-message';
import { credentialsSchema } from '@/lib/auth/credentials';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { firstBadCharText, issueText, type RootTranslator } from '@/lib/validation/messages';

export interface LoginState {
  error?: string;
  /** What was typed in the login field, given back so that a refused sign-in does not empty it. */
  login?: string;
  /** The field to put the cursor in: the one the message is about. */
  focus?: 'login' | 'password';
}

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const t = await getTranslations('login');
  const login = String(formData.get('login') ?? '').trim();
  const password = String(formData.get('password') ?? '');
  // Kept as typed (bounded: it is sent back to the page).
  const typed = login.slice(0, 200);
  const root = (await getTranslations()) as unknown as RootTranslator;
  if (!login) return { error: issueText(root, 'login', { kind: 'required' }, ['login']), login: typed, focus: 'login' };
  if (!password) return { error: issueText(root, 'password', { kind: 'required' }, ['login']), login: typed, focus: 'password' };
  const parsed = credentialsSchema.safeParse({ login, password });
  if (!parsed.success) {
    // A NUL or control character is worded and names the field; anything else is a plain refusal.
    const badChar = firstBadCharText(fieldErrorsOf(parsed.error), root, ['login.fields', 'login']);
    return { error: badChar ?? t('wrong'), login: typed, focus: 'password' };
  }
  try {
    // The redirect is thrown by signIn on success and must propagate.
    await signIn('credentials', { login, password, redirectTo: '/' });
    return {};
  } catch (err) {
    if (err instanceof SignInLocked) return { error: await lockedMessage(err.scope, err.until), login: typed, focus: 'password' };
    if (err instanceof AuthError) return { error: t('wrong'), login: typed, focus: 'password' };
    throw err;
  }
}
