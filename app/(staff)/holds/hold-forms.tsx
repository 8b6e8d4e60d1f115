'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { buttonClass, FormMessage, inputClass, secondaryButtonClass, type FormMessageState } from '../admin/_components/fields';
import { clearLegalHoldAction, setLegalHoldAction } from './actions';

/** Places a legal hold on a form, with the reason (both required). */
export function PlaceHoldForm() {
  const t = useTranslations('privacy.holds');
  const router = useRouter();
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<FormMessageState>(null);
  const [pending, startTransition] = useTransition();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await setLegalHoldAction({ number: number.trim().toUpperCase(), reason });
      if (!r.ok) {
        setMessage({ ok: false, text: r.message ?? '' });
        return;
      }
      setMessage({ ok: true, text: t('placed', { number: r.data!.number }) });
      setNumber('');
      setReason('');
      router.refresh();
    });
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-label={t('place')}>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="hold-number" className="block text-sm font-medium">{t('number')}</label>
          <input id="hold-number" value={number} onChange={(e) => setNumber(e.target.value)} required maxLength={20} placeholder="KS-2026-000001" autoComplete="off" className={inputClass} />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="hold-reason" className="block text-sm font-medium">{t('reason')}</label>
          <input id="hold-reason" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={1000} className={inputClass} />
        </div>
      </div>
      <FormMessage message={message} />
      <button type="submit" disabled={pending || !number.trim() || !reason.trim()} className={buttonClass}>{t('place')}</button>
    </form>
  );
}

export function LiftHoldButton({ number }: { number: string }) {
  const t = useTranslations('privacy.holds');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span>
      <button
        type="button"
        disabled={pending}
        className={secondaryButtonClass}
        onClick={() =>
          startTransition(async () => {
            const r = await clearLegalHoldAction({ number });
            if (!r.ok) setError(r.message ?? '');
            else router.refresh();
          })
        }
      >
        {t('lift')}
        <span className="sr-only"> {number}</span>
      </button>
      {error && <span role="alert" className="ml-2 text-sm text-red-700">{error}</span>}
    </span>
  );
}
