'use client';

import { useTranslations } from 'next-intl';
import { ActionButton } from '@/components/ui/action-button';
import { resendWebhookAction, setWebhookActiveAction } from './actions';

export function ToggleEndpointButton({ id, active, label }: { id: string; active: boolean; label: string }) {
  const t = useTranslations('channels.webhooks');
  return (
    <ActionButton action={() => setWebhookActiveAction({ id, active: !active })} okText={t('done')} pendingLabel={t('working')} aria-label={`${t(active ? 'disable' : 'enable')}: ${label}`}>
      {t(active ? 'disable' : 'enable')}
    </ActionButton>
  );
}

export function ResendButton({ id, label }: { id: string; label: string }) {
  const t = useTranslations('channels.webhooks');
  return (
    <ActionButton action={() => resendWebhookAction({ id })} okText={t('resent')} pendingLabel={t('working')} aria-label={`${t('resend')}: ${label}`}>
      {t('resend')}
    </ActionButton>
  );
}
