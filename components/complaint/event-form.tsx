'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useController, useFieldArray, useForm, type FieldErrors, type Resolver, type UseFormRegister, type Control } from 'react-hook-form';
import { useLocale, useTranslations } from 'next-intl';
import { determinationDraftSchema, eventSchemas, pendingReasons, remedyKinds, severities, type EventName } from '@/lib/workflow';
import { applyEventAction } from '@/app/(staff)/complaints/[number]/actions/apply-event';
import { saveDraftAction } from '@/app/(staff)/complaints/[number]/actions/save-draft';
import { applicableValues, appliesTo, defaultValues, eventFields, type FieldSpec } from './event-fields';
import { PersonPicker } from './person-picker';
import type { DirectoryPerson } from '@/lib/complaints/staff-directory';
import { localizedResolver } from '@/lib/validation/resolver';
import { counterFrom, maxLengthOf } from '@/lib/validation/limits';
import type { RootTranslator } from '@/lib/validation/messages';
import { useZodLocale } from '@/components/ui/zod-locale';
import { CharCounter } from '@/components/ui/char-counter';

export interface Choices {
  departments: { id: string; name: string; nameEn: string }[];
  managers: { id: string; name: string }[];
  /** The site's staff directory, for the people pickers. */
  staff: DirectoryPerson[];
}

interface Props {
  complaintId: string;
  number: string;
  version: number;
  event: EventName;
  choices: Choices;
  prefill?: Record<string, unknown>;
  /** 'draft': the department handler's saved determination draft instead of the event itself. */
  mode?: 'event' | 'draft';
  /** Fields that do not apply to this form or this person now (they keep their default). */
  omit?: string[];
  /** Prefix of the field ids, for a page that shows one event's form for several forms (the ledger). */
  idPrefix?: string;
}

type Values = Record<string, unknown>;

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const yuanToCents = (v: unknown) => (v === '' || v === null || v === undefined ? undefined : Math.round(Number(v) * 100));
const inputClass = 'mt-1 block w-full min-w-0 rounded border border-slate-300 px-2 py-1.5';
// A fieldset is as wide as its content by default (min-inline-size: min-content), which pushed
// the repeatable rows out of the narrow action panel: let it shrink, and lay its rows out by
// the width of the panel (a container), not of the window.
const fieldsetClass = '@container min-w-0 rounded border border-slate-200 p-3';

function errorAt(errors: FieldErrors, path: string): string | undefined {
  let node: unknown = errors;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  return (node as { message?: string } | undefined)?.message;
}

