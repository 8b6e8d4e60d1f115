'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { localizedResolver } from '@/lib/validation/resolver';
import { defaultLabelNamespaces, type RootTranslator } from '@/lib/validation/messages';
import { setCrisisSchema, type SetCrisisArgs } from '@/lib/triage/crisis-schema';
import { setCrisisAction } from '@/app/(staff)/complaints/[number]/actions/set-crisis';
import { useActionSubmit } from '@/app/(staff)/admin/_components/fields';
import { a11y, errorAt, Field, inputClass } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/button';

/** Sets or clears the form's crisis flag, with the reason the history keeps. */
export function CrisisFlagForm({ complaintId, version, crisis }: { complaintId: string; version: number; crisis: boolean }) {
  const t = useTranslations('triage.crisisFlag');
  const root = useTranslations() as unknown as RootTranslator;
  const router = useRouter();
  const form = useForm<SetCrisisArgs & Record<string, unknown>>({
    resolver: localizedResolver(setCrisisSchema, root, { labels: ['triage.crisisFlag', ...defaultLabelNamespaces] }),
    defaultValues: { complaintId, expectedVersion: version, crisis: !crisis, reason: '' },
  });
  const { pending, message, run } = useActionSubmit(form.setError as never);
  const err = errorAt(form.formState.errors, 'reason')?.message;
  const onSubmit = form.handleSubmit((values) =>
    run(() => setCrisisAction({ ...values, crisis: !crisis, expectedVersion: version }), () => {
      form.reset({ complaintId, expectedVersion: version, crisis, reason: '' });
      router.refresh();
      return t('saved');
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2" aria-label={crisis ? t('clear') : t('set')} data-testid="crisis-flag-form">
      <p className="text-sm">{crisis ? t('flagged') : t('notFlagged')}</p>
      {!crisis && <p className="text-xs text-slate-600">{t('help')}</p>}
      <Field id="crisis-reason" label={t('reason')} error={err}>
        <input {...a11y('crisis-reason', err)} {...form.register('reason')} maxLength={4000} className={inputClass} />
      </Field>
      <FormMessage message={message} />
      <SubmitButton pending={pending} pendingLabel={t('saved')} look={crisis ? 'secondary' : undefined}>{crisis ? t('clear') : t('set')}</SubmitButton>
    </form>
  );
}
