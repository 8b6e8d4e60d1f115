'use client';

import { useTranslations } from 'next-intl';
import { useFormat } from '@/lib/i18n/use-format';
import type { z } from 'zod';
import { calendarDayKinds, calendarDaySchema } from '@/lib/admin/schemas';
import { addCalendarDayAction, removeCalendarDayAction } from '../actions';
import { a11y, Field, inputClass } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/button';
import { ActionButton } from '@/components/ui/action-button';
import { useAdminForm, useAdminResolver } from '../_components/fields';
import { maxLengthOf } from '@/lib/validation/limits';

type Values = z.input<typeof calendarDaySchema>;

/** Adds one holiday or makeup working day (调休). */
export function AddDayForm({ year }: { year: number }) {
  const t = useTranslations('admin.calendar');
  const c = useTranslations('admin.common');
  const format = useFormat();
  const { form, register, err, pending, message, onSubmit, router } = useAdminForm<Values, z.output<typeof calendarDaySchema>>(useAdminResolver(calendarDaySchema), {
    day: '',
    kind: 'holiday',
    name: '',
  });
  const submit = onSubmit(addCalendarDayAction, (_data, values) => {
    form.reset({ day: '', kind: values.kind, name: '' });
    if (!values.day.startsWith(String(year))) router.push(`/admin/calendar?year=${values.day.slice(0, 4)}`);
    else router.refresh();
    return `${t('added')} ${format.day(values.day)}`;
  });

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
          <SubmitButton pending={pending} pendingLabel={c('saving')}>{t('add')}</SubmitButton>
        </div>
      </div>
      <FormMessage message={message} />
    </form>
  );
}

export function RemoveDayButton({ day }: { day: string }) {
  const t = useTranslations('admin.calendar');
  const format = useFormat();
  return (
    <ActionButton action={() => removeCalendarDayAction({ day })} aria-label={t('removeLabel', { day: format.day(day) })}>
      {t('remove')}
    </ActionButton>
  );
}
