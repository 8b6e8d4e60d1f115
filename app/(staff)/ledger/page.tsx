import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { WarningIcon } from '@/components/ui/icons';
import { requireStaff } from '@/lib/auth/session';
import { defaultLedgerScope, loadLedger, ledgerRoles, type LedgerItem } from '@/lib/complaints/ledger';
import { loadCalendar, loadSlaPolicy } from '@/lib/complaints/settings';
import { DeadlineBadge } from '@/components/complaint/deadline-badge';
import { Pager, QueueCount } from '@/components/complaint/queue-table';
import { EventForm } from '@/components/complaint/event-form';
import { ledgerParams } from '@/lib/params';
import { displayPhone } from '@/lib/i18n/phone';
import { notFound } from 'next/navigation';
import { ExportLinks } from '@/components/ui/export-links';

export const metadata = { title: '未了事宜台账 · Pending items' };

type Params = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const linkClass = 'text-blue-700 underline hover:text-blue-900';
const chipClass = (active: boolean) =>
  `rounded border px-3 py-1 text-sm ${active ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-100'}`;

export default async function LedgerPage({ searchParams }: { searchParams: Params }) {
  // Admin and finance: 403 (a department sees its own forms' items). The CSV export checks the same roles itself.
  const user = await requireStaff(ledgerRoles);
  const params = await searchParams;
  const filters = ledgerParams((name) => one(params[name]));
  if (!filters) notFound();
  // A desk clerk's ledger opens on their own items, or on everything when they manage none.
  // (ledgerParams has refused any scope but '', 'all' and 'mine'.)
  const scope = one(params.scope) || (user.role === 'desk' ? await defaultLedgerScope(user) : 'all');
  const all = user.role === 'desk' ? scope === 'all' : true;
  const closed = filters.closed;
  const now = new Date();
  const [calendar, policy] = await Promise.all([loadCalendar(), loadSlaPolicy()]);
  const ledger = await loadLedger(user, {
    all,
    closed,
    now,
    timeZone: calendar.timeZone,
    contactDay: policy.pendingContactDay,
    after: one(params.after),
    before: one(params.before),
  });
  const [t, wf, format] = await Promise.all([getTranslations('ledger'), getTranslations('workflow'), getFormat()]);
  const dt = format.dateTimeOrDash;
  const colon = format.labelled('', '');

  const query = (over: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    const merged = { scope: user.role === 'desk' ? (all ? 'all' : 'mine') : undefined, closed: closed ? '1' : undefined, ...over };
    for (const [k, v] of Object.entries(merged)) if (v) q.set(k, v);
    const s = q.toString();
    return s ? `?${s}` : '';
  };
  const exportHref = `/export/ledger${query({})}`;
  const choices = { departments: [], managers: [], staff: [] };

  function ItemCard({ item }: { item: LedgerItem }) {
    return (
      <article id={`item-${item.id}`} data-testid={`ledger-item-${item.number}`} aria-labelledby={`item-${item.id}-title`}
        className={`rounded border bg-white p-4 ${item.overdue ? 'border-red-300' : 'border-slate-200'}`}>
        <header className="flex flex-wrap items-center gap-2">
          <h3 id={`item-${item.id}-title`} className="font-mono text-base font-semibold">
            <Link href={`/complaints/${item.number}`} className={linkClass}>{item.number}</Link>
          </h3>
          <span className="rounded bg-blue-100 px-2 py-0.5 text-sm text-blue-900">{wf(`states.${item.status}`)}</span>
          {item.overdue ? (
            <span className="rounded bg-red-100 px-2 py-0.5 text-sm font-medium text-red-800"><WarningIcon /> {t('overdue')}</span>
          ) : item.dueThisRound ? (
            <span className="rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900">{t('dueRound')}</span>
          ) : null}
          <span className="text-sm text-slate-700">{item.customerName} · {displayPhone(item.customerPhone)}{item.subject ? ` · ${item.subject}` : ''}</span>
        </header>
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <div className="sm:col-span-2">
            <dt className="text-slate-600">{t('fields.reason')}</dt>
            <dd data-testid="ledger-reason"><span className="font-medium">{wf(`pendingReasons.${item.reason}`)}</span>{colon}{item.explanation}</dd>
          </div>
          <div><dt className="text-slate-600">{t('fields.openedAt')}</dt><dd>{dt(item.openedAt)}</dd></div>
          <div><dt className="text-slate-600">{t('fields.approvedBy')}</dt><dd>{item.approvedByName ?? '—'}</dd></div>
          <div><dt className="text-slate-600">{t('fields.manager')}</dt><dd>{item.managerName ?? '—'}</dd></div>
          <div><dt className="text-slate-600">{t('fields.lastContact')}</dt><dd>{item.lastContactAt ? dt(item.lastContactAt) : t('never')}</dd></div>
          {item.closedAt ? (
            <>
              <div><dt className="text-slate-600">{t('fields.closedAt')}</dt><dd>{dt(item.closedAt)}</dd></div>
              <div><dt className="text-slate-600">{t('fields.outcome')}</dt><dd>{item.outcome ? t(`outcomes.${item.outcome}`) : '—'}</dd></div>
            </>
          ) : (
            <div><dt className="text-slate-600">{t('fields.nextContact')}</dt><dd data-testid="ledger-next-contact" data-day={item.nextContactOn} className="font-medium">{format.day(item.nextContactOn)}</dd></div>
          )}
        </dl>
        <div className="mt-3">
          <h4 className="text-sm text-slate-600">{t('fields.contacts')}</h4>
          {item.contacts.length === 0 ? (
            <p className="text-sm text-slate-600">{t('noContacts')}</p>
          ) : (
            <ol className="mt-1 space-y-1 border-l-2 border-slate-200 pl-3 text-sm" data-testid="ledger-contacts">
              {item.contacts.map((c, i) => (
                <li key={i}>
                  <span className="text-slate-600">{dt(c.at)} · {c.byName ?? '—'}{colon}</span>{c.summary}
                  {c.nextContactOn && <span className="text-slate-600"> → {format.day(c.nextContactOn)}</span>}
                </li>
              ))}
            </ol>
          )}
        </div>
        {item.canRecordContact && (
          <details className="mt-3 rounded border border-slate-200 p-3">
            <summary className="cursor-pointer font-medium">{t('recordContact')}</summary>
            <div className="mt-3 max-w-xl">
              <EventForm complaintId={item.complaintId} number={item.number} version={item.version} event="record_contact"
                choices={choices} idPrefix={`ledger-${item.id}-`} />
            </div>
          </details>
        )}
      </article>
    );
  }

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-700">{t('intro', { day: policy.pendingContactDay })}</p>
        <div className="flex flex-wrap items-center gap-3">
          {user.role === 'desk' && (
            <nav aria-label={t('scope.label')} className="flex gap-2">
              <Link href={`/ledger${query({ scope: 'mine' })}`} aria-current={!all ? 'page' : undefined} className={chipClass(!all)}>{t('scope.mine')}</Link>
              <Link href={`/ledger${query({ scope: 'all' })}`} aria-current={all ? 'page' : undefined} className={chipClass(all)}>{t('scope.all')}</Link>
            </nav>
          )}
          <Link href={`/ledger${query({ closed: closed ? undefined : '1' })}`} className={chipClass(false)}>
            {closed ? t('scope.hideClosed') : t('scope.showClosed')}
          </Link>
          <ExportLinks href={exportHref} className="ml-auto" />
        </div>
      </header>

      <section aria-labelledby="ledger-awaiting" data-testid="ledger-awaiting">
        <h2 id="ledger-awaiting" className="mb-2 text-lg font-medium">
          {t('awaiting.title')} <QueueCount total={ledger.awaitingTotal} />
        </h2>
        {ledger.awaitingApproval.length === 0 ? (
          <p className="text-sm text-slate-600">{t('awaiting.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white text-sm">
            {ledger.awaitingApproval.map((a) => (
              <li key={a.complaintId} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2">
                <Link href={`/complaints/${a.number}`} className={`font-mono ${linkClass}`}>{a.number}</Link>
                <span>{a.customerName}{a.subject ? ` · ${a.subject}` : ''}</span>
                {a.reason && <span><span className="font-medium">{wf(`pendingReasons.${a.reason}`)}</span>{a.explanation ? `${colon}${a.explanation}` : ''}</span>}
                {a.proposedBy && a.proposedAt && <span className="text-slate-600">{t('awaiting.proposedBy', { name: a.proposedBy, at: dt(a.proposedAt) })}</span>}
                <DeadlineBadge due={a.stepDueAt} now={now} />
                {user.role === 'gm' && <Link href={`/complaints/${a.number}`} className={linkClass}>{t('awaiting.decide')}</Link>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ledger-round" data-testid="ledger-round">
        <h2 id="ledger-round" className="text-lg font-medium">
          {t('round.title', { date: format.day(ledger.roundDate) })} <QueueCount total={ledger.roundTotal} />
        </h2>
        <p className="mb-2 text-sm text-slate-600">{t('round.hint', { day: policy.pendingContactDay })}</p>
        {ledger.round.length === 0 ? (
          <p className="text-sm text-slate-600">{t('round.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white text-sm">
            {ledger.round.map((item) => (
              <li key={item.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2">
                <span className="font-mono">{item.number}</span>
                <span>{item.customerName} · {displayPhone(item.customerPhone)}</span>
                <span>{format.labelled(t('fields.nextContact'), format.day(item.nextContactOn))}</span>
                {item.overdue && <span className="rounded bg-red-100 px-2 py-0.5 font-medium text-red-800"><WarningIcon /> {t('overdue')}</span>}
                <span className="text-slate-600">{item.managerName ?? '—'}</span>
                <a href={`#item-${item.id}`} className={linkClass}>{t('round.goRecord')}</a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ledger-open" data-testid="ledger-open">
        <h2 id="ledger-open" className="mb-2 text-lg font-medium">
          {t('open.title')} <QueueCount total={ledger.openTotal} />
        </h2>
        {ledger.open.length === 0 ? (
          <p className="text-sm text-slate-600">{t('open.empty')}</p>
        ) : (
          <ul className="space-y-3">{ledger.open.map((item) => <li key={item.id}><ItemCard item={item} /></li>)}</ul>
        )}
        <Pager basePath={`/ledger${query({})}`} page={ledger} />
      </section>

      {closed && (
        <section aria-labelledby="ledger-closed" data-testid="ledger-closed">
          <h2 id="ledger-closed" className="mb-2 text-lg font-medium">
            {t('closed.title')}
          </h2>
          <p className="mb-2 text-sm text-slate-600">{t('closed.recentHint', { count: ledger.closed.length })}</p>
          {ledger.closed.length === 0 ? (
            <p className="text-sm text-slate-600">{t('closed.empty')}</p>
          ) : (
            <ul className="space-y-3">{ledger.closed.map((item) => <li key={item.id}><ItemCard item={item} /></li>)}</ul>
          )}
        </section>
      )}
    </div>
  );
}
