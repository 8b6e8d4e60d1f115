import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { requireStaff } from '@/lib/auth/session';
import { countUnread, listInbox, UNREAD_COUNT_CAP } from '@/lib/notify/inbox';
import { MarkReadButton } from './read-buttons';

export default async function InboxPage() {
  const user = await requireStaff();
  const [t, states, format, locale] = await Promise.all([getTranslations('inbox'), getTranslations('workflow.states'), getFormat(), getLocale()]);
  const [notices, unread] = await Promise.all([listInbox(user.id, locale), countUnread(user.id)]);
  const state = (s: string) => (states.has(s) ? states(s) : s);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        {unread > 0 && (
          <>
            <span className="text-sm text-slate-700" data-testid="inbox-unread">{unread > UNREAD_COUNT_CAP ? t('unreadMany', { count: UNREAD_COUNT_CAP }) : t('unreadCount', { count: unread })}</span>
            <MarkReadButton />
          </>
        )}
      </div>
      {notices.length === 0 ? (
        <p className="text-slate-600">{t('empty')}</p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded border border-slate-200 bg-white" data-testid="inbox">
          {notices.map((n) => {
            const change = n.change;
            // A plain step notice says what changed; its template text is the customer's wording.
            const title = n.template === 'state_changed' && change && n.number
              ? change.from
                ? t('stepTitle', { number: n.number, from: state(change.from), to: state(change.to) })
                : t('newTitle', { number: n.number, to: state(change.to) })
              : n.subject;
            const text = n.template === 'state_changed' && change ? '' : n.text.split('\n').filter((line) => !line.includes('http')).join('\n');
            return (
              <li key={n.id} className={`px-4 py-3 ${n.read ? '' : 'bg-blue-50/60'}`} data-testid="inbox-notice" data-read={n.read ? 'true' : 'false'}>
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  {!n.read && <span className="rounded bg-blue-700 px-1.5 text-xs font-medium text-white">{t('unread')}</span>}
                  <span className={n.read ? 'font-medium text-slate-800' : 'font-semibold'}>{title}</span>
                  <span className="text-xs text-slate-600">{format.dateTime(n.at)}</span>
                  {n.number && <Link href={`/complaints/${n.number}`} className="font-mono text-sm text-blue-700 underline">{t('open', { number: n.number })}</Link>}
                  {!n.read && <span className="ml-auto"><MarkReadButton id={n.id} label={t('markReadLabel', { title })} /></span>}
                </div>
                {change && (
                  <p className="mt-1 text-sm text-slate-700">
                    {n.template !== 'state_changed' && change.from && <>{t('change', { from: state(change.from), to: state(change.to) })} · </>}
                    {change.by && t('by', { name: change.by })}
                    {change.deadline && !n.deadlineInText && <> · {t('deadline', { at: format.dateTime(change.deadline) })}</>}
                  </p>
                )}
                {text && <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{text}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
