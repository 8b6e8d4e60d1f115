'use client';

import { useTranslations } from 'next-intl';
import { ActionButton } from '@/components/ui/action-button';
import { setCentreHeadAction } from './actions';

/** Marks a desk user as the head of the customer-service centre, or takes the mark away. */
export function CentreHeadToggle({ id, centreHead }: { id: string; centreHead: boolean }) {
  const t = useTranslations('handover.centreHead');
  return (
    <p className="mb-4 text-sm" data-testid="centre-head">
      <span className="mr-2">{centreHead ? t('is') : t('isNot')}</span>
      <ActionButton action={() => setCentreHeadAction({ id, centreHead: !centreHead })} okText={t('saved')}>
        {centreHead ? t('unset') : t('set')}
      </ActionButton>
    </p>
  );
}
