'use client';

import { startTransition, useActionState, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { describedBy, Field, publicInputClass } from '@/components/ui/field';
import { honeypotField, maxPhotos, photoAccept } from '@/lib/public/form-constants';
import type { PublicFormInput } from '@/lib/public/form-schema';
import { filesProblem, inMegabytes, maxFilesBytes } from '@/lib/validation/limits';
import type { ActionState } from '@/lib/auth/action';
import { submitComplaintAction, type SubmitReceipt } from './actions';
import type { RootTranslator } from '@/lib/validation/messages';
import { WarningIcon } from '@/components/ui/icons';

// The form's rules (zod and the schema: about 30 kB gzipped, more than the form itself) are not
// part of the page's first load: they load when the customer first focuses a field, and at the
// latest when a field is checked. Should they fail to load, the form is sent unchecked and the
// server, which checks everything again, answers next to the fields all the same.
let validation: Promise<typeof import('@/lib/public/form-resolver')> | undefined;
const loadValidation = () => (validation ??= import('@/lib/public/form-resolver').catch((err) => {
  validation = undefined; // try again at the next check
  throw err;
}));

interface Props {
  categories: { code: string; label: string }[];
  idempotencyKey: string;
}

type FieldName = Exclude<keyof PublicFormInput, 'idempotencyKey'>;

export function SubmitForm({ categories, idempotencyKey }: Props) {
  const t = useTranslations('public.submit');
  const root = useTranslations() as unknown as RootTranslator;
  const optional = useTranslations('public')('optional');
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, sending] = useActionState<ActionState<SubmitReceipt>, FormData>(submitComplaintAction, { ok: false });
  const [photoError, setPhotoError] = useState<string | undefined>();
  // Worded in the reader's language, a field named as this form names it (not as the staff's intake does).
  const resolver = useMemo<Resolver<PublicFormInput>>(
    () => async (values, context, options) => {
      let rules: Awaited<ReturnType<typeof loadValidation>>;
      try {
        rules = await loadValidation();
      } catch {
        return { values, errors: {} };
      }
      return rules.publicFormResolver(root)(values, context, options);
    },
    [root],
  );
  const { register, handleSubmit, formState } = useForm<PublicFormInput>({
    resolver,
    defaultValues: { idempotencyKey },
    mode: 'onTouched',
  });

  // Client checks first (the server's rules, but the phone number's validity: lib/public/form-schema.ts);
  // the server action receives the real form data, photos included. Without JavaScript the form
  // posts to the same action, and a refusal gives back what was typed (state.values).
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const photoProblem = checkPhotos(form);
    setPhotoError(photoProblem);
    void handleSubmit(() => {
      if (photoProblem) return;
      startTransition(() => formAction(new FormData(form)));
    })(e);
  };

  // The form's own sentence per field (the server words its answer the same way: publicAction's
  // `sentences`); a bad character (NUL, control character…, the only custom issue here) names it.
  const errorOf = (name: FieldName): string | undefined => {
    const client = formState.errors[name];
    if (client) return client.type === 'custom' && client.message ? client.message : t(`errors.${name}`);
    return state.fieldErrors?.[name]?.[0];
  };
  const photosError = photoError ?? state.fieldErrors?.photos?.[0];

  if (state.ok && state.data) return <Success result={state.data} />;

  const text = (name: FieldName, opts: { type?: string; autoComplete?: string; hint?: boolean; optional?: boolean; inputMode?: 'tel' | 'email' | 'text' } = {}) => (
    <Field variant="public" id={name} label={t(`fields.${name}`)} optional={opts.optional ? optional : undefined} hint={opts.hint ? t(`hints.${name}`) : undefined} error={errorOf(name)}>
      <input id={name} type={opts.type ?? 'text'} autoComplete={opts.autoComplete} inputMode={opts.inputMode} defaultValue={state.values?.[name]}
        aria-invalid={errorOf(name) ? true : undefined} aria-describedby={describedBy(name, opts.hint)} aria-required={opts.optional ? undefined : true}
        className={publicInputClass} {...register(name)} />
    </Field>
  );

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} onFocus={() => void loadValidation().catch(() => {})} noValidate className="space-y-5">
      {/* A plain hidden field (not registered): it must carry its value before hydration too. */}
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {text('customerName', { autoComplete: 'name' })}
      {text('customerPhone', { type: 'tel', autoComplete: 'tel', hint: true, inputMode: 'tel' })}
      {text('customerEmail', { type: 'email', autoComplete: 'email', optional: true, inputMode: 'email' })}
      {text('plate', { optional: true, hint: true })}
      {text('subjectProduct', { optional: true })}
      <Field variant="public" id="categoryCode" label={t('fields.categoryCode')} error={errorOf('categoryCode')}>
        <select id="categoryCode" aria-invalid={errorOf('categoryCode') ? true : undefined} aria-describedby={describedBy('categoryCode')}
          aria-required className={publicInputClass} defaultValue={state.values?.categoryCode ?? ''} {...register('categoryCode')}>
          <option value="" disabled>{t('choose')}</option>
          {categories.map((c) => <option key={c.code} value={c.code}>{c.label}</option>)}
        </select>
      </Field>
      <Field variant="public" id="description" label={t('fields.description')} hint={t('hints.description')} error={errorOf('description')}>
        <textarea id="description" rows={5} aria-invalid={errorOf('description') ? true : undefined} aria-describedby={describedBy('description', true)}
          aria-required className={publicInputClass} defaultValue={state.values?.description} {...register('description')} />
      </Field>
      <Field variant="public" id="customerRequest" label={t('fields.customerRequest')} optional={optional} error={errorOf('customerRequest')}>
        <textarea id="customerRequest" rows={3} aria-invalid={errorOf('customerRequest') ? true : undefined} aria-describedby={describedBy('customerRequest')}
          className={publicInputClass} defaultValue={state.values?.customerRequest} {...register('customerRequest')} />
      </Field>
      <Field variant="public" id="photos" label={t('fields.photos')} optional={optional} hint={t('hints.photos')} error={photosError}>
        <input id="photos" name="photos" type="file" multiple accept={photoAccept} aria-invalid={photosError ? true : undefined}
          aria-describedby={describedBy('photos', true)} onChange={(e) => setPhotoError(checkPhotos(e.currentTarget.form!))}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded file:border file:border-slate-400 file:bg-slate-100 file:px-3 file:py-2" />
      </Field>
      {/* Honeypot: hidden from people and assistive technology, filled in by robots. */}
      <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor={honeypotField}>{t('fields.honeypot')}</label>
        <input id={honeypotField} name={honeypotField} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <p role="status" aria-live="polite" className="text-sm font-medium text-red-800">
        {state.code === 'invalid_input' ? <span><WarningIcon /> {t('errors.summary')}</span>
          : state.message && <span data-testid={state.code === 'rate_limited' ? 'submit-limit' : undefined}><WarningIcon /> {state.message}</span>}
      </p>
      <button type="submit" disabled={sending}
        className="w-full rounded bg-blue-700 px-4 py-3 font-medium text-white hover:bg-blue-800 disabled:opacity-60 sm:w-auto">
        {sending ? t('sending') : t('send')}
      </button>
    </form>
  );

  function checkPhotos(form: HTMLFormElement): string | undefined {
    const input = form.elements.namedItem('photos') as HTMLInputElement | null;
    // Checked before sending: a body over the request limit would be refused whole by the
    // server (413), so the person learns it here, with everything typed still in the form.
    const problem = filesProblem(Array.from(input?.files ?? [], (f) => f.size), maxPhotos);
    return problem ? t(`errors.photos.${problem}`, { max: inMegabytes(maxFilesBytes) }) : undefined;
  }
}

