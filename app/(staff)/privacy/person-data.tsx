'use client';

import { useState, useTransition } from 'react';
import Link from '@/components/ui/link';
import { useTranslations } from 'next-intl';
import { useFormat } from '@/lib/i18n/use-format';
import { personKeyKinds, type PersonKeyKind } from '@/lib/privacy/schemas';
import type { State } from '@/lib/workflow';
import { buttonClass, secondaryButtonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { FormMessage, type FormMessageState } from '@/components/ui/form-message';
import { erasePersonAction, findPersonAction } from './actions';

interface FoundForm {
  number: string;
  status: State;
  receivedAt: string;
  closedAt: string | null;
  legalHold: boolean;
}

/** Find a customer's forms, export what is held about them, erase it on their request. */
export function PersonData() {
  const t = useTranslations('privacy');
  const wf = useTranslations('workflow');
  const fmt = useFormat();
  const [kind, setKind] = useState<PersonKeyKind>('phone');
  const [value, setValue] = useState('');
  const [found, setFound] = useState<{ kind: PersonKeyKind; value: string; forms: FoundForm[] } | null>(null);
  const [message, setMessage] = useState<FormMessageState>(null);
  const [confirming, setConfirming] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [pending, startTransition] = useTransition();

  const search = (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    setConfirming(false);
    startTransition(async () => {
      const r = await findPersonAction({ kind, value });
      if (!r.ok) {
        setFound(null);
        setMessage({ ok: false, text: r.fieldErrors?.value?.[0] ?? r.message ?? t('failed') });
        return;
      }
      setFound({ kind, value, forms: r.data!.forms });
    });
  };

  const erase = () => {
    if (!found) return;
    setMessage(null);
    startTransition(async () => {
      const r = await erasePersonAction({ kind: found.kind, value: found.value, numbers: found.forms.map((f) => f.number) });
      setConfirming(false);
      setConfirmed(false);
      if (!r.ok) {
        setMessage({ ok: false, text: r.message ?? t('failed') });
        return;
      }
      setFound(null);
      setMessage({ ok: true, text: t('erased', { count: r.data!.forms.length, numbers: fmt.list(r.data!.forms) }) });
    });
  };

  const blocking = found?.forms.filter((f) => !f.closedAt || f.legalHold) ?? [];

  return (
    <div className="space-y-6">
      <form onSubmit={search} className="flex flex-wrap items-end gap-3" aria-label={t('searchLabel')}>
        <div>
          <label htmlFor="person-kind" className="block text-sm font-medium">{t('fields.kind')}</label>
          <select id="person-kind" value={kind} onChange={(e) => setKind(e.target.value as PersonKeyKind)} className={inputClass}>
            {personKeyKinds.map((k) => (
              <option key={k} value={k}>{t(`kinds.${k}`)}</option>
            ))}
          </select>
        </div>
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="person-value" className="block text-sm font-medium">{t('fields.value')}</label>
          <input
            id="person-value"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            required
            maxLength={200}
            autoComplete="off"
            inputMode={kind === 'phone' ? 'tel' : kind === 'email' ? 'email' : 'text'}
            className={inputClass}
          />
        </div>
        <button type="submit" disabled={pending || !value.trim()} className={buttonClass}>{pending ? t('searching') : t('search')}</button>
      </form>

      <FormMessage message={message} />

      {found && (
        <section aria-labelledby="person-found" className="space-y-4">
          <h2 id="person-found" className="text-lg font-medium">{found.forms.length ? t('found', { count: found.forms.length }) : t('noneFound')}</h2>
          {found.forms.length > 0 && (
            <>
              <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white" data-testid="person-forms">
                {found.forms.map((f) => (
                  <li key={f.number} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-3 py-2 text-sm">
                    <Link href={`/complaints/${f.number}`} className="font-medium text-blue-700 underline">{f.number}</Link>
                    <span>{wf(`states.${f.status}`)}</span>
                    <span className="text-slate-600">{t('received', { at: fmt.date(new Date(f.receivedAt)) })}</span>
                    <span className="text-slate-600">{f.closedAt ? t('closedAt', { at: fmt.date(new Date(f.closedAt)) }) : t('stillOpen')}</span>
                    {f.legalHold && <span className="rounded bg-amber-100 px-1.5 font-medium text-amber-900">{t('onHold')}</span>}
                  </li>
                ))}
              </ul>
              <div className="flex flex-wrap gap-3">
                {/* A plain form post: the browser downloads the file the route handler answers with. */}
                <form method="post" action="/privacy/export">
                  <input type="hidden" name="kind" value={found.kind} />
                  <input type="hidden" name="value" value={found.value} />
                  <button type="submit" className={secondaryButtonClass}>{t('exportButton')}</button>
                </form>
                <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(true)} disabled={pending || confirming}>
                  {t('erase')}
                </button>
              </div>
              <p className="text-sm text-slate-600">{t('exportHint')}</p>
              {confirming && (
                <div role="group" aria-labelledby="erase-title" className="space-y-3 rounded border border-red-300 bg-red-50 p-4">
                  <h3 id="erase-title" className="font-medium text-red-900">{t('eraseTitle')}</h3>
                  <p className="text-sm text-red-900">{t('eraseText', { count: found.forms.length, numbers: fmt.list(found.forms.map((f) => f.number)) })}</p>
                  {blocking.length > 0 && <p className="text-sm font-medium text-red-900">{t('eraseBlocked', { numbers: fmt.list(blocking.map((f) => f.number)) })}</p>}
                  <label className="flex items-start gap-2 text-sm">
                    <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} className="mt-1" />
                    <span>{t('eraseCheck')}</span>
                  </label>
                  <div className="flex flex-wrap gap-3">
                    <button type="button" onClick={erase} disabled={!confirmed || pending} className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60">
                      {pending ? t('erasing') : t('eraseNow')}
                    </button>
                    <button type="button" onClick={() => { setConfirming(false); setConfirmed(false); }} className={secondaryButtonClass}>{t('cancel')}</button>
                  </div>
                </div>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
