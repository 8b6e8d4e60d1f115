'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useForm, useWatch } from 'react-hook-form';
import { useLocale, useTranslations } from 'next-intl';
import { useFormat } from '@/lib/i18n/use-format';
import { channels, deskIntakeSchema, severities } from '@/lib/workflow';
import { createComplaintAction } from '@/app/(staff)/desk/actions/create-complaint';
import { earlierFormsAction } from '@/app/(staff)/desk/actions/earlier-forms';
import type { EarlierForm } from '@/lib/complaints/intake';
import { WarningIcon } from '@/components/ui/icons';
import { localizedResolver } from '@/lib/validation/resolver';
import { counterFrom, maxLengthOf } from '@/lib/validation/limits';
import type { RootTranslator } from '@/lib/validation/messages';
import { useZodLocale } from '@/components/ui/zod-locale';
import { CharCounter } from '@/components/ui/char-counter';
import { IntakeSuggestion } from '@/components/triage/intake-suggestion';

interface Props {
  categories: { code: string; name: string; nameEn: string; defaultSeverity: string }[];
  staff: { id: string; name: string }[];
}

type Values = Record<string, unknown>;
const inputClass = 'mt-1 w-full rounded border border-slate-300 px-2 py-1.5';
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
// Text limits come from the schema, so the field refuses what the server would.
const limit = (name: string) => maxLengthOf(deskIntakeSchema, name);
const customerLocales = ['zh-CN', 'en'] as const;

/**
 * Walk-in and phone intake at the desk, laid out for the keyboard: Tab through, Enter on the button.
 * The channel, the severity and the customer's language start unchosen and are required: none of
 * them is the desk's to leave to a default (issue 17).
 */
