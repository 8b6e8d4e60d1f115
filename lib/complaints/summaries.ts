import 'server-only';
import { and, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accountabilityEntries, complaintParties, complaints, notifications, openStatesSql, sites, users } from '@/db/schema';
import { accountabilityIn, groupByPerson, type AccountabilityRow } from './accountability';
import { localDate, zonedInstant, addCalendarDays, type Role } from '@/lib/workflow';
import { isRepeatSql } from './repeats';
import { frequentProblemsIn } from '@/lib/triage/frequent';

export type SummaryKind = 'weekly' | 'monthly' | 'accountability';

/** Who receives which summary (DESIGN §2, supervision). */
const recipients: Record<SummaryKind, Role[]> = {
  weekly: ['gm', 'management'], // every Tuesday, from the customer-service centre
  monthly: ['gm', 'management'], // the 2nd of every month
  accountability: ['gm', 'finance'], // the 4th of every month, from management
};

/** The period a summary covers, ending at midnight today (business time): the last 7 days, or the last month. */
export function summaryPeriod(kind: SummaryKind, now: Date, timeZone: string): { from: string; to: string } {
  const today = localDate(now, timeZone);
  if (kind === 'weekly') return { from: addCalendarDays(today, -7), to: today };
  const [y, m] = today.split('-').map(Number);
  const from = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  return { from, to: `${today.slice(0, 7)}-01` };
}

/** A summary's figures for one site, as they stand at `now` (overdue: open forms past their step deadline now). */
export interface SummaryFigures {
  received: number;
  repeats: number;
  resolved: number;
  notFounded: number;
  overdue: number;
  penaltiesCents: number;
  rewardsCents: number;
  /** The penalties and rewards recorded in the period, each with its form (the reward/penalty summary only). */
  entries: AccountabilityRow[];
  /** The high-frequency problems alerted in the period (the weekly summary only; lib/triage/frequent.ts). */
  frequent?: { count: number; numbers: string; line: string }[];
}

/** The period's instants: from its first day's midnight to its end's (business time). */
export function periodInstants(period: { from: string; to: string }, timeZone: string): { start: Date; end: Date } {
  return { start: zonedInstant(period.from, 0, timeZone), end: zonedInstant(period.to, 0, timeZone) };
}

/**
 * The figures of a site's summary: forms received and resolved in the period, forms overdue
 * now, and the penalties and rewards recorded.
 */
export async function summaryFigures(db: Db, kind: SummaryKind, siteId: string, start: Date, end: Date, now: Date): Promise<SummaryFigures> {
  // The counts, each on its own index (received_at, resolved_at, the queue index), rather
  // than one pass over every form of the site.
  const count = async (where: SQL | undefined) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(complaints).where(and(eq(complaints.siteId, siteId), where)))[0].n;
  const [received, repeats, resolved, notFounded, overdue] = await Promise.all([
    count(and(gte(complaints.receivedAt, start), lt(complaints.receivedAt, end))),
    // Of those, the repeat complaints: one probe of complaint_links' primary key a form.
    count(and(gte(complaints.receivedAt, start), lt(complaints.receivedAt, end), isRepeatSql)),
    count(and(gte(complaints.resolvedAt, start), lt(complaints.resolvedAt, end))),
    // Closed as not founded in the period (the GM's approval entered `rejected`); never resolved.
    count(and(eq(complaints.status, 'rejected'), eq(complaints.founded, false), gte(complaints.stateEnteredAt, start), lt(complaints.stateEnteredAt, end))),
    count(and(sql`${complaints.status} in ${openStatesSql}`, lt(complaints.stepDueAt, now))),
  ]);
  const [money] = await db
    .select({
      penalties: sql<number>`coalesce(sum(${accountabilityEntries.amountCents}) filter (where ${accountabilityEntries.type} = 'penalty'), 0)::int`,
      rewards: sql<number>`coalesce(sum(${accountabilityEntries.amountCents}) filter (where ${accountabilityEntries.type} = 'reward'), 0)::int`,
    })
    .from(accountabilityEntries)
    .innerJoin(complaints, eq(complaints.id, accountabilityEntries.complaintId))
    .where(and(eq(complaints.siteId, siteId), gte(accountabilityEntries.createdAt, start), lt(accountabilityEntries.createdAt, end)));
  const entries = kind === 'accountability' ? await accountabilityIn(db, eq(complaints.siteId, siteId), start, end) : [];
  const frequent =
    kind === 'weekly'
      ? (await frequentProblemsIn(db, siteId, start, end)).map((g) => ({ count: g.forms.length, numbers: g.forms.map((f) => f.number).join(', '), line: g.forms[0]?.description ?? '' }))
      : undefined;
  return { received, repeats, resolved, notFounded, overdue, penaltiesCents: money.penalties, rewardsCents: money.rewards, entries, ...(frequent ? { frequent } : {}) };
}

