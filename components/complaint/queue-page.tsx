import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireStaff, type StaffUser } from '@/lib/auth/session';
import { dashboardLists, listQueue, loadDashboard, queueSpec } from '@/lib/complaints/queues';
import { listCovering } from '@/lib/cover/queue';
import { Pager, QueueCount, QueueSection, QueueTable } from './queue-table';
import { ExportLinks } from '@/components/ui/export-links';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Where each role's lists live: /desk/triage, /management/negotiation, /admin/forms/received … */
export const queueBasePath: Partial<Record<StaffUser['role'], string>> = {
  desk: '/desk',
  department: '/department',
  management: '/management',
  gm: '/gm',
  admin: '/admin/forms',
};

async function titleOf(user: StaffUser, name: string): Promise<string> {
  if (user.role === 'desk') return (await getTranslations('desk.queues'))(name);
  if (user.role === 'gm') return (await getTranslations('gm'))(name);
  return (await getTranslations('workflow.states'))(name);
}

/** A role's dashboard: the first rows of each of its lists, each linking to the whole list. */
export async function QueueDashboard({ user, hideEmpty = false }: { user: StaffUser; hideEmpty?: boolean }) {
  const now = new Date();
  const [lists, covering] = await Promise.all([loadDashboard(user, now), listCovering(user, now)]);
  const shown = hideEmpty ? lists.filter((l) => l.page.rows.length > 0) : lists;
  if (shown.length === 0 && covering.length === 0) {
    const t = await getTranslations('common.queue');
    return <p className="text-slate-600">{t('empty')}</p>;
  }
  const [titles, cover] = await Promise.all([Promise.all(shown.map((l) => titleOf(user, l.name))), getTranslations('promises.cover')]);
  return (
    <div className="space-y-8">
      {/* The forms whose absent owner this person stands in for (issue 21): first, marked as cover. */}
      {covering.length > 0 && (
        <section aria-labelledby="queue-covering-title" data-testid="queue-covering">
          <h2 id="queue-covering-title" className="mb-1 text-lg font-medium">{cover('queueTitle')} <span className="text-sm text-slate-600">({covering.length})</span></h2>
          <p className="mb-2 text-sm text-slate-600">{cover('queueHint')}</p>
          <QueueTable rows={covering} now={now} />
        </section>
      )}
      {shown.map((l, i) => (
        <QueueSection
          key={l.name}
          id={l.name}
          title={titles[i]}
          href={`${queueBasePath[user.role]}/${l.name}`}
          page={l.page}
          now={now}
          variant={l.name === 'waiting' ? 'waiting' : 'due'}
        />
      ))}
    </div>
  );
}

/** One whole list, a page at a time (keyset: ?after= / ?before= cursors). */
export async function QueueListPage({ user, name, searchParams }: { user: StaffUser; name: string; searchParams: SearchParams }) {
  const spec = dashboardLists(user.role).includes(name) ? queueSpec(user, name) : null;
  if (!spec) notFound();
  const params = await searchParams;
  const now = new Date();
  const page = await listQueue(user, spec, { after: one(params.after), before: one(params.before) }, now);
  const [t, title] = await Promise.all([getTranslations('common.queue'), titleOf(user, name)]);
  const basePath = `${queueBasePath[user.role]}/${name}`;
  return (
    <div className="space-y-4" data-testid={`queue-list-${name}`}>
      <p className="text-sm">
        <Link href={queueBasePath[user.role] === '/admin/forms' ? '/admin' : queueBasePath[user.role]!} className="text-blue-700 underline">
          ← {t('backTo')}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">
        {title} <QueueCount total={page.total} />
      </h1>
      {page.rows.length > 0 && <ExportLinks href={`/export/${name}`} />}
      <QueueTable rows={page.rows} now={now} variant={name === 'waiting' ? 'waiting' : 'due'} />
      <Pager basePath={basePath} page={page} />
    </div>
  );
}

type RouteProps = { params: Promise<{ list: string }>; searchParams: SearchParams };

/** The page of a role's `[list]` route: /desk/[list], /gm/[list] … */
export function queueListRoute(role: StaffUser['role']) {
  return async function ListPage({ params, searchParams }: RouteProps) {
    const user = await requireStaff([role]);
    return <QueueListPage user={user} name={(await params).list} searchParams={searchParams} />;
  };
}
