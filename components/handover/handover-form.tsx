'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { localizedResolver } from '@/lib/validation/resolver';
import { defaultLabelNamespaces, type RootTranslator } from '@/lib/validation/messages';
import { handOverFormSchema, handoverPositions, type HandOverFormInput, type HandoverPosition } from '@/lib/handover/schemas';
import { handOverFormAction } from '@/app/(staff)/complaints/[number]/actions/hand-over';
import { useActionSubmit } from '@/app/(staff)/admin/_components/fields';
import { a11y, errorAt, Field, inputClass } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/button';

const labels = ['handover.form.fields', ...defaultLabelNamespaces];

interface Props {
  complaintId: string;
  version: number;
  /** Who may take each position (the form's directory). */
  choices: Record<HandoverPosition, { id: string; name: string }[]>;
}

/** Hand the customer manager or the handler of this form to someone else, with a reason. */
export function HandoverForm({ complaintId, version, choices }: Props) {
  const t = useTranslations('handover.form');
  const positions = useTranslations('handover.positions');
  const root = useTranslations() as unknown as RootTranslator;
  const router = useRouter();
  const empty = { complaintId, expectedVersion: version, position: 'customer_manager' as const, toUserId: '', reason: '' };
  const form = useForm<HandOverFormInput & Record<string, unknown>>({
    resolver: localizedResolver<HandOverFormInput & Record<string, unknown>>(handOverFormSchema, root, { labels }),
    defaultValues: empty,
  });
  const { pending, message, run } = useActionSubmit(form.setError as never);
  const err = (name: string) => errorAt(form.formState.errors, name)?.message;
  const position = form.watch('position') as HandoverPosition;
  const onSubmit = form.handleSubmit((values) =>
    run(() => handOverFormAction({ ...values, expectedVersion: version }), () => {
      form.reset(empty);
      router.refresh();
      return t('saved');
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={t('title')} data-testid="handover-form">
      <p className="text-sm text-slate-600">{t('intro')}</p>
      <Field id="handover-position" label={t('fields.position')} error={err('position')}>
        <select {...a11y('handover-position', err('position'))} {...form.register('position', { onChange: () => form.setValue('toUserId', '') })} className={inputClass}>
          {handoverPositions.filter((p) => choices[p].length > 0).map((p) => <option key={p} value={p}>{positions(p)}</option>)}
        </select>
      </Field>
      <Field id="handover-to" label={t('fields.toUserId')} error={err('toUserId')}>
        <select {...a11y('handover-to', err('toUserId'))} {...form.register('toUserId')} className={inputClass}>
          <option value="">—</option>
          {(choices[position] ?? []).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </Field>
      <Field id="handover-reason" label={t('fields.reason')} error={err('reason')}>
        <textarea rows={2} {...a11y('handover-reason', err('reason'))} {...form.register('reason')} maxLength={1000} className={inputClass} />
      </Field>
      <FormMessage message={message} />
      <SubmitButton pending={pending} pendingLabel={t('saving')}>{t('save')}</SubmitButton>
    </form>
  );
}
