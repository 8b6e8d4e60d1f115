'use client';

import { useTranslations } from 'next-intl';
import { slaKeys, slaPolicySchema, type SlaKey, type SlaPolicy } from '@/lib/workflow';
import { saveSlaPolicyAction } from '../actions';
import { a11y, Field, inputClass } from '@/components/ui/field';
import { FormEnd, useAdminForm, useAdminResolver } from '../_components/fields';

// The keys contain a dot ('step.received'), which react-hook-form reads as a path: the form
// holds { step: { received: { amount, unit } } }, flattened before slaPolicySchema checks it.
// zod's issue paths ('step.received' → 'amount') then land on the same nested field names.
type Values = Record<string, Record<string, { amount: number; unit: string }>> & { pendingContactDay: number };

function toNested(policy: SlaPolicy): Values {
  const out: Record<string, unknown> = { pendingContactDay: policy.pendingContactDay };
  for (const key of slaKeys) {
    const [group, name] = key.split('.');
    ((out[group] ??= {}) as Record<string, unknown>)[name] = { ...policy[key] };
  }
  return out as Values;
}

function toFlat(values: Values): Record<string, unknown> {
  const out: Record<string, unknown> = { pendingContactDay: values.pendingContactDay };
  for (const key of slaKeys) {
    const [group, name] = key.split('.');
    out[key] = (values[group] as Record<string, unknown> | undefined)?.[name];
  }
  return out;
}


const groups: { title: 'steps' | 'severity'; keys: SlaKey[] }[] = [
  { title: 'steps', keys: slaKeys.filter((k) => k.startsWith('step.')) },
  { title: 'severity', keys: slaKeys.filter((k) => !k.startsWith('step.')) },
];

export function SlaForm({ policy }: { policy: SlaPolicy }) {
  const t = useTranslations('admin.sla');
  const c = useTranslations('admin.common');
  const { form, register, err: errAt, pending, message, onSubmit, router } = useAdminForm<Values>(useAdminResolver<Values>(slaPolicySchema, toFlat), toNested(policy));
  const err = (name: string) => errAt(name as never);

  // On success the resolver hands over the flat, parsed policy.
  const submit = onSubmit(
    (parsed) => saveSlaPolicyAction(parsed as unknown as SlaPolicy),
    (_data, parsed) => {
      form.reset(toNested(parsed as unknown as SlaPolicy));
      router.refresh();
      return c('saved');
    },
  );

  const idOf = (key: string) => `sla-${key.replace('.', '-')}`;

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label={t('title')}>
      {groups.map((g) => (
        <fieldset key={g.title} className="rounded border border-slate-200 bg-white p-4">
          <legend className="px-1 text-lg font-medium">{t(g.title)}</legend>
          <div className="divide-y divide-slate-100">
            {g.keys.map((key) => {
              const id = idOf(key);
              const amountError = err(`${key}.amount`);
              const unitError = err(`${key}.unit`);
              return (
                <div key={key} role="group" aria-labelledby={`${id}-label`} className="grid gap-2 py-2 sm:grid-cols-[1fr_8rem_10rem] sm:items-start">
                  <p id={`${id}-label`} className="pt-2 text-sm font-medium sm:pt-7">{t(`keys.${key}`)}</p>
                  <Field id={`${id}-amount`} label={t('amount')} error={amountError}>
                    <input
                      type="number"
                      min={1}
                      max={10000}
                      step={1}
                      inputMode="numeric"
                      {...a11y(`${id}-amount`, amountError)}
                      aria-label={`${t(`keys.${key}`)} · ${t('amount')}`}
                      {...register(`${key}.amount` as never, { valueAsNumber: true })}
                      className={inputClass}
                    />
                  </Field>
                  <Field id={`${id}-unit`} label={t('unit')} error={unitError}>
                    <select
                      {...a11y(`${id}-unit`, unitError)}
                      aria-label={`${t(`keys.${key}`)} · ${t('unit')}`}
                      {...register(`${key}.unit` as never)}
                      className={inputClass}
                    >
                      <option value="hours">{t('units.hours')}</option>
                      <option value="working_days">{t('units.working_days')}</option>
                    </select>
                  </Field>
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
      <fieldset className="rounded border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-medium">{t('other')}</legend>
        <Field id="sla-pendingContactDay" label={t('pendingContactDay')} error={err('pendingContactDay')} className="max-w-xs">
          <input
            type="number"
            min={1}
            max={28}
            step={1}
            inputMode="numeric"
            {...a11y('sla-pendingContactDay', err('pendingContactDay'))}
            {...register('pendingContactDay', { valueAsNumber: true })}
            className={inputClass}
          />
        </Field>
      </fieldset>
      <FormEnd pending={pending} message={message} />
    </form>
  );
}
