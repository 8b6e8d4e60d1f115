import 'server-only';
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaints, departments, openStatesSql } from '@/db/schema';
import { isOverdue, openStates, stateOwner, type Role, type State } from '@/lib/workflow';
import type { StaffUser } from '@/db/queries/staff';
import { visibleTo } from './access';
import { isRepeatSql } from './repeats';
import { aboutColumns, categoryJoin, type AboutFields } from './list-columns';
import { decodePosition, encodePosition, type KeysetPosition } from './page-cursor';
import { customerUpdateIntervalMs, waitingCondition, waitingSince } from './waiting';

/** Rows per page of a full list (KESU_QUEUE_PAGE_SIZE, 5–100); a dashboard shows the first few of each list. */
export const queuePageSize = Math.min(100, Math.max(5, Number(process.env.KESU_QUEUE_PAGE_SIZE) || 25));
export const dashboardPageSize = Math.min(10, queuePageSize);
/** Counts stop here: "500+" is as useful to a person as 212,004 and costs nothing. */
export const countCap = 500;

export interface QueueRow extends AboutFields {
  id: string;
  number: string;
  status: State;
  severity: string;
  customerName: string;
  customerPhone: string;
  subject: string | null;
  departmentName: string | null;
  departmentNameEn: string | null;
  major: boolean;
  /** Linked at intake to an earlier form of the same customer. */
  repeat: boolean;
  stepDueAt: Date | null;
  overdue: boolean;
  /** The last update the customer saw (the waiting list's order). */
  lastUpdateAt: Date;
}

export interface QueuePage {
  rows: QueueRow[];
  next?: string;
  previous?: string;
  /** Forms in the whole list, exact up to countCap. */
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

interface QueueSpec {
  where: SQL;
  order: Order;
}

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
        return { where: eq(complaints.status, 'received'), order: 'due' };
      case 'mine':
        return { where: and(eq(complaints.customerManagerId, user.id), openCondition())!, order: 'due' };
      case 'followUp':
        return { where: eq(complaints.status, 'follow_up'), order: 'due' };
      case 'assess':
        return { where: eq(complaints.status, 'assessment'), order: 'due' };
      case 'waiting':
        return { where: waitingCondition(user), order: 'waiting' };
    }
    return null;
  }
  if (role === 'gm') {
    switch (name) {
      case 'decisions':
        return { where: eq(complaints.status, 'gm_decision'), order: 'due' };
      case 'pendingApprovals':
        return { where: eq(complaints.status, 'pending_approval'), order: 'due' };
      case 'instructions':
        // Major forms wait for the GM's instruction wherever they are.
        return { where: and(eq(complaints.major, true), isNull(complaints.gmInstructedAt), openCondition())!, order: 'due' };
    }
    return null;
  }
  if (role === 'department' || role === 'management' || role === 'admin') {
    if (!(ownedStates(role) as string[]).includes(name)) return null;
    return { where: eq(complaints.status, name as State), order: 'due' };
  }
  return null;
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

/**
 * One page of a list in keyset order (key asc, id asc), never OFFSET; `before` walks back.
 * The viewer's reach (site, department, involved parties) comes from visibleTo, the same
 * condition as the form page and search.
 */
export async function listQueue(user: StaffUser, spec: QueueSpec, req: PageRequest = {}, now = new Date(), db?: Db): Promise<QueuePage> {
  const d = db ?? (await getDb());
  const size = req.size ?? queuePageSize;
  const after = decodePosition(req.after);
  const before = after ? undefined : decodePosition(req.before);
  const key = orderKey(spec.order);
  const list: SQL[] = [spec.where, visibleTo(user)];
  if (spec.order === 'waiting') {
    list.push(sql`${key} < ${new Date(now.getTime() - customerUpdateIntervalMs).toISOString()}::timestamptz`);
  }
  const where = [...list];
  const position = after ?? before;
  if (position) {
    const at = sql`(${position.at}::timestamptz, ${position.id}::uuid)`;
    where.push(before ? sql`(${key}, ${complaints.id}) < ${at}` : sql`(${key}, ${complaints.id}) > ${at}`);
  }
  const [found, total] = await Promise.all([
    d
      .select({
        id: complaints.id,
        number: complaints.number,
        status: complaints.status,
        severity: complaints.severity,
        customerName: complaints.customerName,
        customerPhone: complaints.customerPhone,
        plate: complaints.plate,
        product: complaints.subjectProduct,
        departmentName: departments.name,
        departmentNameEn: departments.nameEn,
        ...aboutColumns,
        major: complaints.major,
        // Evaluated for the page's rows only, each one probe of complaint_links' primary key.
        repeat: isRepeatSql,
        stepDueAt: complaints.stepDueAt,
        lastUpdateAt: sql<Date>`${waitingSince}`.mapWith(complaints.receivedAt),
        keyText: sql<string>`${key}::text`,
      })
      .from(complaints)
      .leftJoin(departments, eq(departments.id, complaints.departmentId))
      .leftJoin(...categoryJoin)
      .where(and(...where))
      .orderBy(...(before ? [desc(key), desc(complaints.id)] : [asc(key), asc(complaints.id)]))
      .limit(size + 1),
    countUpTo(d, and(...list)!),
  ]);
  const more = found.length > size;
  const page = found.slice(0, size);
  if (before) page.reverse();
  const rows: QueueRow[] = page.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status as State,
    severity: r.severity,
    customerName: r.customerName,
    customerPhone: r.customerPhone,
    subject: [r.plate, r.product].filter(Boolean).join(' · ') || null,
    departmentName: r.departmentName,
    departmentNameEn: r.departmentNameEn,
    categoryName: r.categoryName,
    categoryNameEn: r.categoryNameEn,
    firstLine: r.firstLine,
    major: r.major,
    repeat: r.repeat,
    stepDueAt: r.stepDueAt,
    overdue: isOverdue({ status: r.status as State, stepDueAt: r.stepDueAt }, now),
    lastUpdateAt: r.lastUpdateAt,
  }));
  const pos = (i: number): KeysetPosition => ({ at: page[i].keyText, id: page[i].id });
  if (page.length === 0) return { rows, total, previous: position ? req.after ?? req.before : undefined };
  const first = encodePosition(pos(0));
  const last = encodePosition(pos(page.length - 1));
  return before
    ? { rows, total, previous: more ? first : undefined, next: last }
    : { rows, total, next: more ? last : undefined, previous: position ? first : undefined };
}

/** count(*) that stops at countCap + 1 rows: cheap on any list, exact when it is small. */
async function countUpTo(d: Db, where: SQL): Promise<{ count: number; capped: boolean }> {
  const capped = d.select({ one: sql`1` }).from(complaints).where(where).limit(countCap + 1).as('capped');
  const [row] = await d.select({ n: sql<number>`count(*)::int` }).from(capped);
  const n = row?.n ?? 0;
  return { count: Math.min(n, countCap), capped: n > countCap };
}

/** The customers waiting for news whom this person looks after (see waitingCondition). */
export function listCustomersWaiting(user: StaffUser, req: PageRequest = {}, now = new Date(), db?: Db): Promise<QueuePage> {
  return listQueue(user, { where: waitingCondition(user), order: 'waiting' }, req, now, db);
}

/** The first page of each list a role's dashboard shows. */
export async function loadDashboard(user: StaffUser, now = new Date(), db?: Db) {
  const d = db ?? (await getDb());
  const names = dashboardLists(user.role);
  const pages = await Promise.all(names.map((name) => listQueue(user, queueSpec(user, name)!, { size: dashboardPageSize }, now, d)));
  return names.map((name, i) => ({ name, page: pages[i] }));
}
