'use client';

import { useTranslations } from 'next-intl';
import { progressSettingsSchema, type ProgressSettingsInput } from '@/lib/promises/schemas';
import { a11y, Field, inputClass } from '@/components/ui/field';
import { FormEnd, useAdminForm, useAdminResolver } from '../_components/fields';
import { saveProgressSettingsAction } from './actions';

export function ProgressForm({ autoSendAt }: { autoSendAt: string }) {
  const t = useTranslations('promises.admin');
  const { register, err, pending, message, onSave } = useAdminForm<ProgressSettingsInput>(useAdminResolver(progressSettingsSchema), { autoSendAt });
  return (
    <form onSubmit={onSave(saveProgressSettingsAction, t('saved'), 'keep')} noValidate className="max-w-md space-y-3" aria-label={t('title')}>
      <Field id="progress-auto-send-at" label={t('autoSendAt')} error={err('autoSendAt')}>
        <input type="time" {...a11y('progress-auto-send-at', err('autoSendAt'))} {...register('autoSendAt')} className={inputClass} />
      </Field>
      <FormEnd pending={pending} message={message} />
    </form>
  );
}
