'use client';

import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { retentionSchema, type RetentionInput } from '@/lib/privacy/schemas';
import { saveRetentionAction } from './actions';
import { a11y, buttonClass, errorAt, Field, FormMessage, inputClass, useActionSubmit, useAdminResolver, useErrorText } from '../_components/fields';

export function RetentionForm({ years }: { years: number }) {
  const t = useTranslations('privacy.retention');
  const c = useTranslations('admin.common');
  const errorText = useErrorText();
  const router = useRouter();
  const { register, handleSubmit, formState, setError, reset } = useForm<RetentionInput>({
    resolver: useAdminResolver(retentionSchema),
    defaultValues: { years },
  });
  const { pending, message, run } = useActionSubmit(setError as never);
  const err = errorText('years', errorAt(formState.errors, 'years'));
  const submit = handleSubmit((values) =>
    run(
      () => saveRetentionAction(values),
      () => {
        reset(values);
        router.refresh();
        return c('saved');
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate className="max-w-md space-y-3" aria-label={t('title')}>
      <Field id="retention-years" label={t('years')} error={err} hint={t('yearsHint')}>
        <input type="number" min={1} max={30} step={1} inputMode="numeric" {...a11y('retention-years', err, true)} {...register('years')} className={inputClass} />
      </Field>
      <FormMessage message={message} />
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? c('saving') : c('save')}</button>
    </form>
  );
}
