'use client';

import { useTranslations } from 'next-intl';
import { ActionButton } from '@/components/ui/action-button';
import { importCalendarYearAction, confirmCalendarYearAction } from './year-actions';

/** Import a covered year from the official-holiday package. */
export function ImportYearButton({ year }: { year: number }) {
  const t = useTranslations('calendar');
  return (
    <ActionButton action={() => importCalendarYearAction({ year })} okText={t('imported')} pendingLabel={t('importing')}>
      {t('import', { year })}
    </ActionButton>
  );
}

/** Confirm a year's calendar after reviewing its days. */
export function ConfirmYearButton({ year }: { year: number }) {
  const t = useTranslations('calendar');
  return (
    <ActionButton action={() => confirmCalendarYearAction({ year })} okText={t('confirmed')}>
      {t('confirm', { year })}
    </ActionButton>
  );
}
