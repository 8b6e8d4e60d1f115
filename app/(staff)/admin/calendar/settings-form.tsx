'use client';

import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { calendarSettingsSchema, type CalendarSettingsInput } from '@/lib/admin/schemas';
import { saveCalendarSettingsAction } from '../actions';
import { a11y, buttonClass, errorAt, Field, FormMessage, inputClass, useActionSubmit, useAdminResolver, useErrorText } from '../_components/fields';
import { maxLengthOf } from '@/lib/validation/limits';

export function CalendarSettingsForm({ settings }: { settings: CalendarSettingsInput }) {
  const t = useTranslations('admin.calendar');
  const c = useTranslations('admin.common');
  const errorText = useErrorText();
  const router = useRouter();
  const { register, handleSubmit, formState, setError, reset } = useForm<CalendarSettingsInput>({
    resolver: useAdminResolver(calendarSettingsSchema),
    defaultValues: settings,
  });
  const { pending, message, run } = useActionSubmit(setError as never);
  const err = (name: keyof CalendarSettingsInput) => errorText(name, errorAt(formState.errors, name));

  const submit = handleSubmit((values) =>
    run(
      () => saveCalendarSettingsAction(values),
      () => {
        reset(values);
        router.refresh();
        return c('saved');
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={t('settings')}>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="cal-timeZone" label={t('timeZone')} error={err('timeZone')} hint={t('timeZoneHint')}>
          <input {...a11y('cal-timeZone', err('timeZone'), true)} maxLength={maxLengthOf(calendarSettingsSchema, 'timeZone')} {...register('timeZone')} className={inputClass} autoComplete="off" spellCheck={false} />
        </Field>
        <Field id="cal-workdayStart" label={t('workdayStart')} error={err('workdayStart')}>
          <input type="time" {...a11y('cal-workdayStart', err('workdayStart'))} {...register('workdayStart')} className={inputClass} />
        </Field>
        <Field id="cal-workdayEnd" label={t('workdayEnd')} error={err('workdayEnd')}>
          <input type="time" {...a11y('cal-workdayEnd', err('workdayEnd'))} {...register('workdayEnd')} className={inputClass} />
        </Field>
      </div>
      <FormMessage message={message} />
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? c('saving') : c('save')}</button>
    </form>
  );
}
