'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { publicInputClass } from '@/components/ui/field';
import { WarningIcon } from '@/components/ui/icons';
import type { ActionState } from '@/lib/auth/action';
import { answerAction } from './answer-action';

/** The customer's message (and photos) on an open form; works without JavaScript too (a plain form post). */
export function AnswerForm({ token, maxPhotos, maxMb, accept }: { token: string; maxPhotos: number; maxMb: number; accept: string }) {
  const t = useTranslations('channels.answer');
  const [state, action, sending] = useActionState<ActionState<{ added: boolean }>, FormData>(answerAction, { ok: false });
  return (
    <form action={action} className="space-y-4" encType="multipart/form-data">
      <input type="hidden" name="token" value={token} />
      <div>
        <label htmlFor="answer-text" className="block font-medium">{t('text')}</label>
        <textarea
          id="answer-text"
          name="text"
          rows={4}
          maxLength={4000}
          required
          key={state.ok ? 'sent' : 'open'}
          defaultValue={state.ok ? '' : state.values?.text}
          aria-invalid={state.fieldErrors?.text ? true : undefined}
          aria-describedby="answer-status"
          className={publicInputClass}
        />
      </div>
      <div>
        <label htmlFor="answer-photos" className="block font-medium">{t('photos')}</label>
        <p id="answer-photos-hint" className="text-sm text-slate-600">{t('photosHint', { max: maxPhotos, mb: maxMb })}</p>
        <input id="answer-photos" name="photos" type="file" multiple accept={accept} aria-describedby="answer-photos-hint" className="mt-1 block w-full text-sm" key={state.ok ? 'sent' : 'open'} />
      </div>
      <p id="answer-status" aria-live="polite" className={`text-sm font-medium ${state.ok ? 'text-green-900' : 'text-red-800'}`} role="status">
        {state.ok ? `✓ ${t('sent')}` : state.message && <span><WarningIcon /> {state.message}</span>}
      </p>
      <button type="submit" disabled={sending} className="w-full rounded bg-blue-700 px-4 py-3 font-medium text-white hover:bg-blue-800 disabled:opacity-60 sm:w-auto">
        {sending ? t('sending') : t('send')}
      </button>
    </form>
  );
}
