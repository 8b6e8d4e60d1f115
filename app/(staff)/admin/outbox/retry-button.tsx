'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { retryNotificationAction } from '../actions';
import { secondaryButtonClass } from '../_components/fields';

/** Puts one failed message back in the queue. */
export function RetryButton({ id }: { id: string }) {
  const t = useTranslations('admin.outbox');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="mt-1 block">
      <button
        type="button"
        disabled={pending}
        className={secondaryButtonClass}
        onClick={() =>
          startTransition(async () => {
            const result = await retryNotificationAction({ id });
            setMessage(result.ok ? t('retried') : (result.message ?? null));
            if (result.ok) router.refresh();
          })
        }
      >
        {pending ? t('retrying') : t('retry')}
      </button>
      <span role="status" aria-live="polite" className="ml-2 text-xs">{message}</span>
    </span>
  );
}
