'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { publicInputClass } from '@/components/ui/field';
import type { ActionState } from '@/lib/auth/action';
import { surveyAction } from './actions';
import { WarningIcon } from '@/components/ui/icons';

/** `contact`: who a low rating alerts (the form's customer manager, or the desk when it has none). */
export function SurveyForm({ token, contact }: { token: string; contact: 'customer_manager' | 'desk' }) {
  const t = useTranslations('public.survey');
  const [state, action, sending] = useActionState<ActionState<{ low: boolean }>, FormData>(surveyAction, { ok: false });
  if (state.ok) {
    return (
      <p role="status" className="font-medium text-green-900">
        ✓ {t('thanks')} {state.data?.low && t(contact === 'desk' ? 'lowDesk' : 'low')}
      </p>
    );
  }
  const error = state.message;
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <fieldset aria-describedby="rating-error">
        <legend className="font-medium">{t('rating')}</legend>
        <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-5">
          {([1, 2, 3, 4, 5] as const).map((n) => (
            <label key={n} className="flex items-center gap-2 rounded border border-slate-300 px-3 py-2 has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50">
              <input type="radio" name="rating" value={n} required />
              <span>{t(`levels.${n}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="survey-comment" className="block font-medium">{t('comment')}</label>
        <textarea id="survey-comment" name="comment" rows={3} maxLength={2000} className={publicInputClass} />
      </div>
      <p id="rating-error" aria-live="polite" className="text-sm font-medium text-red-800">{error && <span><WarningIcon /> {error}</span>}</p>
      <button type="submit" disabled={sending} className="w-full rounded bg-blue-700 px-4 py-3 font-medium text-white hover:bg-blue-800 disabled:opacity-60 sm:w-auto">
        {sending ? t('sending') : t('send')}
      </button>
    </form>
  );
}
