import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Db } from '@/db/client';
import { complaintEvents, complaints, pendingContacts, pendingItems, users } from '@/db/schema';
import { localDate, type PendingReason, type Role, type State } from '@/lib/workflow';
import { loadTimeZone } from './settings';
import type { StaffUser } from '@/db/queries/staff';
import { visibleTo } from './access';
import { decodePosition, encodePosition } from './page-cursor';
import { countCap } from './queues';

export interface CappedCount {
  count: number;
  capped: boolean;
}

/**
 * Roles that open the ledger (the page and /export/ledger check this themselves). A department
 * sees the items of its own forms (visibleTo scopes them): it explains the delay it caused.
 */
export const ledgerRoles = ['desk', 'department', 'management', 'gm'] as const satisfies readonly Role[];

export function mayOpenLedger(role: Role): boolean {
  return (ledgerRoles as readonly Role[]).includes(role);
}

export interface LedgerOptions {
  /** Desk only: the whole centre's ledger instead of the forms this person is customer manager of. */
  all?: boolean;
  /** Also list items that are closed (resumed, or the form withdrawn). */
  closed?: boolean;
  now?: Date;
  timeZone?: string;
  /** The day of the month of the contact round (SLA policy pendingContactDay, the 4th). */
  contactDay?: number;
  /** Keyset page of the open items (cursors from a previous Ledger). */
  after?: string;
  before?: string;
  size?: number;
}

/**
 * Who sees which items. A customer manager (desk) sees the items of the forms they manage; the
 * customer-service centre is desk too, so desk may ask for all. Management and the GM see all.
 * Site scope and the rest of canSee apply on top (visibleTo).
 */
export function ledgerScope(user: StaffUser, all = false): SQL {
  const base = visibleTo(user);
  if (!mayOpenLedger(user.role)) return sql`false`;
  if (user.role === 'desk' && !all) return and(base, eq(complaints.customerManagerId, user.id))!;
  return base;
}

/**
 * Where a desk clerk's ledger opens (issue 17): on their own items when they manage any open
 * one, else on the whole centre's, never on an empty "mine" while the items sit under "all".
 */
export async function defaultLedgerScope(user: StaffUser, db?: Db): Promise<'mine' | 'all'> {
  if (user.role !== 'desk') return 'all';
  const d = db ?? (await getDb());
  const [own] = await d
    .select({ one: sql`1` })
    .from(pendingItems)
    .innerJoin(complaints, eq(complaints.id, pendingItems.complaintId))
    .where(and(ledgerScope(user, false), isNull(pendingItems.closedAt)))
    .limit(1);
  return own ? 'mine' : 'all';
}

export interface LedgerContact {
  at: Date;
  byName: string | null;
  summary: string;
  nextContactOn: string;
}

export interface LedgerItem {
  id: string;
  complaintId: string;
  number: string;
  version: number;
  status: State;
  customerName: string;
  customerPhone: string;
  subject: string | null;
  managerName: string | null;
  reason: PendingReason;
  explanation: string;
  openedAt: Date;
  approvedByName: string | null;
  lastContactAt: Date | null;
  nextContactOn: string;
  closedAt: Date | null;
  outcome: string | null;
  contacts: LedgerContact[];
  /** Due in this month's contact round (next contact on or before the round day, or overdue). */
  dueThisRound: boolean;
  overdue: boolean;
  /** Whether this user may record a contact here (desk, open item, not an involved party). */
  canRecordContact: boolean;
}

export interface AwaitingApproval {
  complaintId: string;
  number: string;
  customerName: string;
  subject: string | null;
  managerName: string | null;
  reason: PendingReason | null;
  explanation: string | null;
  proposedAt: Date | null;
  proposedBy: string | null;
  stepDueAt: Date | null;
}

export interface Ledger {
  /** The day (YYYY-MM-DD) of this month's contact round. */
  roundDate: string;
  today: string;
  awaitingApproval: AwaitingApproval[];
  awaitingTotal: CappedCount;
  /** One page of the open items, next contact first. */
  open: LedgerItem[];
  openTotal: CappedCount;
  next?: string;
  previous?: string;
  /** The open items of this month's contact round on this page (they come first). */
  round: LedgerItem[];
  roundTotal: CappedCount;
  /** The most recently closed items (the CSV export has all of them). */
  closed: LedgerItem[];
}

