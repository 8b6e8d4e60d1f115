import 'server-only';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Db } from '@/db/client';
import { complaints, coverAlerts, openStatesSql, users } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { visibleTo } from '@/lib/complaints/access';
import { categoryJoin, departmentJoin, listRowColumns, toListRow } from '@/lib/complaints/list-columns';
import type { QueueRow } from '@/lib/complaints/queues';

const absent = alias(users, 'absent');

/** A form the viewer covers, with whom they stand in for. */
export interface CoverRow extends QueueRow {
  coverFor: string;
}

/**
 * The viewer's own list of forms they cover (issue 21): open forms whose owner is away and whose
 * cover alert named the viewer, while that absence runs; in deadline order, within the viewer's
 * reach like every list. Small by nature (one person's absence), so read whole, up to `limit`.
 */
export async function listCovering(user: StaffUser, now = new Date(), limit = 50, db?: Db): Promise<CoverRow[]> {
  const d = db ?? (await getDb());
  const rows = await d
    .selectDistinctOn([complaints.stepDueAt, complaints.id], { ...listRowColumns, lastUpdateAt: complaints.receivedAt, coverFor: absent.name })
    .from(coverAlerts)
    .innerJoin(complaints, eq(complaints.id, coverAlerts.complaintId))
    .innerJoin(absent, and(eq(absent.id, coverAlerts.absentUserId), eq(absent.absentUntil, coverAlerts.absentUntil)))
    .leftJoin(...departmentJoin)
    .leftJoin(...categoryJoin)
    .where(and(eq(coverAlerts.coverUserId, user.id), gt(coverAlerts.absentUntil, now), sql`${complaints.status} in ${openStatesSql}`, visibleTo(user)))
    .orderBy(asc(complaints.stepDueAt), asc(complaints.id))
    .limit(limit);
  return rows.map((r) => ({ ...toListRow(r, now), lastUpdateAt: r.lastUpdateAt, coverFor: r.coverFor }));
}
