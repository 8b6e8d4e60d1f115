'use client';

import { useTranslations } from 'next-intl';
import { ActionButton } from '@/components/ui/action-button';
import { startEightDAction } from '@/app/(staff)/eightd/actions';

/** Starts an 8D report on the form (or joins the open report of a linked repeat form). */
export function StartEightDButton({ complaintId, version }: { complaintId: string; version: number }) {
  const t = useTranslations('eightd.form');
  return (
    <ActionButton action={() => startEightDAction({ complaintId, expectedVersion: version })} pendingLabel={t('starting')} okText={t('started')}>
      {t('start')}
    </ActionButton>
  );
}
