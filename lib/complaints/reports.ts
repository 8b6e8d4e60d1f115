import 'server-only';
import { and, asc, eq, gte, lt, or, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { getDb, type Db } from '@/db/client';
import { categories, complaints, remedies, reportDays } from '@/db/schema';
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
 * category (from the daily summaries: receivedByCategory), the reward/penalty entries per person
 * (each with its form number and reason), and the compensation paid.
 */
export async function monthlyReport(user: StaffUser, month: string, timeZone: string, db?: Db, locale = 'zh-CN') {
  const d = db ?? (await getDb());
  const { start, end } = monthRange(month, timeZone);
  const site = siteScope(user);
  const [received, accountability, compensation] = await Promise.all([
    receivedByCategory(d, user.groupWide ? undefined : user.siteId, start, end),
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

const dayMs = 86_400_000;
const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Forms received in [start, end) by category: how many, resolved, resolved on time, closed as
 * not founded (DESIGN §3: never resolved, counted apart), repeats (linked at intake to an earlier
 * form of the same customer, DESIGN §2). Each counts as it stands now. The whole UTC days of the
 * period come from the maintained daily summaries (report_days, kept by triggers: migration
 * 0017), so a month or a year reads summary rows; the hours at either end that do not fill a UTC
 * day (a business month starts at local midnight) are counted from the forms themselves, on the
 * received_at index. One statement.
 */
export async function receivedByCategory(d: Db, siteId: string | undefined, start: Date, end: Date) {
  const firstDay = Math.ceil(start.getTime() / dayMs) * dayMs;
  const lastDay = Math.floor(end.getTime() / dayMs) * dayMs;
  const whole = firstDay < lastDay;
  const received = (from: number | Date, to: number | Date) => and(gte(complaints.receivedAt, new Date(from)), lt(complaints.receivedAt, new Date(to)));
  const days = d
    .select({
      categoryId: reportDays.categoryId,
      forms: reportDays.forms,
      resolved: reportDays.resolved,
      onTime: reportDays.onTime,
      notFounded: reportDays.notFounded,
      repeats: reportDays.repeats,
    })
    .from(reportDays)
    .where(
      whole
        ? and(siteId ? eq(reportDays.siteId, siteId) : undefined, gte(reportDays.day, utcDay(firstDay)), lt(reportDays.day, utcDay(lastDay)))
        : sql`false`,
    );
  // The same contributions as the trigger's kesu_report_day_of, for the forms of the partial days.
  const edges = d
    .select({
      categoryId: complaints.categoryId,
      forms: sql<number>`1`.as('forms'),
      resolved: sql<number>`(${complaints.resolvedAt} is not null)::int`.as('resolved'),
      onTime: sql<number>`coalesce(${complaints.resolvedAt} <= ${complaints.resolutionDueAt}, false)::int`.as('on_time'),
      notFounded: sql<number>`coalesce(${complaints.status} = 'rejected' and ${complaints.founded} = false, false)::int`.as('not_founded'),
      repeats: sql<number>`(${isRepeatSql})::int`.as('repeats'),
    })
    .from(complaints)
    .where(and(siteId ? eq(complaints.siteId, siteId) : undefined, whole ? or(received(start, firstDay), received(lastDay, end)) : received(start, end)));
  const all = unionAll(days, edges).as('received');
  return d
    .select({
      category: categories.name,
      categoryEn: categories.nameEn,
      forms: sql<number>`coalesce(sum(${all.forms}), 0)::int`,
      resolved: sql<number>`coalesce(sum(${all.resolved}), 0)::int`,
      onTime: sql<number>`coalesce(sum(${all.onTime}), 0)::int`,
      notFounded: sql<number>`coalesce(sum(${all.notFounded}), 0)::int`,
      repeats: sql<number>`coalesce(sum(${all.repeats}), 0)::int`,
    })
    .from(all)
    .leftJoin(categories, eq(categories.id, all.categoryId))
    .groupBy(categories.name, categories.nameEn)
    // A category whose forms all moved away from the period's summaries leaves zero rows behind.
    .having(sql`sum(${all.forms}) > 0`)
    .orderBy(asc(categories.name));
}
