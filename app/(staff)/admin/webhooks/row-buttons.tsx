'use client';

import { useTranslations } from 'next-intl';
import { ActionButton } from '@/components/ui/action-button';
import { useFormat } from '@/lib/i18n/use-format';
import { resendWebhookAction, setWebhookActiveAction } from './actions';

export function ToggleEndpointButton({ id, active, label }: { id: string; active: boolean; label: string }) {
  const t = useTranslations('channels.webhooks');
  const format = useFormat();
  return (
    <ActionButton action={() => setWebhookActiveAction({ id, active: !active })} okText={t('done')} pendingLabel={t('working')} aria-label={format.labelled(t(active ? 'disable' : 'enable'), label)}>
      {t(active ? 'disable' : 'enable')}
    </ActionButton>
  );
}

export function ResendButton({ id, label }: { id: string; label: string }) {
  const t = useTranslations('channels.webhooks');
  const format = useFormat();
  return (
    <ActionButton action={() => resendWebhookAction({ id })} okText={t('resent')} pendingLabel={t('working')} aria-label={format.labelled(t('resend'), label)}>
      {t('resend')}
    </ActionButton>
  );
}
