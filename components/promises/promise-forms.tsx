'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { localizedResolver } from '@/lib/validation/resolver';
import { defaultLabelNamespaces, type RootTranslator } from '@/lib/validation/messages';
import { recordPromiseSchema, resolvePromiseSchema, type RecordPromiseInput, type ResolvePromiseInput } from '@/lib/promises/schemas';
import { recordPromiseAction } from '@/app/(staff)/complaints/[number]/actions/record-promise';
import { resolvePromiseAction } from '@/app/(staff)/complaints/[number]/actions/resolve-promise';
import { useActionSubmit } from '@/app/(staff)/admin/_components/fields';
import { a11y, errorAt, Field, inputClass } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/button';

const labels = ['promises.form.fields', ...defaultLabelNamespaces];

function useResolver<V extends object>(schema: typeof recordPromiseSchema | typeof resolvePromiseSchema) {
  const t = useTranslations() as unknown as RootTranslator;
  return localizedResolver<V & Record<string, unknown>>(schema, t, { labels });
}

/** Record a promise told to the customer: what, by when, shown to the customer or not. */
export function PromiseForm({ complaintId, version }: { complaintId: string; version: number }) {
  const t = useTranslations('promises.form');
  const router = useRouter();
  const form = useForm<RecordPromiseInput & Record<string, unknown>>({
    resolver: useResolver<RecordPromiseInput>(recordPromiseSchema),
    defaultValues: { complaintId, expectedVersion: version, what: '', dueOn: '', dueTime: '', customerVisible: true },
  });
  const { pending, message, run } = useActionSubmit(form.setError as never);
  const err = (name: string) => errorAt(form.formState.errors, name)?.message;
  const onSubmit = form.handleSubmit((values) =>
    run(() => recordPromiseAction({ ...values, expectedVersion: version }), () => {
      form.reset({ complaintId, expectedVersion: version, what: '', dueOn: '', dueTime: '', customerVisible: true });
      router.refresh();
      return t('saved');
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3" aria-label={t('add')} data-testid="promise-form">
      <Field id="promise-what" label={t('fields.what')} error={err('what')}>
        <input {...a11y('promise-what', err('what'))} {...form.register('what')} maxLength={300} className={inputClass} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="promise-due-on" label={t('fields.dueOn')} error={err('dueOn')}>
          <input type="date" {...a11y('promise-due-on', err('dueOn'))} {...form.register('dueOn')} className={inputClass} />
        </Field>
        <Field id="promise-due-time" label={t('fields.dueTime')} error={err('dueTime')}>
          <input type="time" {...a11y('promise-due-time', err('dueTime'))} {...form.register('dueTime')} className={inputClass} />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...form.register('customerVisible')} />
        {t('fields.customerVisible')}
      </label>
      <FormMessage message={message} />
      <SubmitButton pending={pending} pendingLabel={t('saving')}>{t('save')}</SubmitButton>
    </form>
  );
}

/** Record whether a promise was kept or broken, with the reason. */
export function ResolvePromiseForm({ complaintId, promiseId, version }: { complaintId: string; promiseId: string; version: number }) {
  const t = useTranslations('promises.form');
  const router = useRouter();
  const form = useForm<ResolvePromiseInput & Record<string, unknown>>({
    resolver: useResolver<ResolvePromiseInput>(resolvePromiseSchema),
    defaultValues: { complaintId, promiseId, expectedVersion: version, outcome: 'kept', reason: '' },
  });
  const { pending, message, run } = useActionSubmit(form.setError as never);
  const err = (name: string) => errorAt(form.formState.errors, name)?.message;
  const id = (name: string) => `promise-${promiseId}-${name}`;
  const onSubmit = form.handleSubmit((values) =>
    run(() => resolvePromiseAction({ ...values, expectedVersion: version }), () => {
      router.refresh();
      return t('resolved');
    }),
  );
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-sm text-blue-700 underline">{t('resolve')}</summary>
      <form onSubmit={onSubmit} noValidate className="mt-2 space-y-2" aria-label={t('resolve')}>
        <Field id={id('outcome')} label={t('fields.outcome')} error={err('outcome')}>
          <select {...a11y(id('outcome'), err('outcome'))} {...form.register('outcome')} className={inputClass}>
            <option value="kept">{t('kept')}</option>
            <option value="broken">{t('broken')}</option>
          </select>
        </Field>
        <Field id={id('reason')} label={t('fields.reason')} error={err('reason')}>
          <textarea rows={2} {...a11y(id('reason'), err('reason'))} {...form.register('reason')} maxLength={1000} className={inputClass} />
        </Field>
        <FormMessage message={message} />
        <SubmitButton pending={pending} pendingLabel={t('saving')} look="secondary">{t('resolveSave')}</SubmitButton>
      </form>
    </details>
  );
}
