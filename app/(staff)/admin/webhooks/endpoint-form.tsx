'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { eventKey, webhookEventTypes, webhookKinds } from '@/lib/channels/webhooks/events';
import { webhookEndpointSchema, type WebhookEndpointInput } from '@/lib/channels/webhooks/schema';
import { a11y, Field, inputClass } from '@/components/ui/field';
import { FormEnd, useAdminForm, useAdminResolver } from '../_components/fields';
import { createWebhookAction } from './actions';

/** The admin adds an endpoint; its secret is shown once, under the form. */
export function EndpointForm() {
  const t = useTranslations('channels.webhooks');
  const [secret, setSecret] = useState<string | null>(null);
  const { register, err, pending, message, onCreate } = useAdminForm<WebhookEndpointInput>(useAdminResolver(webhookEndpointSchema), {
    url: '',
    kind: 'standard',
    events: ['form.created', 'form.state_changed'],
    allowPrivate: false,
    description: '',
  });
  return (
    <form
      onSubmit={onCreate(createWebhookAction, (data) => {
        setSecret(data.secret);
        return t('created');
      })}
      noValidate
      className="max-w-2xl space-y-3 rounded border border-slate-200 bg-white p-4"
      aria-label={t('add')}
    >
      <Field id="webhook-url" label={t('url')} error={err('url')} hint={t('urlHint')}>
        <input type="url" inputMode="url" {...a11y('webhook-url', err('url'), true)} {...register('url')} className={inputClass} />
      </Field>
      <Field id="webhook-kind" label={t('kind')}>
        <select id="webhook-kind" {...register('kind')} className={inputClass}>
          {webhookKinds.map((k) => (
            <option key={k} value={k}>{t(`kinds.${k}`)}</option>
          ))}
        </select>
      </Field>
      <fieldset aria-describedby={err('events') ? 'webhook-events-error' : undefined}>
        <legend className="font-medium">{t('events')}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {webhookEventTypes.map((e) => (
            <label key={e} className="flex items-center gap-1.5">
              <input type="checkbox" value={e} {...register('events')} />
              {t(`eventTypes.${eventKey(e)}`)}
            </label>
          ))}
        </div>
        {err('events') && <p id="webhook-events-error" className="mt-1 text-sm text-red-700">{err('events')}</p>}
      </fieldset>
      <label className="flex items-center gap-1.5">
        <input type="checkbox" {...register('allowPrivate')} />
        {t('allowPrivate')}
      </label>
      <Field id="webhook-description" label={t('description')} error={err('description')}>
        <input type="text" {...a11y('webhook-description', err('description'))} {...register('description')} className={inputClass} />
      </Field>
      <FormEnd pending={pending} message={message} label={t('create')} />
      {secret && (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="webhook-secret">
          <p className="font-mono break-all">{secret}</p>
          <p className="mt-1">{t('secretNote')}</p>
        </div>
      )}
    </form>
  );
}
