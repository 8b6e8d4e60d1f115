'use client';

import { useTranslations } from 'next-intl';
import { ActionButton } from '@/components/ui/action-button';
import { revokeApiKeyAction } from './actions';

/** Revokes one key: refused by the API from its next call on. */
export function RevokeButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations('api.keys');
  return (
    <ActionButton action={() => revokeApiKeyAction({ id })} pendingLabel={t('revoking')} okText={t('revokedDone')} aria-label={`${t('revoke')} ${name}`}>
      {t('revoke')}
    </ActionButton>
  );
}
