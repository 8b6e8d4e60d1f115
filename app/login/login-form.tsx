'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionState } from '@/lib/auth/action';
import { loginAction } from './actions';
import { credentialsSchema } from '@/lib/auth/credentials';

export function LoginForm({ notice }: { notice?: string }) {
  const t = useTranslations('login');
  const [state, action, pending] = useActionState<ActionState<void>, FormData>(loginAction, { ok: false });
  // One line: the first field's problem (an empty field, a bad character), else the refusal.
  const error = (state.fieldErrors && Object.values(state.fieldErrors)[0]?.[0]) ?? state.message;
  // The cursor goes where the message points: the login when it is about the login, else the password.
  const focus = !error || state.fieldErrors?.login ? 'login' : 'password';
  const typed = state.values?.login;
  return (
    // noValidate: the browser's own "fill out this field" bubble speaks the browser's language, not the page's.
    <form action={action} noValidate className="space-y-4" aria-describedby={error ?? notice ? 'login-error' : undefined}>
      <div>
        <label htmlFor="login" className="block text-sm font-medium">{t('login')}</label>
        {/* React resets a form after its action: the key remounts the field with what was typed. */}
        <input key={`login-${typed ?? ''}`} id="login" name="login" autoComplete="username" required autoFocus={focus === 'login'}
          defaultValue={typed} maxLength={credentialsSchema.shape.login.maxLength ?? undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">{t('password')}</label>
        <input key={`password-${error ?? ''}`} id="password" name="password" type="password" autoComplete="current-password" required
          autoFocus={focus === 'password'} maxLength={credentialsSchema.shape.password.maxLength ?? undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </div>
      <p id="login-error" role="alert" aria-live="polite" className="min-h-5 text-sm text-red-700">{error ?? notice}</p>
      <button type="submit" disabled={pending}
        className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? t('signingIn') : t('submit')}
      </button>
    </form>
  );
}
