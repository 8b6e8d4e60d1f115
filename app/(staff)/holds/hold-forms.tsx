'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { FormMessage, type FormMessageState } from '@/components/ui/form-message';
import { ActionButton } from '@/components/ui/action-button';
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
        <Field id="hold-number" label={t('number')}>
          <input id="hold-number" value={number} onChange={(e) => setNumber(e.target.value)} required maxLength={20} placeholder="KS-2026-000001" autoComplete="off" className={inputClass} />
        </Field>
        <Field id="hold-reason" label={t('reason')} className="sm:col-span-2">
          <input id="hold-reason" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={1000} className={inputClass} />
        </Field>
      </div>
      <FormMessage message={message} />
      <button type="submit" disabled={pending || !number.trim() || !reason.trim()} className={buttonClass}>{t('place')}</button>
    </form>
  );
}

export function LiftHoldButton({ number }: { number: string }) {
  const t = useTranslations('privacy.holds');
  return (
    <ActionButton action={() => clearLegalHoldAction({ number })}>
      {t('lift')}
      <span className="sr-only"> {number}</span>
    </ActionButton>
  );
}