export const ledgerPageSize = 25;

const manager = alias(users, 'ledger_manager');
const approver = alias(users, 'ledger_approver');

/** This month's round day in the business time zone, e.g. 2026-11-04. */
export function contactRoundDate(now: Date, timeZone: string, day = 4): string {
  return `${localDate(now, timeZone).slice(0, 8)}${String(day).padStart(2, '0')}`;
}

export async function loadLedger(user: StaffUser, opts: LedgerOptions = {}, db?: Db): Promise<Ledger> {
  const d = db ?? (await getDb());
  const now = opts.now ?? new Date();
  const timeZone = opts.timeZone ?? (await loadTimeZone(d));
  const today = localDate(now, timeZone);
  const roundDate = contactRoundDate(now, timeZone, opts.contactDay ?? 4);
  const scope = ledgerScope(user, opts.all);

  const size = opts.size ?? ledgerPageSize;
  const after = decodePosition(opts.after);
  const before = after ? undefined : decodePosition(opts.before);
  const position = after ?? before;
  const openWhere: SQL[] = [scope, isNull(pendingItems.closedAt)];
  const openList = [...openWhere];
  if (position) {
    const at = sql`(${position.at}::date, ${position.id}::uuid)`;
    openWhere.push(before ? sql`(${pendingItems.nextContactOn}, ${pendingItems.id}) < ${at}` : sql`(${pendingItems.nextContactOn}, ${pendingItems.id}) > ${at}`);
  }
  const roundDue = sql`${pendingItems.nextContactOn} <= ${roundDate > today ? roundDate : today}::date`;
  const [openRows, closedRows, openTotal, roundTotal] = await Promise.all([
    ledgerRows(d)
      .where(and(...openWhere))
      .orderBy(...(before ? [desc(pendingItems.nextContactOn), desc(pendingItems.id)] : [asc(pendingItems.nextContactOn), asc(pendingItems.id)]))
      .limit(size + 1),
    opts.closed
      ? ledgerRows(d)
          .where(and(scope, isNotNull(pendingItems.closedAt)))
          .orderBy(desc(pendingItems.closedAt), desc(pendingItems.id))
          .limit(size)
      : Promise.resolve([]),
    countLedger(d, and(...openList)!),
    countLedger(d, and(...openList, roundDue)!),
  ]);
  const more = openRows.length > size;
  const pageRows = openRows.slice(0, size);
  if (before) pageRows.reverse();
  const rows = [...pageRows, ...closedRows];
  const key = (r: (typeof rows)[number]) => encodePosition({ at: r.nextContactOn, id: r.id });
  const paging =
    pageRows.length === 0
      ? { previous: position ? opts.after ?? opts.before : undefined }
      : before
        ? { previous: more ? key(pageRows[0]) : undefined, next: key(pageRows[pageRows.length - 1]) }
        : { next: more ? key(pageRows[pageRows.length - 1]) : undefined, previous: position ? key(pageRows[0]) : undefined };

  const items = await withContacts(d, user, rows, { today, roundDate });
  const open = items.filter((i) => i.closedAt === null);
  const awaiting = await loadAwaitingApproval(d, scope, size);
  return {
    roundDate,
    today,
    awaitingApproval: awaiting.rows,
    awaitingTotal: awaiting.total,
    open,
    openTotal,
    ...paging,
    round: open.filter((i) => i.dueThisRound),
    roundTotal,
    closed: items.filter((i) => i.closedAt !== null),
  };
}

type LedgerRow = Awaited<ReturnType<ReturnType<typeof ledgerRows>['execute']>>[number];

