'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { ActionState } from '@/lib/auth/action';
import { FormMessage, secondaryButtonClass, type FormMessageState } from '../../_components/fields';
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
        <p className="text-sm text-slate-600" data-testid="no-sessions">{t('none')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-left text-sm" data-testid="sessions-table">
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t('started')}</th>
                <th scope="col" className="px-3 py-2">{t('lastSeen')}</th>
                <th scope="col" className="px-3 py-2">{t('expires')}</th>
                <th scope="col" className="px-3 py-2">{t('browser')}</th>
                <th scope="col" className="px-3 py-2">{t('address')}</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">{t('actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} className="border-t border-slate-200">
                  <td className="px-3 py-2 whitespace-nowrap">{s.createdAt}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{s.lastSeenAt}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{s.expiresAt}</td>
                  <td className="max-w-[20rem] truncate px-3 py-2" title={s.userAgent ?? undefined}>
                    {s.userAgent ?? '—'}
                    {s.current && <span className="ml-2 rounded bg-blue-50 px-1.5 py-0.5 text-xs text-blue-800">{t('current')}</span>}
                  </td>
                  <td className="px-3 py-2 font-mono">{s.clientAddress ?? '—'}</td>
                  <td className="px-3 py-2 text-right">
                    <button
                      type="button"
                      disabled={pending}
                      className={secondaryButtonClass}
                      aria-label={t('endLabel', { started: s.createdAt })}
                      onClick={() => act(() => endSessionAction({ userId, sessionId: s.id }), t('ended'))}
                    >
                      {t('end')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sessions.length > 0 && (
        <button
          type="button"
          disabled={pending}
          className="rounded border border-red-300 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
          onClick={() => act(() => endAllSessionsAction({ userId }), t('endedAll'))}
        >
          {t('endAll')}
        </button>
      )}
      <FormMessage message={message} />
    </div>
  );
}
