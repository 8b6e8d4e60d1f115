import 'server-only';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { categories, complaints, remedies } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { zonedInstant } from '@/lib/workflow';
import { notInvolved, siteScope } from './access';
import { accountabilityIn, groupByPerson } from './accountability';
import { isRepeatSql } from './repeats';

export const reportRoles = ['finance', 'management', 'gm'] as const;

/** The month [start, end) in the business time zone, from 'YYYY-MM'. */
export function monthRange(month: string, timeZone: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { start: zonedInstant(`${month}-01`, 0, timeZone), end: zonedInstant(next, 0, timeZone) };
}

/**
 * The monthly summary management sends to the GM and finance on the 4th: forms received by
 * category, the reward/penalty entries per person (each with its form number and reason), and
 * the compensation paid.
 */
export async function monthlyReport(user: StaffUser, month: string, timeZone: string, db?: Db, locale = 'zh-CN') {
  const d = db ?? (await getDb());
  const { start, end } = monthRange(month, timeZone);
  const site = siteScope(user);
  const [received, accountability, compensation] = await Promise.all([
    d
      .select({
        category: categories.name,
        categoryEn: categories.nameEn,
        forms: sql<number>`count(*)::int`,
        resolved: sql<number>`count(${complaints.resolvedAt})::int`,
        onTime: sql<number>`count(*) filter (where ${complaints.resolvedAt} <= ${complaints.resolutionDueAt})::int`,
        // Closed after investigation as not founded (DESIGN §3): never resolved, counted apart.
        notFounded: sql<number>`count(*) filter (where ${complaints.status} = 'rejected' and ${complaints.founded} = false)::int`,
        // Linked at intake to an earlier form of the same customer (DESIGN §2).
        repeats: sql<number>`count(*) filter (where ${isRepeatSql})::int`,
      })
      .from(complaints)
      .leftJoin(categories, eq(categories.id, complaints.categoryId))
      .where(and(site, gte(complaints.receivedAt, start), lt(complaints.receivedAt, end)))
      .groupBy(categories.name, categories.nameEn)
      .orderBy(asc(categories.name)),
    // Listed per form: nothing of a form the reader is involved in (finance reads it too, so not visibleTo).
    accountabilityIn(d, and(site, notInvolved(user)), start, end),
    d
      .select({ number: complaints.number, description: remedies.description, amountCents: remedies.amountCents, at: remedies.createdAt })
      .from(remedies)
      .innerJoin(complaints, eq(complaints.id, remedies.complaintId))
      .where(
        // A per-form list: nothing of a form the reader is involved in (finance reads it too, so not visibleTo).
        and(site, notInvolved(user), eq(remedies.status, 'delivered'), eq(remedies.kind, 'compensation'), gte(remedies.createdAt, start), lt(remedies.createdAt, end)),
      )
      .orderBy(asc(remedies.createdAt)),
  ]);
  return { received, accountability: groupByPerson(accountability, locale), compensation };
}
