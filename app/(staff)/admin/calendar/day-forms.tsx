'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { useFormat } from '@/lib/i18n/use-format';
import type { z } from 'zod';
import { calendarDayKinds, calendarDaySchema } from '@/lib/admin/schemas';
import { addCalendarDayAction, removeCalendarDayAction } from '../actions';
import { a11y, buttonClass, errorAt, Field, FormMessage, inputClass, secondaryButtonClass, useActionSubmit, useAdminResolver, useErrorText } from '../_components/fields';
import { maxLengthOf } from '@/lib/validation/limits';

type Values = z.input<typeof calendarDaySchema>;

/** Adds one holiday or makeup working day (调休). */
export function AddDayForm({ year }: { year: number }) {
  const t = useTranslations('admin.calendar');
  const c = useTranslations('admin.common');
  const format = useFormat();
  const errorText = useErrorText();
  const router = useRouter();
  const { register, handleSubmit, formState, setError, reset } = useForm<Values, unknown, z.output<typeof calendarDaySchema>>({
    resolver: useAdminResolver(calendarDaySchema),
    defaultValues: { day: '', kind: 'holiday', name: '' },
  });
  const { pending, message, run } = useActionSubmit(setError as never);
  const err = (name: keyof Values) => errorText(name, errorAt(formState.errors, name));

  const submit = handleSubmit((values) =>
    run(
      () => addCalendarDayAction(values),
      () => {
        reset({ day: '', kind: values.kind, name: '' });
        if (!values.day.startsWith(String(year))) router.push(`/admin/calendar?year=${values.day.slice(0, 4)}`);
        else router.refresh();
        return `${t('added')} ${format.day(values.day)}`;
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded border border-slate-200 bg-slate-50 p-3" aria-labelledby="add-day-title">
      <h3 id="add-day-title" className="font-medium">{t('add')}</h3>
      <div className="grid gap-3 sm:grid-cols-[10rem_14rem_1fr_auto] sm:items-start">
        <Field id="day-day" label={t('day')} error={err('day')}>
          <input type="date" {...a11y('day-day', err('day'))} {...register('day')} className={inputClass} />
        </Field>
        <Field id="day-kind" label={t('kind')} error={err('kind')}>
          <select {...a11y('day-kind', err('kind'))} {...register('kind')} className={inputClass}>
            {calendarDayKinds.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
          </select>
        </Field>
        <Field id="day-name" label={<>{t('name')} <span className="text-xs font-normal text-slate-600">{c('optional')}</span></>} error={err('name')}>
          <input {...a11y('day-name', err('name'))} maxLength={maxLengthOf(calendarDaySchema, 'name')} {...register('name')} placeholder={t('namePlaceholder')} className={inputClass} />
        </Field>
        <div className="sm:pt-6">
          <button type="submit" disabled={pending} className={buttonClass}>{pending ? c('saving') : t('add')}</button>
        </div>
      </div>
      <FormMessage message={message} />
    </form>
  );
}

export function RemoveDayButton({ day }: { day: string }) {
  const t = useTranslations('admin.calendar');
  const format = useFormat();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        aria-label={t('removeLabel', { day: format.day(day) })}
        className={secondaryButtonClass}
        onClick={() =>
          startTransition(async () => {
            const result = await removeCalendarDayAction({ day });
            if (result.ok) router.refresh();
            else setError(result.message ?? null);
          })
        }
      >
        {t('remove')}
      </button>
      {error && <span role="alert" className="ml-2 text-xs text-red-800">{error}</span>}
    </>
  );
}
