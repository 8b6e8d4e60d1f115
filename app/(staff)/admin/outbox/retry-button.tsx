'use client';

import { useTranslations } from 'next-intl';
import { ActionButton } from '@/components/ui/action-button';
import { retryNotificationAction } from '../actions';

/** Puts one failed message back in the queue. */
export function RetryButton({ id }: { id: string }) {
  const t = useTranslations('admin.outbox');
  return (
    <ActionButton action={() => retryNotificationAction({ id })} okText={t('retried')} pendingLabel={t('retrying')} className="mt-1 block">
      {t('retry')}
    </ActionButton>
  );
}