export function IntakeForm({ categories, staff }: Props) {
  const t = useTranslations('intake');
  const f = useTranslations('form.fields');
  const wf = useTranslations('workflow');
  const rp = useTranslations('form.repeats.reasons');
  const locale = useLocale();
  const format = useFormat();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<EarlierForm[]>([]);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  // The crisis flag is the desk's choice beside the form's fields (not one of createComplaintSchema's).
  const [crisis, setCrisis] = useState(false);
  const [crisisReason, setCrisisReason] = useState('');
  const [crisisError, setCrisisError] = useState<string | null>(null);
  const tc = useTranslations('triage.intakeCrisis');
  const root = useTranslations() as unknown as RootTranslator;
  // zod parses here: interpreted (CSP), and any issue the resolver does not word in this language.
  useZodLocale();
  const { register, handleSubmit, formState, setError, getValues, control } = useForm<Values>({
    // Errors in the page's language, naming the field (lib/validation/messages.ts).
    resolver: localizedResolver<Values>(deskIntakeSchema, root),
    defaultValues: { partyUserIds: [] },
  });
  // The category's usual severity is said beside the choice, never chosen for the person.
  const categoryCode = useWatch({ control, name: 'categoryCode' });
  const usualSeverity = categories.find((c) => c.code === categoryCode)?.defaultSeverity;
  const err = (name: string) => (formState.errors[name]?.message as string | undefined) ?? undefined;

  async function lookUpEarlier() {
    // The same rule as the links stored at intake: phone, plate, or the same words in the category.
    const value = (name: string) => String(getValues(name) ?? '').trim() || undefined;
    const [phone, plate, categoryCode, description] = [value('customerPhone'), value('plate'), value('categoryCode'), value('description')];
    if (!phone && !plate && !(categoryCode && description)) return setEarlier([]);
    // A look-up cut off by leaving the page (the desk submitted meanwhile) lists nothing.
    const result = await earlierFormsAction({ phone, plate, categoryCode, description }).catch(() => null);
    setEarlier(result?.ok ? (result.data ?? []) : []);
  }

  const submit = handleSubmit((input) => {
    setMessage(null);
    setCrisisError(null);
    startTransition(async () => {
      const result = await createComplaintAction({ input, idempotencyKey, ...(crisis ? { crisisReason } : {}) });
      if (result.ok && result.data) {
        setIdempotencyKey(crypto.randomUUID());
        // A walk-in customer is standing at the desk: hand over the receipt first.
        router.push(input.channel === 'walk_in' ? `/complaints/${result.data.number}/receipt` : `/complaints/${result.data.number}`);
        return;
      }
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (path === 'crisisReason') setCrisisError(messages[0]);
        else setError(path, { message: messages[0] });
      }
      setMessage(result.message ?? t('failed'));
    });
  });

  // `label` names the message; `name` the schema field (they differ for category and parties).
  const field = (name: string, input: React.ReactNode, wide = false, label = name) => (
    <div className={wide ? 'sm:col-span-2 lg:col-span-3' : undefined}>
      <label htmlFor={`intake-${name}`} className="block text-sm font-medium">{f(label)}</label>
      {input}
      {(limit(name) ?? 0) >= counterFrom && <CharCounter id={`intake-${name}-count`} name={name} max={limit(name)!} control={control} />}
      {err(name) && <p id={`intake-${name}-error`} className="mt-1 text-sm text-red-700">{err(name)}</p>}
    </div>
  );
  const a11y = (name: string) => ({
    id: `intake-${name}`,
    'aria-invalid': !!err(name),
    'aria-describedby': [err(name) ? `intake-${name}-error` : null, (limit(name) ?? 0) >= counterFrom ? `intake-${name}-count` : null].filter(Boolean).join(' ') || undefined,
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="intake-title" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="intake-title" className="mb-3 text-lg font-medium">{t('title')}</h2>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {field('channel', (
          <select {...a11y('channel')} {...register('channel', { setValueAs: blankToUndefined })} className={inputClass} autoFocus>
            <option value="">{t('choose')}</option>
            {channels.map((c) => <option key={c} value={c}>{wf(`channels.${c}`)}</option>)}
          </select>
        ))}
        {field('customerName', <input {...a11y('customerName')} maxLength={limit('customerName')} {...register('customerName')} className={inputClass} autoComplete="off" />)}
        {field('customerPhone', <input {...a11y('customerPhone')} maxLength={limit('customerPhone')} {...register('customerPhone', { onBlur: lookUpEarlier })} className={inputClass} inputMode="tel" autoComplete="off" />)}
        {field('plate', <input {...a11y('plate')} maxLength={limit('plate')} {...register('plate', { setValueAs: blankToUndefined, onBlur: lookUpEarlier })} className={inputClass} autoComplete="off" />)}
        {field('vehicleModel', <input {...a11y('vehicleModel')} maxLength={limit('vehicleModel')} {...register('vehicleModel', { setValueAs: blankToUndefined })} className={inputClass} />)}
        {field('subjectProduct', <input {...a11y('subjectProduct')} maxLength={limit('subjectProduct')} {...register('subjectProduct', { setValueAs: blankToUndefined })} className={inputClass} />)}
        {field('purchaseDate', <input type="date" {...a11y('purchaseDate')} {...register('purchaseDate', { setValueAs: blankToUndefined })} className={inputClass} />)}
        {field('categoryCode', (
          <select {...a11y('categoryCode')} {...register('categoryCode', {
              setValueAs: blankToUndefined,
              onChange: () => void lookUpEarlier(),
            })} className={inputClass}>
            <option value="">{t('choose')}</option>
            {categories.map((c) => <option key={c.code} value={c.code}>{locale === 'en' ? c.nameEn : c.name}</option>)}
          </select>
        ), false, 'category')}
        {field('severity', (
          <>
            <select {...a11y('severity')} {...register('severity', { setValueAs: blankToUndefined })} className={inputClass}>
              <option value="">{t('choose')}</option>
              {severities.map((s) => <option key={s} value={s}>{wf(`severities.${s}`)}</option>)}
            </select>
            {usualSeverity && (severities as readonly string[]).includes(usualSeverity) && (
              <p className="mt-1 text-xs text-slate-600" data-testid="usual-severity">{t('usualSeverity', { severity: wf(`severities.${usualSeverity}`) })}</p>
            )}
          </>
        ))}
        {field('customerEmail', <input {...a11y('customerEmail')} maxLength={limit('customerEmail')} type="email" {...register('customerEmail', { setValueAs: blankToUndefined })} className={inputClass} />)}
        {field('customerLocale', (
          <select {...a11y('customerLocale')} {...register('customerLocale', { setValueAs: blankToUndefined })} className={inputClass}>
            <option value="">{t('choose')}</option>
            {customerLocales.map((l) => <option key={l} value={l}>{t(`locales.${l}`)}</option>)}
          </select>
        ))}
        {field('description', <textarea rows={3} {...a11y('description')} maxLength={limit('description')} {...register('description', { onBlur: lookUpEarlier })} className={inputClass} />, true)}
        {field('customerRequest', <textarea rows={2} {...a11y('customerRequest')} maxLength={limit('customerRequest')} {...register('customerRequest', { setValueAs: blankToUndefined })} className={inputClass} />, true)}
        {/* Several people are picked with a tap or the space bar each: a list of checkboxes,
            not a multiple select that needs Ctrl-click (issue 17). */}
        <fieldset id="intake-partyUserIds" className="min-w-0 sm:col-span-2 lg:col-span-2" aria-describedby="intake-parties-hint">
          <legend className="block text-sm font-medium">{f('parties')}</legend>
          <div className="mt-1 grid max-h-48 grid-cols-1 gap-x-4 overflow-y-auto rounded border border-slate-300 px-2 py-1 min-[480px]:grid-cols-2 lg:grid-cols-3" data-testid="intake-parties">
            {staff.map((s) => (
              <label key={s.id} className="flex min-h-8 items-center gap-2 py-0.5">
                <input type="checkbox" value={s.id} {...register('partyUserIds')} className="h-4 w-4 shrink-0" />
                <span className="min-w-0 break-words">{s.name}</span>
              </label>
            ))}
          </div>
          {err('partyUserIds') && <p id="intake-partyUserIds-error" className="mt-1 text-sm text-red-700">{err('partyUserIds')}</p>}
        </fieldset>
        <p id="intake-parties-hint" className="self-end text-xs text-slate-600">{t('partiesHint')}</p>
      </div>
      <IntakeSuggestion control={control} />
      <div className="mt-3 rounded border border-slate-200 p-3 text-sm">
        <label className="flex items-center gap-2 font-medium">
          <input type="checkbox" checked={crisis} onChange={(e) => setCrisis(e.target.checked)} className="h-4 w-4" data-testid="intake-crisis" />
          {tc('label')}
        </label>
        {crisis && (
          <div className="mt-2">
            <label htmlFor="intake-crisisReason" className="block font-medium">{tc('reason')}</label>
            <input
              id="intake-crisisReason"
              value={crisisReason}
              onChange={(e) => setCrisisReason(e.target.value)}
              maxLength={2000}
              aria-invalid={!!crisisError}
              aria-describedby={crisisError ? 'intake-crisisReason-error' : undefined}
              className={inputClass}
            />
            {crisisError && <p id="intake-crisisReason-error" className="mt-1 text-sm text-red-700">{crisisError}</p>}
          </div>
        )}
      </div>
      {earlier.length > 0 && (
        <div role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="repeat-warning">
          <p className="font-medium"><WarningIcon /> {t('repeat', { count: earlier.length })}</p>
          <ul className="mt-1 list-disc pl-5">
            {earlier.map((e) => (
              <li key={e.number}>
                <a href={`/complaints/${e.number}`} className="font-mono text-blue-700 underline" target="_blank">{e.number}</a>{' '}
                {wf(`states.${e.status}`)} · {format.date(new Date(e.receivedAt))} · {format.list(e.reasons.map((r) => rp(r)))} · {e.description.slice(0, 40)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div aria-live="polite" className="mt-3 min-h-5 text-sm text-red-700">{message}</div>
      <button type="submit" disabled={pending} className="mt-2 rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? t('saving') : t('submit')}
      </button>
    </form>
  );
}
