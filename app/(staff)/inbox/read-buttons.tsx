'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { markAllInboxReadAction, markInboxReadAction } from './actions';

const buttonClass =
  'rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700 disabled:opacity-60';

/** "Mark read" for one notice, or for all of them (`id` absent). */
export function MarkReadButton({ id, label }: { id?: string; label?: string }) {
  const t = useTranslations('inbox');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        aria-label={label}
        className={buttonClass}
        onClick={() =>
          startTransition(async () => {
            setFailed(null);
            const result = id ? await markInboxReadAction({ ids: [id] }) : await markAllInboxReadAction({});
            if (!result.ok) setFailed(result.message ?? t('failed'));
            router.refresh();
          })
        }
      >
        {id ? t('markRead') : t('markAllRead')}
      </button>
      {failed && <span role="alert" className="text-sm text-red-700">{failed}</span>}
    </span>
  );
}