/** One event's form: the same zod schema here (zodResolver) as in the server action. */
export function EventForm({ complaintId, number, version, event, choices, prefill, mode = 'event', idPrefix = '', omit = [] }: Props) {
  const t = useTranslations('form');
  const wf = useTranslations('workflow');
  const locale = useLocale();
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; conflict?: boolean; ok?: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  // One form component for every event: the schema is chosen at run time. Only the fields that
  // apply to the choices made are validated and sent (hidden ones keep their value meanwhile).
  // Errors are worded in the page's language and name their field (lib/validation/messages.ts).
  const schema = mode === 'draft' ? determinationDraftSchema : eventSchemas[event];
  const root = useTranslations() as unknown as RootTranslator;
  // zod parses here: interpreted (CSP), and any issue the resolver does not word in this language.
  useZodLocale();
  const resolver: Resolver<Values> = localizedResolver<Values>(schema, root, { prepare: (values) => applicableValues(event, values) });
  // Text limits come from the schema, so the field refuses what the server would.
  const limit = (path: string) => maxLengthOf(schema, path);
  const form = useForm<Values>({ resolver, defaultValues: defaultValues(event, prefill) });
  const { register, handleSubmit, control, formState, setError, reset, watch } = form;
  const founded = watch('founded');

  const submit = handleSubmit((input) => {
    setMessage(null);
    startTransition(async () => {
      const result =
        mode === 'draft'
          ? await saveDraftAction({ complaintId, number, input })
          : await applyEventAction({ complaintId, number, event, expectedVersion: version, input });
      if (result.ok) {
        if (mode === 'event') reset(defaultValues(event, prefill));
        setMessage({ text: t('saved'), ok: true });
        router.refresh();
        return;
      }
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
        setError(path === '_' ? 'root' : path, { message: messages[0] });
      }
      setMessage({ text: result.message ?? t('failed'), conflict: result.code === 'stale_version' });
    });
  });

  const fieldId = (name: string) => `${idPrefix}${event}-${name}`;
  const counted = (name: string) => (limit(name) ?? 0) >= counterFrom;
  const described = (name: string) =>
    [errorAt(formState.errors, name) ? `${fieldId(name)}-error` : null, counted(name) ? `${fieldId(name)}-count` : null].filter(Boolean).join(' ') || undefined;
  const fieldError = (name: string) => {
    const msg = errorAt(formState.errors, name);
    return msg ? (
      <p id={`${fieldId(name)}-error`} className="mt-1 text-sm text-red-700">
        {msg}
      </p>
    ) : null;
  };
  // An event may label a shared field its own way: whether the customer sees it differs by event.
  const fieldLabel = (name: string) => (t.has(`eventFields.${event}.${name}`) ? t(`eventFields.${event}.${name}`) : t(`fields.${name}`));
  const label = (name: string, optional?: boolean) => (
    <>
      {name === 'rootCause' && event === 'submit_determination' && founded === false ? t('fields.finding') : fieldLabel(name)}
      {optional && <span className="ml-1 text-xs text-slate-600">{t('optional')}</span>}
    </>
  );

  function renderField(field: FieldSpec) {
    const { name, kind } = field;
    const id = fieldId(name);
    const common = { id, 'aria-invalid': !!errorAt(formState.errors, name), 'aria-describedby': described(name) };
    switch (kind) {
      case 'checkbox':
        return (
          <div key={name} className="flex items-start gap-2">
            <input type="checkbox" {...common} {...register(name)} className="mt-1 h-4 w-4" />
            <label htmlFor={id}>{label(name)}</label>
            {fieldError(name)}
          </div>
        );
      case 'remedy':
        return <RemedyFields key={name} name={name} event={event} idPrefix={idPrefix} register={register} errors={formState.errors} limit={limit} />;
      case 'accountability':
        return <AccountabilityFields key={name} name={name} event={event} idPrefix={idPrefix} staff={choices.staff} control={control} register={register} errors={formState.errors} limit={limit} />;
      case 'responsible':
        return (
          <PersonPicker key={name} id={id} label={<span className="font-medium">{label(name)}</span>} control={control} staff={choices.staff} allowNone
            userIdName="responsibleUserId" personName={name} maxLength={limit(name)} error={errorAt(formState.errors, name) ?? errorAt(formState.errors, 'responsibleUserId')} />
        );
      default: {
        let input: React.ReactNode;
        if (kind === 'textarea') input = <textarea rows={3} {...common} maxLength={limit(name)} {...register(name)} className={inputClass} />;
        else if (kind === 'lines')
          input = (
            <textarea rows={3} {...common} placeholder={t('onePerLine')} className={inputClass}
              {...register(name, { setValueAs: (v: unknown) => (Array.isArray(v) ? v : String(v ?? '').split('\n').map((s) => s.trim()).filter(Boolean)) })} />
          );
        else if (kind === 'date') input = <input type="date" {...common} {...register(name)} className={inputClass} />;
        else if (kind === 'satisfaction')
          input = (
            <select {...common} {...register(name, { setValueAs: (v: unknown) => (v === '' || v === undefined ? undefined : Number(v)) })} className={inputClass}>
              <option value="">{t('choose')}</option>
              {(event === 'reopen' ? [2, 1] : [5, 4, 3]).map((n) => <option key={n} value={n}>{t(`satisfaction.${n}`)}</option>)}
            </select>
          );
        else if (kind === 'yesno') input = <YesNo name={name} id={id} control={control} />;
        else if (kind === 'founded') input = <YesNo name={name} id={id} control={control} labels={[t('founded.yes'), t('founded.no')]} />;
        else if (kind === 'text') input = <input {...common} maxLength={limit(name)} {...register(name)} className={inputClass} />;
        else {
          const options =
            kind === 'severity' ? severities.map((s) => ({ value: s, text: wf(`severities.${s}`) }))
            : kind === 'pendingReason' ? pendingReasons.map((r) => ({ value: r, text: wf(`pendingReasons.${r}`) }))
            : kind === 'department' ? choices.departments.map((d) => ({ value: d.id, text: locale === 'en' ? d.nameEn : d.name }))
            : choices.managers.map((m) => ({ value: m.id, text: m.name }));
          input = (
            <select {...common} {...register(name, { setValueAs: (v: unknown) => (v === '' ? undefined : v) })} className={inputClass}>
              <option value="">{t('choose')}</option>
              {options.map((o) => <option key={o.value} value={o.value}>{o.text}</option>)}
            </select>
          );
        }
        return (
          <div key={name}>
            <label htmlFor={id} id={`${id}-label`} className="block text-sm font-medium">{label(name, field.optional)}</label>
            {input}
            {counted(name) && <CharCounter id={`${id}-count`} name={name} max={limit(name)!} control={control} />}
            {fieldError(name)}
          </div>
        );
      }
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={mode === 'draft' ? t('draftTitle') : wf(`events.${event}`)}>
      {eventFields[event].filter((f) => !omit.includes(f.name) && appliesTo(f, founded)).map(renderField)}
      {formState.errors.root?.message && <p className="text-sm text-red-700">{formState.errors.root.message}</p>}
      <div aria-live="polite" role="status">
        {message && (
          <div className={`rounded px-3 py-2 text-sm ${message.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}>
            {message.text}
            {message.conflict && (
              <button type="button" onClick={() => router.refresh()} className="ml-3 underline">{t('reload')}</button>
            )}
          </div>
        )}
      </div>
      <button type="submit" disabled={pending}
        className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? t('saving') : mode === 'draft' ? t('saveDraft') : wf(`events.${event}`)}
      </button>
    </form>
  );
}

/** A yes/no judgement that starts unanswered (radios hold strings; the schema wants a boolean). */
function YesNo({ name, id, control, labels }: { name: string; id: string; control: Control<Values>; labels?: [string, string] }) {
  const t = useTranslations('form');
  const { field } = useController({ name, control });
  return (
    <div role="radiogroup" aria-labelledby={`${id}-label`} className="mt-1 flex gap-4">
      {([true, false] as const).map((v) => (
        <label key={String(v)} className="flex items-center gap-1">
          <input type="radio" name={field.name} checked={field.value === v} onChange={() => field.onChange(v)} onBlur={field.onBlur} />
          {labels ? labels[v ? 0 : 1] : t(v ? 'yes' : 'no')}
        </label>
      ))}
    </div>
  );
}

function RemedyFields({ name, event, idPrefix, register, errors, limit }: { name: string; event: string; idPrefix: string; register: UseFormRegister<Values>; errors: FieldErrors; limit: (path: string) => number | undefined }) {
  const t = useTranslations('form');
  const wf = useTranslations('workflow');
  const id = (sub: string) => `${idPrefix}${event}-${name}-${sub}`;
  const err = (sub: string) => errorAt(errors, `${name}.${sub}`);
  return (
    <fieldset className={fieldsetClass}>
      <legend className="px-1 text-sm font-medium">{t(`fields.${name}`)}</legend>
      {/* Kind and amount side by side, the description below; one row when the panel is wide. */}
      <div className="grid grid-cols-2 gap-3 @xl:grid-cols-[10rem_8rem_minmax(0,1fr)]">
        <div className="min-w-0">
          <label htmlFor={id('kind')} className="block text-sm">{t('fields.remedyKind')}</label>
          {/* Starts unchosen: the kind is the person's decision, never a default (issue 17). */}
          <select id={id('kind')} aria-invalid={!!err('kind')} aria-describedby={err('kind') ? id('kind-error') : undefined}
            {...register(`${name}.kind`, { setValueAs: blankToUndefined })} className={inputClass}>
            <option value="">{t('choose')}</option>
            {remedyKinds.map((k) => <option key={k} value={k}>{wf(`remedyKinds.${k}`)}</option>)}
          </select>
          {err('kind') && <p id={id('kind-error')} className="mt-1 text-sm text-red-700">{err('kind')}</p>}
        </div>
        <div className="min-w-0">
          <label htmlFor={id('amount')} className="block text-sm">{t('fields.amountYuan')}</label>
          <input id={id('amount')} type="number" min="0" step="0.01" inputMode="decimal"
            aria-invalid={!!err('amountCents')} aria-describedby={err('amountCents') ? id('amount-error') : undefined}
            {...register(`${name}.amountCents`, { setValueAs: yuanToCents })} className={inputClass} />
          {err('amountCents') && <p id={id('amount-error')} className="mt-1 text-sm text-red-700">{err('amountCents')}</p>}
        </div>
        <div className="col-span-2 min-w-0 @xl:col-span-1">
          <label htmlFor={id('description')} className="block text-sm">{t('fields.remedyDescription')}</label>
          <input id={id('description')} aria-invalid={!!err('description')} aria-describedby={err('description') ? id('description-error') : undefined}
            maxLength={limit(`${name}.description`)} {...register(`${name}.description`)} className={inputClass} />
          {err('description') && <p id={id('description-error')} className="mt-1 text-sm text-red-700">{err('description')}</p>}
        </div>
      </div>
    </fieldset>
  );
}

interface AccountabilityProps {
  name: string;
  event: string;
  idPrefix: string;
  staff: DirectoryPerson[];
  control: Control<Values>;
  register: UseFormRegister<Values>;
  errors: FieldErrors;
  limit: (path: string) => number | undefined;
}

function AccountabilityFields({ name, event, idPrefix, staff, control, register, errors, limit }: AccountabilityProps) {
  const t = useTranslations('form');
  const wf = useTranslations('workflow');
  const { fields, append, remove } = useFieldArray({ control, name: name as never });
  return (
    <fieldset className={fieldsetClass}>
      <legend className="px-1 text-sm font-medium">{t(`fields.${name}`)}</legend>
      {fields.map((f, i) => {
        const id = (sub: string) => `${idPrefix}${event}-${name}-${i}-${sub}`;
        const err = (sub: string) => errorAt(errors, `${name}.${i}.${sub}`);
        return (
          // Each entry a small grid: the person, then type and amount, then the reason; on one
          // line only when the panel is wide enough for every input to stay readable.
          <div key={f.id} data-testid="accountability-entry"
            className="mb-3 grid grid-cols-2 gap-2 border-b border-slate-100 pb-3 last-of-type:border-b-0 @xl:grid-cols-[minmax(0,1fr)_7rem_8rem] @4xl:grid-cols-[minmax(0,1fr)_7rem_8rem_minmax(0,1.5fr)_auto]">
            <div className="col-span-2 min-w-0 @xl:col-span-1">
              <PersonPicker id={id('person')} label={t('fields.person')} control={control} staff={staff}
                userIdName={`${name}.${i}.userId`} personName={`${name}.${i}.person`} maxLength={limit(`${name}.${i}.person`)} error={err('person') ?? err('userId')} />
            </div>
            <div className="min-w-0">
              <label htmlFor={id('type')} className="block text-sm">{t('fields.entryType')}</label>
              <select id={id('type')} aria-invalid={!!err('type')} aria-describedby={err('type') ? id('type-error') : undefined}
                {...register(`${name}.${i}.type`, { setValueAs: blankToUndefined })} className={inputClass}>
                <option value="">{t('choose')}</option>
                <option value="penalty">{wf('accountabilityTypes.penalty')}</option>
                <option value="reward">{wf('accountabilityTypes.reward')}</option>
              </select>
              {err('type') && <p id={id('type-error')} className="mt-1 text-sm text-red-700">{err('type')}</p>}
            </div>
            <div className="min-w-0">
              <label htmlFor={id('amount')} className="block text-sm">{t('fields.amountYuan')}</label>
              <input id={id('amount')} type="number" min="0" step="0.01" inputMode="decimal" {...register(`${name}.${i}.amountCents`, { setValueAs: (v: unknown) => yuanToCents(v) ?? 0 })} className={inputClass} />
            </div>
            <div className="col-span-2 min-w-0 @xl:col-span-3 @4xl:col-span-1">
              <label htmlFor={id('reason')} className="block text-sm">{t('fields.entryReason')}</label>
              <input id={id('reason')} maxLength={limit(`${name}.${i}.reason`)} {...register(`${name}.${i}.reason`)} className={inputClass} aria-invalid={!!err('reason')}
                aria-describedby={err('reason') ? id('reason-error') : undefined} />
              {err('reason') && <p id={id('reason-error')} className="mt-1 text-sm text-red-700">{err('reason')}</p>}
            </div>
            <button type="button" onClick={() => remove(i)}
              className="col-span-2 justify-self-end rounded border border-slate-300 px-2 py-1.5 text-sm @xl:col-span-3 @4xl:col-span-1 @4xl:self-end">
              {t('remove')}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => append({ amountCents: 0, reason: '' })}
        className="rounded border border-slate-300 px-3 py-1 text-sm">{t('addEntry')}</button>
    </fieldset>
  );
}
