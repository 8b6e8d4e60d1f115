'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { loginAction, type LoginState } from './actions';

export function LoginForm({ notice }: { notice?: string }) {
  const t = useTranslations('login');
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, {});
  return (
    <form action={action} className="space-y-4" aria-describedby={state.error ?? notice ? 'login-error' : undefined}>
      <div>
        <label htmlFor="login" className="block text-sm font-medium">{t('login')}</label>
        <input id="login" name="login" autoComplete="username" required autoFocus
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">{t('password')}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </div>
      <p id="login-error" role="alert" aria-live="polite" className="min-h-5 text-sm text-red-700">{state.error ?? notice}</p>
      <button type="submit" disabled={pending}
        className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? t('signingIn') : t('submit')}
      </button>
    </form>
  );
}