/** The items with their contact history, and whether this user may record a contact. */
async function withContacts(d: Db, user: StaffUser, rows: LedgerRow[], dates: { today: string; roundDate: string }): Promise<LedgerItem[]> {
  const { today, roundDate } = dates;
  const ids = rows.map((r) => r.id);
  const byUser = alias(users, 'ledger_contact_by');
  const contactRows = ids.length
    ? await d
        .select({
          pendingItemId: pendingContacts.pendingItemId,
          at: pendingContacts.at,
          byName: byUser.name,
          summary: pendingContacts.summary,
          nextContactOn: pendingContacts.nextContactOn,
        })
        .from(pendingContacts)
        .leftJoin(byUser, eq(byUser.id, pendingContacts.byId))
        .where(inArray(pendingContacts.pendingItemId, ids))
        .orderBy(asc(pendingContacts.at))
    : [];
  const contactsOf = new Map<string, LedgerContact[]>();
  for (const c of contactRows) {
    contactsOf.set(c.pendingItemId, [...(contactsOf.get(c.pendingItemId) ?? []), { at: c.at, byName: c.byName, summary: c.summary, nextContactOn: c.nextContactOn }]);
  }

  return rows.map((r) => {
    const isOpen = r.closedAt === null;
    return {
      id: r.id,
      complaintId: r.complaintId,
      number: r.number,
      version: r.version,
      status: r.status as State,
      customerName: r.customerName,
      customerPhone: r.customerPhone,
      subject: [r.plate, r.product].filter(Boolean).join(' · ') || null,
      managerName: r.managerName,
      reason: r.reason as PendingReason,
      explanation: r.explanation,
      openedAt: r.openedAt,
      approvedByName: r.approvedByName,
      lastContactAt: r.lastContactAt,
      nextContactOn: r.nextContactOn,
      closedAt: r.closedAt,
      outcome: r.outcome,
      contacts: contactsOf.get(r.id) ?? [],
      dueThisRound: isOpen && (r.nextContactOn <= roundDate || r.nextContactOn <= today),
      overdue: isOpen && r.nextContactOn < today,
      canRecordContact: isOpen && r.status === 'pending' && user.role === 'desk', // involved parties never get here (visibleTo)
    };
  });
}

/** The columns of a ledger row, from pending_items with its form, manager and approver. */
function ledgerRows(d: Db) {
  return d
    .select({
      id: pendingItems.id,
      complaintId: complaints.id,
      number: complaints.number,
      version: complaints.version,
      status: complaints.status,
      customerName: complaints.customerName,
      customerPhone: complaints.customerPhone,
      plate: complaints.plate,
      product: complaints.subjectProduct,
      managerName: manager.name,
      reason: pendingItems.reason,
      explanation: pendingItems.explanation,
      openedAt: pendingItems.openedAt,
      approvedByName: approver.name,
      lastContactAt: pendingItems.lastContactAt,
      nextContactOn: pendingItems.nextContactOn,
      closedAt: pendingItems.closedAt,
      outcome: pendingItems.outcome,
    })
    .from(pendingItems)
    .innerJoin(complaints, eq(complaints.id, pendingItems.complaintId))
    .leftJoin(manager, eq(manager.id, complaints.customerManagerId))
    .leftJoin(approver, eq(approver.id, pendingItems.approvedById))
    .$dynamic();
}

async function countLedger(d: Db, where: SQL): Promise<CappedCount> {
  const capped = d
    .select({ one: sql`1` })
    .from(pendingItems)
    .innerJoin(complaints, eq(complaints.id, pendingItems.complaintId))
    .where(where)
    .limit(countCap + 1)
    .as('capped');
  const [row] = await d.select({ n: sql<number>`count(*)::int` }).from(capped);
  return { count: Math.min(row.n, countCap), capped: row.n > countCap };
}

/**
 * For exports: every open item, then (when asked) every closed one, a page at a time on the
 * lists' keyset orders, so that an export never holds the whole ledger.
 */
