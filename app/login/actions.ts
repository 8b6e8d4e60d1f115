'use server';

import { AuthError } from 'next-auth';
import { getTranslations } from 'next-intl/server';
import { signIn } from '@/auth';
import { SignInLocked } from '@/lib/auth/sign-in';
import { lockedMessage } from './locked-message';

export interface LoginState {
  error?: string;
}

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const t = await getTranslations('login');
  const login = String(formData.get('login') ?? '').trim();
  const password = String(formData.get('password') ?? '');
  if (!login || !password) return { error: t('missing') };
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
