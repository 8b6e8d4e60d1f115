'use client';

import { useTranslations } from 'next-intl';
import { ownAbsenceSchema, type OwnAbsenceInput } from '@/lib/cover/schemas';
import { setOwnAbsenceAction } from '@/app/(staff)/absence/actions';
import { FormEnd, useAdminForm, useAdminResolver } from '@/app/(staff)/admin/_components/fields';
import { a11y, Field, inputClass } from '@/components/ui/field';

/** "I am away through …" from the person's own menu; empty: back at work. */
export function AbsenceForm({ absentThrough }: { absentThrough: string | null }) {
  const t = useTranslations('promises.absence');
  const { register, err, pending, message, onSave } = useAdminForm<OwnAbsenceInput>(useAdminResolver(ownAbsenceSchema), { absentThrough: absentThrough ?? '' });
  return (
    <form onSubmit={onSave(setOwnAbsenceAction, t('saved'), 'keep')} noValidate className="max-w-md space-y-3" aria-label={t('title')}>
      <p className="text-sm" data-testid="own-absence">{absentThrough ? t('awayThrough', { day: absentThrough }) : t('atWork')}</p>
      <Field id="absent-through" label={t('absentThrough')} error={err('absentThrough')} hint={t('hint')}>
        <input type="date" {...a11y('absent-through', err('absentThrough'), true)} {...register('absentThrough')} className={inputClass} />
      </Field>
      <FormEnd pending={pending} message={message} />
    </form>
  );
}
