import 'server-only';
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaintParties, complaints, formCounts, openStatesSql, waitingStatesSql } from '@/db/schema';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { customerWaitingStates, openStates, stateOwner, type Role, type State } from '@/lib/workflow';
import type { StaffUser } from '@/db/queries/staff';
import { visibleTo } from './access';
import { categoryJoin, departmentJoin, listRowColumns, toListRow, type ListRow } from './list-columns';
import { decodePosition, encodePosition, type KeysetPosition } from './page-cursor';
import { customerUpdateIntervalMs, waitingCondition, waitingSince } from './waiting';

/** Rows per page of a full list (KESU_QUEUE_PAGE_SIZE, 5–100); a dashboard shows the first few of each list. */
export const queuePageSize = Math.min(100, Math.max(5, Number(process.env.KESU_QUEUE_PAGE_SIZE) || 25));
export const dashboardPageSize = Math.min(10, queuePageSize);
/** The ledger's counts stop here: "500+" is as useful to a person as 212,004 and costs nothing. */
export const countCap = 500;

export interface QueueRow extends ListRow {
  /** The last update the customer saw (the waiting list's order). */
  lastUpdateAt: Date;
  /** On the list of forms the viewer covers (lib/cover/queue.ts): the absent owner they stand in for. */
  coverFor?: string;
}

export interface QueuePage {
  rows: QueueRow[];
  next?: string;
  previous?: string;
  /** Forms in the whole list, exact (from the maintained counters: see countLists). */
  total: { count: number; capped: boolean };
}

export const deskLists = ['triage', 'mine', 'followUp', 'assess', 'waiting'] as const;
export const gmLists = ['decisions', 'pendingApprovals', 'instructions'] as const;

/** States whose next step belongs to this role (from the procedure, not a copy of it). */
export function ownedStates(role: Role): State[] {
  if (role === 'admin') return [...openStates];
  return (Object.keys(stateOwner) as State[]).filter((s) => stateOwner[s].includes(role));
}

/** How a list is ordered: by its step deadline (overdue first), or by the customer's wait. */
type Order = 'due' | 'waiting';

/**
 * Which form_counts rows (db/schema.ts formCounts) hold a list's forms: those of `kind` in one of
 * `states` (for 'manager', the viewer's own). `waiting`: the list holds only the forms whose
 * customer heard nothing for a day, a condition that changes with the clock and so cannot be
 * kept by a counter (see countLists).
 */
interface CountSpec {
  kind: 'state' | 'manager' | 'instruction';
  states: readonly State[];
  waiting?: boolean;
}

interface QueueSpec {
  where: SQL;
  order: Order;
  count: CountSpec;
}

const stateCount = (...states: State[]): CountSpec => ({ kind: 'state', states });

// Literal, as in the partial indexes' predicates (see stateListSql).
const openCondition = () => sql`${complaints.status} in ${openStatesSql}`;

/**
 * The lists each role's pages show, by name. Every condition matches an index of
 * db/schema.ts exactly (equality columns first, then the order key), so a page 4,000 lists in
 * costs what the first page costs. Returns null for a name this role has no list of.
 */
export function queueSpec(user: StaffUser, name: string): QueueSpec | null {
  const role = user.role;
  if (role === 'desk') {
    switch (name) {
      case 'triage':
        return { where: eq(complaints.status, 'received'), order: 'due', count: stateCount('received') };
      case 'mine':
        return { where: and(eq(complaints.customerManagerId, user.id), openCondition())!, order: 'due', count: { kind: 'manager', states: openStates } };
      case 'followUp':
        return { where: eq(complaints.status, 'follow_up'), order: 'due', count: stateCount('follow_up') };
      case 'assess':
        return { where: eq(complaints.status, 'assessment'), order: 'due', count: stateCount('assessment') };
      case 'waiting':
        return waitingSpec(user);
    }
    return null;
  }
  if (role === 'gm') {
    switch (name) {
      case 'decisions':
        return { where: eq(complaints.status, 'gm_decision'), order: 'due', count: stateCount('gm_decision') };
      case 'pendingApprovals':
        return { where: eq(complaints.status, 'pending_approval'), order: 'due', count: stateCount('pending_approval') };
      case 'instructions':
        // Major forms wait for the GM's instruction wherever they are.
        return {
          where: and(eq(complaints.major, true), isNull(complaints.gmInstructedAt), openCondition())!,
          order: 'due',
          count: { kind: 'instruction', states: openStates },
        };
    }
    return null;
  }
  if (role === 'department' || role === 'management' || role === 'admin') {
    if (!(ownedStates(role) as string[]).includes(name)) return null;
    return { where: eq(complaints.status, name as State), order: 'due', count: stateCount(name as State) };
  }
  return null;
}

