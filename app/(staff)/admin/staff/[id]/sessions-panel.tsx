'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { ActionState } from '@/lib/auth/action';
import { dangerButtonClass, secondaryButtonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { FormMessage, type FormMessageState } from '@/components/ui/form-message';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { endAllSessionsAction, endSessionAction } from './session-actions';

export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  clientAddress: string | null;
  /** The admin's own session on this page: ending it signs them out. */
  current: boolean;
}

/** The user's live sign-ins, each with a button that ends it, and one that ends them all. */
export function SessionsPanel({ userId, sessions }: { userId: string; sessions: SessionView[] }) {
  const t = useTranslations('admin.sessions');
  const c = useTranslations('admin.common');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<FormMessageState>(null);
  const act = (call: () => Promise<ActionState<unknown>>, ok: string) =>
    startTransition(async () => {
      setMessage(null);
      const result = await call();
      setMessage(result.ok ? { ok: true, text: ok } : { ok: false, text: result.message ?? c('failed') });
      router.refresh();
    });

  return (
    <div className="space-y-3">
      {sessions.length === 0 ? (
        <EmptyState testId="no-sessions" className="text-sm">{t('none')}</EmptyState>
      ) : (
        <DataTable
          testId="sessions-table"
          minWidth="40rem"
          frame="bare"
          columns={[t('started'), t('lastSeen'), t('expires'), t('browser'), t('address'), { hidden: t('actions') }]}
        >
          <tbody>
            {sessions.map((s) => (
              <Row key={s.id}>
                <Cell className="whitespace-nowrap">{s.createdAt}</Cell>
                <Cell className="whitespace-nowrap">{s.lastSeenAt}</Cell>
                <Cell className="whitespace-nowrap">{s.expiresAt}</Cell>
                <Cell className="max-w-[20rem] truncate" title={s.userAgent ?? undefined}>
                  {s.userAgent ?? '—'}
                  {s.current && <span className="ml-2 rounded bg-blue-50 px-1.5 py-0.5 text-xs text-blue-800">{t('current')}</span>}
                </Cell>
                <Cell className="font-mono">{s.clientAddress ?? '—'}</Cell>
                <Cell className="text-right">
                  <button
                    type="button"
                    disabled={pending}
                    className={secondaryButtonClass}
                    aria-label={t('endLabel', { started: s.createdAt })}
                    onClick={() => act(() => endSessionAction({ userId, sessionId: s.id }), t('ended'))}
                  >
                    {t('end')}
                  </button>
                </Cell>
              </Row>
            ))}
          </tbody>
        </DataTable>
      )}
      {sessions.length > 0 && (
        <button
          type="button"
          disabled={pending}
          className={dangerButtonClass}
          onClick={() => act(() => endAllSessionsAction({ userId }), t('endedAll'))}
        >
          {t('endAll')}
        </button>
      )}
      <FormMessage message={message} />
    </div>
  );
}