/** The active staff who receive this summary of this site (its own, and group-wide ones). */
export async function summaryRecipients(db: Db, kind: SummaryKind, siteId: string) {
  return db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, recipients[kind]), or(eq(users.siteId, siteId), eq(users.groupWide, true))));
}

/** The roles a summary goes to (and who may read its stored document, with the centre that sends it). */
export function summaryRecipientRoles(kind: SummaryKind): readonly Role[] {
  return recipients[kind];
}

/** The notice's payload (strings only, as the templates read them); `people` per recipient (summaryPeople). */
export function summaryPayload(period: { from: string; to: string }, figures: SummaryFigures, url: string) {
  return {
    from: period.from,
    to: addCalendarDays(period.to, -1),
    received: figures.received,
    repeats: figures.repeats,
    resolved: figures.resolved,
    notFounded: figures.notFounded,
    overdue: figures.overdue,
    penalties: (figures.penaltiesCents / 100).toFixed(2),
    rewards: (figures.rewardsCents / 100).toFixed(2),
    ...(figures.frequent?.length ? { frequentCount: figures.frequent.length, frequent: figures.frequent } : {}),
    url,
  };
}

/**
 * The reward/penalty entries a recipient may read: a recipient recorded as involved in a form
 * does not see its entries (DESIGN §2). Returns, per recipient id, the form ids withheld.
 */
export async function withheldForms(db: Db, entries: readonly AccountabilityRow[], userIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>(userIds.map((id) => [id, new Set<string>()]));
  if (entries.length === 0 || userIds.length === 0) return out;
  for (const pair of await involvement(db, entries.map((e) => e.complaintId), userIds)) {
    const [userId, complaintId] = pair.split(':');
    out.get(userId)?.add(complaintId);
  }
  return out;
}

/**
 * Puts the periodic summary in the inbox of its recipients, per site: forms received and
 * resolved in the period, forms overdue now, and the penalties and rewards recorded.
 * (The scheduled rounds store it as a document too: lib/documents.)
 */
export async function queueSummaries(db: Db, kind: SummaryKind, now: Date, timeZone: string): Promise<number> {
  const period = summaryPeriod(kind, now, timeZone);
  const { start, end } = periodInstants(period, timeZone);
  const base = (process.env.KESU_PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, '');
  let queued = 0;
  for (const site of await db.select({ id: sites.id }).from(sites)) {
    const figures = await summaryFigures(db, kind, site.id, start, end, now);
    const people = await summaryRecipients(db, kind, site.id);
    if (people.length === 0) continue;
    const payload = summaryPayload(period, figures, `${base}/reports?month=${period.from.slice(0, 7)}`);
    const withheld = await withheldForms(db, figures.entries, people.map((p) => p.id));
    await db.insert(notifications).values(
      people.map((p) => ({
        audience: 'summary',
        recipientUserId: p.id,
        channel: 'inbox',
        address: p.email,
        template: `summary_${kind}`,
        locale: p.locale,
        payload: kind === 'accountability' ? { ...payload, people: peoplePayload(figures.entries.filter((e) => !withheld.get(p.id)?.has(e.complaintId)), p.locale) } : payload,
      })),
    );
    queued += people.length;
  }
  return queued;
}

const yuan = (cents: number) => (cents / 100).toFixed(2);

/** The summary's per-person list, in the shape the template's repeated lines read (strings only). */
export function peoplePayload(entries: readonly AccountabilityRow[], locale: string) {
  return groupByPerson(entries, locale).map((g) => ({
    name: g.name,
    ...(g.userId === null ? { outside: 'true' } : {}),
    ...((locale === 'en' ? g.departmentNameEn : g.departmentName) ? { department: (locale === 'en' ? g.departmentNameEn : g.departmentName)! } : {}),
    penalties: yuan(g.penaltyCents),
    rewards: yuan(g.rewardCents),
    entries: g.entries.map((e) => ({
      number: e.number,
      [e.type]: yuan(e.amountCents),
      // One line per entry: a multi-line reason is joined.
      reason: e.reason.replace(/\s+/g, ' ').trim(),
    })),
  }));
}

/** The (recipient, form) pairs, as "userId:complaintId", where the recipient is an involved party. */
async function involvement(db: Db, complaintIds: string[], userIds: string[]): Promise<Set<string>> {
  const rows = await db
    .select({ userId: complaintParties.userId, complaintId: complaintParties.complaintId })
    .from(complaintParties)
    .where(and(inArray(complaintParties.complaintId, [...new Set(complaintIds)]), inArray(complaintParties.userId, userIds)));
  return new Set(rows.map((r) => `${r.userId}:${r.complaintId}`));
}
