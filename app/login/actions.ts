'use server';

import { AuthError } from 'next-auth';
import { getTranslations } from 'next-intl/server';
import { signIn } from '@/auth';
import { SignInLocked } from '@/lib/auth/sign-in';
import { lockedMessage } from './locked-message';
import { credentialsSchema } from '@/lib/auth/credentials';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { firstBadCharText } from '@/lib/validation/messages';

export interface LoginState {
  error?: string;
}

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const t = await getTranslations('login');
  const login = String(formData.get('login') ?? '').trim();
  const password = String(formData.get('password') ?? '');
  if (!login || !password) return { error: t('missing') };
  const parsed = credentialsSchema.safeParse({ login, password });
  if (!parsed.success) {
    // A NUL or control character is worded and names the field; anything else is a plain refusal.
    const badChar = firstBadCharText(fieldErrorsOf(parsed.error), await getTranslations(), ['login.fields', 'login']);
    return { error: badChar ?? t('wrong') };
  }
  try {
    // The redirect is thrown by signIn on success and must propagate.
    await signIn('credentials', { login, password, redirectTo: '/' });
    return {};
  } catch (err) {
    if (err instanceof SignInLocked) return { error: await lockedMessage(err.scope, err.until) };
    if (err instanceof AuthError) return { error: t('wrong') };
    throw err;
  }
}
