'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { createApiKeySchema, apiKeyHistory, apiKeyRoles, type CreateApiKeyInput } from '@/lib/api/key-schema';
import { a11y, Field, inputClass } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { Section } from '@/components/ui/section';
import { FormEnd, useAdminForm, useAdminResolver } from '../_components/fields';
import { createApiKeyAction } from './actions';

type Choice = { id: string; name: string };

/** The new-key form; the key made is shown once, here, and never again. */
export function CreateKeyForm({ sites, departments }: { sites: Choice[]; departments: Choice[] }) {
  const t = useTranslations('api.keys');
  const roles = useTranslations('common.roles');
  const resolver = useAdminResolver<CreateApiKeyInput>(createApiKeySchema);
  const { register, err, pending, message, onCreate } = useAdminForm(resolver, { name: '', role: 'desk', siteId: sites[0]?.id ?? '', departmentId: '', groupWide: false, history: 'customer' });
  const [made, setMade] = useState<{ token: string; name: string } | null>(null);
  const submit = onCreate(createApiKeyAction, (data) => {
    setMade(data);
    return t('shownOnce');
  });
  return (
    <Section id="api-key-create" title={t('create')} card>
      {made && (
        <div role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3" data-testid="new-api-key">
          <p className="font-medium">{t('newKey', { name: made.name })}</p>
          <p className="text-sm text-slate-700">{t('shownOnce')}</p>
          <code className="mt-2 block break-all rounded bg-white p-2 font-mono text-sm" data-testid="new-api-key-token">{made.token}</code>
        </div>
      )}
      <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-2" aria-labelledby="api-key-create">
        <Field id="key-name" label={t('name')} error={err('name')} hint={t('nameHint')}>
          <input {...a11y('key-name', err('name'), true)} {...register('name')} maxLength={80} autoComplete="off" className={inputClass} />
        </Field>
        <Field id="key-role" label={t('role')} error={err('role')}>
          <Select id="key-role" {...register('role')} choices={apiKeyRoles.map((r) => ({ value: r, label: roles(r) }))} />
        </Field>
        {sites.length > 1 && (
          <Field id="key-site" label={t('site')} error={err('siteId')}>
            <Select id="key-site" {...register('siteId')} choices={sites.map((s) => ({ value: s.id, label: s.name }))} />
          </Field>
        )}
        <Field id="key-department" label={t('department')} error={err('departmentId')} hint={t('departmentHint')}>
          <Select {...a11y('key-department', err('departmentId'), true)} {...register('departmentId')} blank="—" choices={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Field>
        <Field id="key-history" label={t('history')} error={err('history')}>
          <Select id="key-history" {...register('history')} choices={apiKeyHistory.map((h) => ({ value: h, label: t(`historyValues.${h}`) }))} />
        </Field>
        {sites.length > 1 && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" {...register('groupWide')} /> {t('groupWide')}
          </label>
        )}
        <div className="sm:col-span-2">
          <FormEnd pending={pending} message={message} label={t('create')} />
        </div>
      </form>
    </Section>
  );
}
