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

/** The desk issues a new access code and sees it once, to read out or print as a receipt. */
export function ReissueAccessCode({ complaintId, number, version }: { complaintId: string; number: string; version: number }) {
  const t = useTranslations('form.reissue');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [error, setError] = useState<string | null>(null);

  const print = (r: Receipt) => {
    // A window of its own, filled as text (never as HTML): only the receipt is printed.
    const w = window.open('', '_blank', 'width=480,height=480');
    if (!w) return;
    w.document.title = `${t('number')} ${r.number}`;
    for (const [label, value] of [[t('number'), r.number], [t('code'), r.accessCode], [t('link'), r.trackUrl]]) {
      const p = w.document.createElement('p');
      p.style.fontFamily = 'system-ui, sans-serif';
      const b = w.document.createElement('strong');
      b.textContent = `${label}: `;
      p.append(b, value);
      w.document.body.append(p);
    }
    w.print();
  };

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
            <button type="button" className="mt-2 rounded border border-slate-300 px-3 py-1 hover:bg-slate-100" onClick={() => print(receipt)}>{t('print')}</button>
          </div>
        )}
      </div>
    </div>
  );
}
