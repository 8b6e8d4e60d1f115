'use client';

import { useTranslations } from 'next-intl';
import { useFormat } from '@/lib/i18n/use-format';
import { ActionButton } from '@/components/ui/action-button';
import { liftSignInLockAction } from './actions';

export function LiftLockButton({ lockKey, label }: { lockKey: string; label: string }) {
  const t = useTranslations('admin.security');
  const format = useFormat();
  return (
    <ActionButton action={() => liftSignInLockAction({ key: lockKey })} okText={t('lifted')} pendingLabel={t('lifting')} aria-label={format.labelled(t('lift'), label)}>
      {t('lift')}
    </ActionButton>
  );
}
