'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useFormat } from '@/lib/i18n/use-format';
import { secondaryButtonClass } from '../_components/fields';
import { liftSignInLockAction } from './actions';

export function LiftLockButton({ lockKey, label }: { lockKey: string; label: string }) {
  const t = useTranslations('admin.security');
  const format = useFormat();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        disabled={pending}
        aria-label={format.labelled(t('lift'), label)}
        className={secondaryButtonClass}
        onClick={() =>
          startTransition(async () => {
            const result = await liftSignInLockAction({ key: lockKey });
            setMessage(result.ok ? t('lifted') : (result.message ?? null));
            if (result.ok) router.refresh();
          })
        }
      >
        {pending ? t('lifting') : t('lift')}
      </button>
      <span role="status" aria-live="polite" className="ml-2 text-xs">{message}</span>
    </span>
  );
}