export async function* ledgerItemPages(user: StaffUser, opts: Omit<LedgerOptions, 'after' | 'before' | 'size'>, db?: Db, size = 500): AsyncGenerator<LedgerItem[]> {
  const d = db ?? (await getDb());
  const now = opts.now ?? new Date();
  const timeZone = opts.timeZone ?? (await loadTimeZone(d));
  let after: string | undefined;
  for (;;) {
    const page = await loadLedger(user, { ...opts, now, timeZone, closed: false, after, size }, d);
    if (page.open.length) yield page.open;
    if (!page.next) break;
    after = page.next;
  }
  if (!opts.closed) return;
  const dates = { today: localDate(now, timeZone), roundDate: contactRoundDate(now, timeZone, opts.contactDay ?? 4) };
  let position: { at: string; id: string } | undefined;
  for (;;) {
    const where: SQL[] = [ledgerScope(user, opts.all), isNotNull(pendingItems.closedAt)];
    if (position) where.push(sql`(${pendingItems.closedAt}, ${pendingItems.id}) < (${position.at}::timestamptz, ${position.id}::uuid)`);
    const rows = await ledgerRows(d)
      .where(and(...where))
      .orderBy(desc(pendingItems.closedAt), desc(pendingItems.id))
      .limit(size);
    if (rows.length === 0) return;
    const [last] = await d.select({ at: sql<string>`${pendingItems.closedAt}::text` }).from(pendingItems).where(eq(pendingItems.id, rows[rows.length - 1].id));
    position = { at: last.at, id: rows[rows.length - 1].id };
    yield await withContacts(d, user, rows, dates);
    if (rows.length < size) return;
  }
}

/** Every open item and, when asked, every closed one (in memory: small ledgers and tests). */
export async function loadWholeLedger(user: StaffUser, opts: Omit<LedgerOptions, 'after' | 'before' | 'size'>, db?: Db): Promise<LedgerItem[]> {
  const items: LedgerItem[] = [];
  for await (const page of ledgerItemPages(user, opts, db)) items.push(...page);
  return items;
}

export function localToday(now: Date, timeZone: string): string {
  return localDate(now, timeZone);
}

/** Forms whose move to the ledger waits for the GM's approval (state pending_approval), with the proposal. */
async function loadAwaitingApproval(d: Db, scope: SQL, size: number): Promise<{ rows: AwaitingApproval[]; total: CappedCount }> {
  const where = and(scope, eq(complaints.status, 'pending_approval'))!;
  const capped = d.select({ one: sql`1` }).from(complaints).where(where).limit(countCap + 1).as('capped');
  const [[counted], rows] = await Promise.all([d.select({ n: sql<number>`count(*)::int` }).from(capped), d
    .select({
      complaintId: complaints.id,
      number: complaints.number,
      customerName: complaints.customerName,
      plate: complaints.plate,
      product: complaints.subjectProduct,
      managerName: manager.name,
      stepDueAt: complaints.stepDueAt,
    })
    .from(complaints)
    .leftJoin(manager, eq(manager.id, complaints.customerManagerId))
    .where(where)
    .orderBy(asc(complaints.stepDueAt), asc(complaints.id))
    .limit(size)]);
  const total = { count: Math.min(counted.n, countCap), capped: counted.n > countCap };
  if (rows.length === 0) return { rows: [], total };
  const proposals = await d
    .select({ complaintId: complaintEvents.complaintId, payload: complaintEvents.payload, at: complaintEvents.at, actorName: complaintEvents.actorName })
    .from(complaintEvents)
    .where(and(inArray(complaintEvents.complaintId, rows.map((r) => r.complaintId)), eq(complaintEvents.type, 'propose_pending')))
    .orderBy(desc(complaintEvents.version));
  return { total, rows: rows.map((r) => {
    const p = proposals.find((x) => x.complaintId === r.complaintId);
    const payload = (p?.payload ?? {}) as { reason?: PendingReason; explanation?: string };
    return {
      complaintId: r.complaintId,
      number: r.number,
      customerName: r.customerName,
      subject: [r.plate, r.product].filter(Boolean).join(' · ') || null,
      managerName: r.managerName,
      reason: payload.reason ?? null,
      explanation: payload.explanation ?? null,
      proposedAt: p?.at ?? null,
      proposedBy: p?.actorName ?? null,
      stepDueAt: r.stepDueAt,
    };
  }) };
}

// ---- export (lib/export/lists.ts: /export/ledger) ----------------------------------------

/** The ledger export's columns, in order (their names: the `ledger` namespace's fields). */
export const ledgerCsvColumns = [
  'number',
  'state',
  'customer',
  'phone',
  'subject',
  'manager',
  'reason',
  'explanation',
  'openedAt',
  'approvedBy',
  'lastContact',
  'nextContact',
  'contacts',
  'closedAt',
  'outcome',
] as const;
