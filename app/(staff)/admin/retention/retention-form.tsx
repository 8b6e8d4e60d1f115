'use client';

import { useTranslations } from 'next-intl';
import { retentionSchema, type RetentionInput } from '@/lib/privacy/schemas';
import { saveRetentionAction } from './actions';
import { a11y, Field, inputClass } from '@/components/ui/field';
import { FormEnd, useAdminForm, useAdminResolver } from '../_components/fields';

export function RetentionForm({ years }: { years: number }) {
  const t = useTranslations('privacy.retention');
  const c = useTranslations('admin.common');
  const { register, err, pending, message, onSave } = useAdminForm<RetentionInput>(useAdminResolver(retentionSchema), { years });
  return (
    <form onSubmit={onSave(saveRetentionAction, c('saved'), 'keep')} noValidate className="max-w-md space-y-3" aria-label={t('title')}>
      <Field id="retention-years" label={t('years')} error={err('years')} hint={t('yearsHint')}>
        <input type="number" min={1} max={30} step={1} inputMode="numeric" {...a11y('retention-years', err('years'), true)} {...register('years')} className={inputClass} />
      </Field>
      <FormEnd pending={pending} message={message} />
    </form>
  );
}
