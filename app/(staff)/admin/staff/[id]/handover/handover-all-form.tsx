'use client';

import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { useForm } from 'react-hook-form';
import { useRouter } from 'next/navigation';
import { localizedResolver } from '@/lib/validation/resolver';
import { adminLabelNamespaces, type RootTranslator } from '@/lib/validation/messages';
import { handOverPersonSchema } from '@/lib/handover/schemas';
import { a11y, errorAt, Field, inputClass } from '@/components/ui/field';
import { FormEnd, useActionSubmit } from '../../../_components/fields';
import { handOverPersonAction } from './actions';

type Values = z.input<typeof handOverPersonSchema>;

/** All of a leaving person's open forms to one successor, with one reason. */
export function HandoverAllForm({ fromUserId, successors }: { fromUserId: string; successors: { id: string; name: string; role: string }[] }) {
  const t = useTranslations('handover');
  const root = useTranslations() as unknown as RootTranslator;
  const roles = useTranslations('common.roles');
  const router = useRouter();
  const form = useForm<Values>({
    resolver: localizedResolver<Values>(handOverPersonSchema, root, { labels: ['handover.form.fields', ...adminLabelNamespaces] }),
    defaultValues: { fromUserId, toUserId: '', reason: '' },
  });
  const { pending, message, run } = useActionSubmit(form.setError as never);
  const err = (name: string) => errorAt(form.formState.errors, name)?.message;
  const onSubmit = form.handleSubmit((values) =>
    run(() => handOverPersonAction(values), (result) => {
      router.refresh();
      const done = t('admin.done', { moved: result?.moved.length ?? 0 });
      return result?.refused.length ? `${done} ${t('admin.refused', { list: result.refused.map((r) => `${r.number} (${t(`errors.${r.code}` as never)})`).join('; ') })}` : done;
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={t('admin.save')} data-testid="handover-all-form">
      <Field id="handover-all-to" label={t('form.fields.toUserId')} error={err('toUserId')}>
        <select {...a11y('handover-all-to', err('toUserId'))} {...form.register('toUserId')} className={inputClass}>
          <option value="">—</option>
          {successors.map((u) => <option key={u.id} value={u.id}>{`${u.name} · ${roles(u.role as never)}`}</option>)}
        </select>
      </Field>
      <Field id="handover-all-reason" label={t('form.fields.reason')} error={err('reason')}>
        <textarea rows={2} {...a11y('handover-all-reason', err('reason'))} {...form.register('reason')} maxLength={1000} className={inputClass} />
      </Field>
      <FormEnd pending={pending} message={message} label={t('admin.save')} />
    </form>
  );
}
