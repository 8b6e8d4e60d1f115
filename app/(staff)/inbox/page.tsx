import Link from '@/components/ui/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { requireStaff } from '@/lib/auth/session';
import { isComplaintNumber } from '@/lib/params';
import { countUnread, groupByForm, listInbox, UNREAD_COUNT_CAP, type InboxNotice } from '@/lib/notify/inbox';
import { MarkReadButton } from './read-buttons';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const shows = ['all', 'todo', 'info'] as const;
type Show = (typeof shows)[number];

const chipClass = (on: boolean) =>
  `rounded-full border px-3 py-1 text-sm ${on ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-100'}`;

export default async function InboxPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireStaff();
  const params = await searchParams;
  // Unknown values widen the view rather than fail: a hand-edited URL shows all notices.
  const showParam = one(params.show);
  const show: Show = (shows as readonly string[]).includes(showParam ?? '') ? (showParam as Show) : 'all';
  const formParam = one(params.form)?.toUpperCase();
  const form = isComplaintNumber(formParam) ? formParam : undefined;
  const [t, states, format, locale] = await Promise.all([getTranslations('inbox'), getTranslations('workflow.states'), getFormat(), getLocale()]);
  const [notices, unread] = await Promise.all([listInbox(user, locale, { show, form, limit: form ? 200 : 100 }), countUnread(user.id)]);
  const groups = groupByForm(notices);
  const state = (s: string) => (states.has(s) ? states(s) : s);
  const href = (next: { show?: Show; form?: string }) => {
    const q = new URLSearchParams();
    const s = next.show ?? show;
    if (s !== 'all') q.set('show', s);
    const f = 'form' in next ? next.form : form;
    if (f) q.set('form', f);
    const text = q.toString();
    return text ? `/inbox?${text}` : '/inbox';
  };

  const notice = (n: InboxNotice) => {
    const change = n.change;
    // A plain step notice says what changed; its template text is the customer's wording.
    const title = n.template === 'state_changed' && change && n.number
      ? change.from
        ? t('stepTitle', { number: n.number, from: state(change.from), to: state(change.to) })
        : t('newTitle', { number: n.number, to: state(change.to) })
      : n.subject;
    const text = n.template === 'state_changed' && change ? '' : n.text.split('\n').filter((line) => !line.includes('http')).join('\n');
    return (
      <div key={n.id} className={`px-4 py-3 ${n.read ? '' : 'bg-blue-50/60'}`} data-testid="inbox-notice" data-read={n.read ? 'true' : 'false'}>
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          {!n.read && <span className="rounded bg-blue-700 px-1.5 text-xs font-medium text-white">{t('unread')}</span>}
          <span className={`min-w-0 break-words ${n.read ? 'font-medium text-slate-800' : 'font-semibold'}`}>{title}</span>
          <span className="text-xs text-slate-600">{format.dateTime(n.at)}</span>
          {!n.read && <span className="ml-auto"><MarkReadButton id={n.id} label={t('markReadLabel', { title })} /></span>}
        </div>
        {change && (
          <p className="mt-1 text-sm text-slate-700">
            {n.template !== 'state_changed' && change.from && <>{t('change', { from: state(change.from), to: state(change.to) })} · </>}
            {change.by && t('by', { name: change.by })}
            {change.deadline && !n.deadlineInText && <> · {t('deadline', { at: format.dateTime(change.deadline) })}</>}
          </p>
        )}
        {text && <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700">{text}</p>}
      </div>
    );
  };

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
      <nav aria-label={t('filters')} className="flex flex-wrap items-center gap-2" data-testid="inbox-filters">
        {shows.map((s) => (
          <Link key={s} href={href({ show: s })} aria-current={show === s ? 'page' : undefined} className={chipClass(show === s)}>{t(`show.${s}`)}</Link>
        ))}
        {form && (
          <span className="flex flex-wrap items-center gap-2 text-sm">
            <span>{t('onlyForm', { number: form })}</span>
            <Link href={href({ form: undefined })} className="text-blue-700 underline">{t('allForms')}</Link>
          </span>
        )}
      </nav>
      {groups.length === 0 ? (
        <p className="text-slate-600">{show === 'all' && !form ? t('empty') : t('emptyFiltered')}</p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded border border-slate-200 bg-white" data-testid="inbox">
          {groups.map((g) => {
            const [latest, ...older] = g.notices;
            return (
              <li key={g.key} data-testid="inbox-group" data-todo={latest.todo ? 'true' : 'false'}>
                {g.number && (
                  <div className="border-b border-slate-100 bg-slate-50 px-4 py-2 text-sm">
                    <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                      <Link href={`/complaints/${g.number}`} className="font-mono text-blue-700 underline">{t('open', { number: g.number })}</Link>
                      {!form && g.notices.length > 1 && (
                        <Link href={href({ form: g.number })} className="text-blue-700 underline">{t('formNotices', { count: g.notices.length })}</Link>
                      )}
                    </div>
                    {latest.about && <p className="mt-1 break-words text-slate-800" data-testid="inbox-about">{latest.about}</p>}
                    <p className={`mt-1 ${latest.todo ? 'font-medium text-amber-900' : 'text-slate-600'}`} data-testid="inbox-task">{latest.task}</p>
                  </div>
                )}
                {notice(latest)}
                {older.length > 0 && (
                  <details className="border-t border-slate-100" open={!!form}>
                    <summary className="cursor-pointer px-4 py-2 text-sm text-blue-700">
                      {t('earlier', { count: older.length, unread: older.filter((n) => !n.read).length })}
                    </summary>
                    <div className="divide-y divide-slate-100">{older.map(notice)}</div>
                  </details>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
