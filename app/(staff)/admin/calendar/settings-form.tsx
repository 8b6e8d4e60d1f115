'use client';

import { useTranslations } from 'next-intl';
import { calendarSettingsSchema, type CalendarSettingsInput } from '@/lib/admin/schemas';
import { saveCalendarSettingsAction } from '../actions';
import { a11y, Field, inputClass } from '@/components/ui/field';
import { FormEnd, useAdminForm, useAdminResolver } from '../_components/fields';
import { maxLengthOf } from '@/lib/validation/limits';

export function CalendarSettingsForm({ settings }: { settings: CalendarSettingsInput }) {
  const t = useTranslations('admin.calendar');
  const c = useTranslations('admin.common');
  const { register, err, pending, message, onSave } = useAdminForm<CalendarSettingsInput>(useAdminResolver(calendarSettingsSchema), settings);
  return (
    <form onSubmit={onSave(saveCalendarSettingsAction, c('saved'), 'keep')} noValidate className="space-y-3" aria-label={t('settings')}>
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
      <FormEnd pending={pending} message={message} />
    </form>
  );
}