/** "Customers waiting for news" (waitingCondition): the desk's whole reach, anyone else's own forms. */
function waitingSpec(user: StaffUser): QueueSpec {
  const own = !(user.role === 'desk' || user.role === 'admin');
  return { where: waitingCondition(user), order: 'waiting', count: { kind: own ? 'manager' : 'state', states: customerWaitingStates, waiting: true } };
}

/** The list names a role's dashboard shows, in order. */
export function dashboardLists(role: Role): readonly string[] {
  if (role === 'desk') return deskLists;
  if (role === 'gm') return gmLists;
  if (role === 'finance') return [];
  return ownedStates(role);
}

function orderKey(order: Order): SQL {
  return order === 'waiting' ? waitingSince : sql`${complaints.stepDueAt}`;
}

export interface PageRequest {
  after?: string;
  before?: string;
  size?: number;
}

/** The cut-off of the waiting list: the customer heard nothing since. */
const waitingCutoff = (now: Date) => sql`${new Date(now.getTime() - customerUpdateIntervalMs).toISOString()}::timestamptz`;

/**
 * One page of a list in keyset order (key asc, id asc), never OFFSET; `before` walks back, with
 * the whole list's count (countLists). The viewer's reach (site, department, involved parties)
 * comes from visibleTo, the same condition as the form page and search.
 */
export async function listQueue(user: StaffUser, spec: QueueSpec, req: PageRequest = {}, now = new Date(), db?: Db): Promise<QueuePage> {
  const d = db ?? (await getDb());
  const [page, [total]] = await Promise.all([queueRows(d, user, spec, req, now), countLists(user, [spec], now, d)]);
  return { ...page, total };
}

/** One page of a list without its count (exports page through a list with this). */
export async function queueRows(d: Db, user: StaffUser, spec: QueueSpec, req: PageRequest, now: Date): Promise<Omit<QueuePage, 'total'>> {
  const size = req.size ?? queuePageSize;
  const after = decodePosition(req.after);
  const before = after ? undefined : decodePosition(req.before);
  const key = orderKey(spec.order);
  const where: SQL[] = [spec.where, visibleTo(user)];
  if (spec.order === 'waiting') where.push(sql`${key} < ${waitingCutoff(now)}`);
  const position = after ?? before;
  if (position) {
    const at = sql`(${position.at}::timestamptz, ${position.id}::uuid)`;
    where.push(before ? sql`(${key}, ${complaints.id}) < ${at}` : sql`(${key}, ${complaints.id}) > ${at}`);
  }
  const found = await d
    .select({
      ...listRowColumns,
      lastUpdateAt: sql<Date>`${waitingSince}`.mapWith(complaints.receivedAt),
      keyText: sql<string>`${key}::text`,
    })
    .from(complaints)
    .leftJoin(...departmentJoin)
    .leftJoin(...categoryJoin)
    .where(and(...where))
    .orderBy(...(before ? [desc(key), desc(complaints.id)] : [asc(key), asc(complaints.id)]))
    .limit(size + 1);
  const more = found.length > size;
  const page = found.slice(0, size);
  if (before) page.reverse();
  const rows: QueueRow[] = page.map((r) => ({ ...toListRow(r, now), lastUpdateAt: r.lastUpdateAt }));
  const pos = (i: number): KeysetPosition => ({ at: page[i].keyText, id: page[i].id });
  if (page.length === 0) return { rows, previous: position ? req.after ?? req.before : undefined };
  const first = encodePosition(pos(0));
  const last = encodePosition(pos(page.length - 1));
  return before
    ? { rows, previous: more ? first : undefined, next: last }
    : { rows, next: more ? last : undefined, previous: position ? first : undefined };
}

