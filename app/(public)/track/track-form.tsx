'use client';

import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { describedBy, Field, publicInputClass } from '@/components/ui/field';
import { WarningIcon } from '@/components/ui/icons';

/** The form's words (public.track), given by the page: /track ships no i18n client and no messages. */
export type TrackFormTexts = Record<'number' | 'numberHint' | 'code' | 'codeHint' | 'required' | 'failed' | 'checking' | 'submit', string>;

/**
 * Posts to /track/lookup. Without JavaScript that is a plain form post (303 to the private
 * page, or an answer page); with it, the answer shows here and the page does not change.
 */
export function TrackForm({ texts }: { texts: TrackFormTexts }) {
  const t = (key: keyof TrackFormTexts) => texts[key];
  const router = useRouter();
  const [message, setMessage] = useState<string>('');
  const [missing, setMissing] = useState<{ number?: boolean; code?: boolean }>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const number = String(form.get('number') ?? '').trim();
    const code = String(form.get('code') ?? '').trim();
    const gaps = { number: !number, code: !code };
    setMissing(gaps);
    if (gaps.number || gaps.code) {
      setMessage('');
      (e.currentTarget.elements.namedItem(gaps.number ? 'number' : 'code') as HTMLInputElement).focus();
      return;
    }
    setBusy(true);
    setMessage('');
    try {
      const res = await fetch('/track/lookup', {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ number, code }),
      });
      const body = (await res.json()) as { ok: boolean; url?: string; message?: string };
      if (body.ok && body.url) {
        router.push(body.url);
        return;
      }
      setMessage(body.message ?? t('failed'));
    } catch {
      setMessage(t('failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form method="post" action="/track/lookup" onSubmit={onSubmit} noValidate className="space-y-5">
      <Field variant="public" id="number" label={t('number')} hint={t('numberHint')} error={missing.number ? t('required') : undefined}>
        <input id="number" name="number" autoComplete="off" autoCapitalize="characters" spellCheck={false} aria-required
          aria-invalid={missing.number || undefined} aria-describedby={describedBy('number', true)} className={publicInputClass} />
      </Field>
      <Field variant="public" id="code" label={t('code')} hint={t('codeHint')} error={missing.code ? t('required') : undefined}>
        <input id="code" name="code" autoComplete="off" autoCapitalize="characters" spellCheck={false} aria-required
          aria-invalid={missing.code || undefined} aria-describedby={describedBy('code', true)} className={`${publicInputClass} font-mono tracking-widest`} />
      </Field>
      <p role="status" aria-live="polite" data-testid="track-message" className="text-sm font-medium text-red-800">
        {message && <span><WarningIcon /> {message}</span>}
      </p>
      <button type="submit" disabled={busy}
        className="w-full rounded bg-blue-700 px-4 py-3 font-medium text-white hover:bg-blue-800 disabled:opacity-60 sm:w-auto">
        {busy ? t('checking') : t('submit')}
      </button>
    </form>
  );
}
