'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { ActionButton } from '@/components/ui/action-button';
import { Select, type Choice } from '@/components/ui/select';
import { startEightDAction } from '@/app/(staff)/eightd/actions';

/**
 * Starts an 8D report on the form (or joins the open report of a linked repeat form), or joins an
 * open report chosen from the list: a form about the same problem that is not linked as a repeat.
 */
export function StartEightDButton({ complaintId, version, reports }: { complaintId: string; version: number; reports: Choice[] }) {
  const t = useTranslations('eightd.form');
  const [reportId, setReportId] = useState('');
  return (
    <div className="space-y-2">
      {reports.length > 0 && (
        <label className="block text-sm">
          <span className="block font-medium">{t('joinLabel')}</span>
          <Select choices={reports} blank={t('joinNone')} value={reportId} onChange={(e) => setReportId(e.target.value)} data-testid="eightd-join" />
        </label>
      )}
      <ActionButton action={() => startEightDAction({ complaintId, expectedVersion: version, reportId })} pendingLabel={t('starting')} okText={t('started')}>
        {reportId ? t('join') : t('start')}
      </ActionButton>
    </div>
  );
}
