'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { reissueAccessCodeAction } from '@/app/(staff)/complaints/[number]/actions/reissue-access-code';

interface Receipt {
  number: string;
  accessCode: string;
  trackUrl: string;
}

/** The desk issues a new access code and sees it once, to read out or print on the receipt. */
export function ReissueAccessCode({ complaintId, number, version }: { complaintId: string; number: string; version: number }) {
  const t = useTranslations('form.reissue');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [error, setError] = useState<string | null>(null);

  return (
    <div className="space-y-2 text-sm">
      <p className="text-slate-600">{t('hint')}</p>
      <button
        type="button"
        disabled={pending}
        className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100 disabled:opacity-60"
        onClick={() => {
          if (!window.confirm(t('confirm'))) return;
          startTransition(async () => {
            const result = await reissueAccessCodeAction({ complaintId, number, expectedVersion: version });
            if (result.ok && result.data) {
              setReceipt(result.data);
              setError(null);
              router.refresh();
            } else setError(result.message ?? null);
          });
        }}
      >
        {pending ? t('working') : t('button')}
      </button>
      <div role="status" aria-live="polite">
        {error && <p className="text-red-700">{error}</p>}
        {receipt && (
          <div className="rounded border border-green-300 bg-green-50 p-3" data-testid="reissued-receipt">
            <p className="mb-2">{t('done')}</p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt className="text-slate-600">{t('number')}</dt><dd className="font-mono">{receipt.number}</dd>
              <dt className="text-slate-600">{t('code')}</dt><dd className="font-mono text-lg font-semibold" data-testid="reissued-code">{receipt.accessCode}</dd>
              <dt className="text-slate-600">{t('link')}</dt><dd className="break-all font-mono text-xs">{receipt.trackUrl}</dd>
            </dl>
            {/* The printed receipt is the receipt page (its showing is recorded like any other). */}
            <a href={`/complaints/${receipt.number}/receipt`} className="mt-2 inline-block rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">{t('print')}</a>
          </div>
        )}
      </div>
    </div>
  );
}