/** The site and department half of visibleTo on a table's columns; null: the viewer sees no form. */
function reachOf(user: StaffUser, site: AnyPgColumn, department: AnyPgColumn): SQL | undefined | null {
  if (user.role === 'finance' || (user.role === 'department' && !user.departmentId)) return null;
  return and(user.groupWide ? undefined : eq(site, user.siteId), user.role === 'department' ? eq(department, user.departmentId!) : undefined);
}

/**
 * The exact number of forms in each list, without counting forms: the lists' form_counts rows
 * (kept by a trigger in the transaction of every change, migration 0017) for the viewer's site
 * (and department), minus what visibleTo takes away from them — the forms the viewer is an
 * involved party of, counted over complaint_parties (a person is party to few forms). The
 * waiting list also leaves out the forms whose customer heard from us within the day: a clock
 * changes that, not a write, so no counter can follow it; those are counted on the partial index
 * complaints_waiting_idx from the cut-off on, which holds one day of updates, not the backlog.
 * Three statements for a whole dashboard (the third only with the waiting list).
 */
export async function countLists(user: StaffUser, specs: readonly QueueSpec[], now = new Date(), db?: Db): Promise<QueuePage['total'][]> {
  const d = db ?? (await getDb());
  const reach = reachOf(user, complaints.siteId, complaints.departmentId);
  if (reach === null || specs.length === 0) return specs.map(() => ({ count: 0, capped: false }));
  const kinds = [...new Set(specs.map((s) => s.count.kind))];
  const waiting = specs.map((s, i) => [s, i] as const).filter(([s]) => s.count.waiting);
  const [counters, [involved], recent] = await Promise.all([
    d
      .select({ kind: formCounts.kind, status: formCounts.status, n: sql<number>`sum(${formCounts.n})::int` })
      .from(formCounts)
      .where(
        and(
          reachOf(user, formCounts.siteId, formCounts.departmentId) ?? undefined,
          or(...kinds.map((k) => (k === 'manager' ? and(eq(formCounts.kind, k), eq(formCounts.userId, user.id)) : eq(formCounts.kind, k)))),
        ),
      )
      .groupBy(formCounts.kind, formCounts.status),
    d
      .select(Object.fromEntries(specs.map((s, i) => [`l${i}`, sql<number>`(count(*) filter (where ${s.where}))::int`])))
      .from(complaints)
      .where(
        and(
          inArray(complaints.id, d.select({ id: complaintParties.complaintId }).from(complaintParties).where(eq(complaintParties.userId, user.id))),
          reach,
        ),
      ),
    waiting.length
      ? d
          .select(Object.fromEntries(waiting.map(([s, i]) => [`l${i}`, sql<number>`(count(*) filter (where ${s.where}))::int`])))
          .from(complaints)
          .where(and(sql`${complaints.status} in ${waitingStatesSql}`, sql`${waitingSince} >= ${waitingCutoff(now)}`, visibleTo(user)))
          .then((r) => r[0])
      : Promise.resolve({} as Record<string, number>),
  ]);
  return specs.map((s, i) => {
    const kept = counters.filter((c) => c.kind === s.count.kind && s.count.states.includes(c.status as State)).reduce((sum, c) => sum + c.n, 0);
    const count = kept - (involved as Record<string, number>)[`l${i}`] - ((recent as Record<string, number>)[`l${i}`] ?? 0);
    return { count, capped: false };
  });
}

/** The customers waiting for news whom this person looks after (see waitingCondition). */
export function listCustomersWaiting(user: StaffUser, req: PageRequest = {}, now = new Date(), db?: Db): Promise<QueuePage> {
  return listQueue(user, waitingSpec(user), req, now, db);
}

/** The first page of each list a role's dashboard shows, and every list's count at once. */
export async function loadDashboard(user: StaffUser, now = new Date(), db?: Db) {
  const d = db ?? (await getDb());
  const names = dashboardLists(user.role);
  const specs = names.map((name) => queueSpec(user, name)!);
  const [pages, totals] = await Promise.all([
    Promise.all(specs.map((spec) => queueRows(d, user, spec, { size: dashboardPageSize }, now))),
    countLists(user, specs, now, d),
  ]);
  return names.map((name, i) => ({ name, page: { ...pages[i], total: totals[i] } }));
}
