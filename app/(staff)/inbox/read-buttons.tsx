'use client';

import { useTranslations } from 'next-intl';
import { ActionButton } from '@/components/ui/action-button';
import { markAllInboxReadAction, markInboxReadAction } from './actions';

const buttonClass =
  'rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700 disabled:opacity-60';

/** "Mark read" for one notice, or for all of them (`id` absent). */
export function MarkReadButton({ id, label }: { id?: string; label?: string }) {
  const t = useTranslations('inbox');
  return (
    <ActionButton
      action={() => (id ? markInboxReadAction({ ids: [id] }) : markAllInboxReadAction({}))}
      aria-label={label}
      failedText={t('failed')}
      refreshAlways
      className="inline-flex items-center"
      buttonClassName={buttonClass}
    >
      {id ? t('markRead') : t('markAllRead')}
    </ActionButton>
  );
}
