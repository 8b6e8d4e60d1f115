'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { triageSettingsSchema, type TriageSettingsInput } from '@/lib/triage/settings-schema';
import { a11y, Field, inputClass } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { FormMessage, type FormMessageState } from '@/components/ui/form-message';
import { FormEnd, useAdminForm, useAdminResolver } from '../_components/fields';
import { retrainTriageAction, saveTriageSettingsAction } from './actions';

export function TriageSettingsForm({ settings, heads }: { settings: TriageSettingsInput; heads: { id: string; name: string }[] }) {
  const t = useTranslations('triage.admin');
  const { register, err, pending, message, onSave } = useAdminForm<TriageSettingsInput>(useAdminResolver(triageSettingsSchema), settings);
  const number = (name: 'confidencePercent' | 'frequentCount' | 'frequentDays', min: number, max: number) => (
    <Field id={`triage-${name}`} label={t(name)} error={err(name)}>
      <input type="number" min={min} max={max} {...a11y(`triage-${name}`, err(name))} {...register(name)} className={inputClass} />
    </Field>
  );
  return (
    <form onSubmit={onSave(saveTriageSettingsAction, t('saved'), 'keep')} noValidate className="max-w-md space-y-3" aria-label={t('settings')} data-testid="triage-settings">
      {number('confidencePercent', 0, 100)}
      {number('frequentCount', 2, 50)}
      {number('frequentDays', 1, 90)}
      <Field id="triage-centreHeadUserId" label={t('centreHeadUserId')} error={err('centreHeadUserId')}>
        <select {...a11y('triage-centreHeadUserId', err('centreHeadUserId'))} {...register('centreHeadUserId')} className={inputClass}>
          <option value="">{t('centreHeadNone')}</option>
          {heads.map((h) => (
            <option key={h.id} value={h.id}>{h.name}</option>
          ))}
        </select>
      </Field>
      <FormEnd pending={pending} message={message} />
    </form>
  );
}

export function RetrainButton() {
  const t = useTranslations('triage.admin');
  const c = useTranslations('admin.common');
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<FormMessageState>(null);
  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      const result = await retrainTriageAction({});
      if (!result.ok) return setMessage({ ok: false, text: result.message ?? c('failed') });
      setMessage(result.data?.queued ? { ok: true, text: t('retrainQueued') } : { ok: false, text: t('retrainNoRunner') });
    });
  };
  return (
    <form onSubmit={onSubmit} className="space-y-2" aria-label={t('retrain')}>
      <p className="text-sm text-slate-600">{t('retrainHint')}</p>
      <FormMessage message={message} />
      <SubmitButton pending={pending} pendingLabel={c('saving')} look="secondary">{t('retrain')}</SubmitButton>
    </form>
  );
}