function Success({ result }: { result: SubmitReceipt }) {
  const t = useTranslations('public.submit.success');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="submit-success" className="space-y-4">
      <h2 id="submit-success" ref={heading} tabIndex={-1} className="text-xl font-semibold text-green-900">✓ {t('title')}</h2>
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <div className="rounded border border-slate-300 p-3">
          <dt className="text-sm text-slate-600">{t('number')}</dt>
          <dd className="font-mono text-lg font-semibold" data-testid="form-number">{result.number}</dd>
        </div>
        <div className="rounded border border-slate-300 p-3">
          <dt className="text-sm text-slate-600">{t('accessCode')}</dt>
          <dd className="font-mono text-lg font-semibold tracking-widest" data-testid="access-code">{result.accessCode}</dd>
        </div>
      </dl>
      <div>
        <p className="text-sm text-slate-600">{t('link')}</p>
        <p className="break-all font-mono text-sm"><a href={result.trackPath} className="text-blue-800 underline" data-testid="track-link">{result.trackUrl}</a></p>
      </div>
      <p className="text-sm text-slate-700">{t('keep')}</p>
      <div className="flex flex-wrap gap-3">
        <a href={result.trackPath} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t('open')}</a>
        <a href="/submit" className="rounded border border-slate-400 px-4 py-2 hover:bg-slate-100">{t('another')}</a>
      </div>
    </section>
  );
}
