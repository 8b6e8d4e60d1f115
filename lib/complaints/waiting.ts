import { and, asc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { complaints } from '@/db/schema';
import { withdrawableStates, type State } from '@/lib/workflow';
import type { StaffUser } from '@/db/queries/staff';

/** Customers on a case still being handled hear from us at least once a day (DESIGN §2). */
export const customerUpdateIntervalMs = 24 * 3_600_000;

/**
 * States in which the customer waits for news of the handling: received … accountability,
 * except the pending ledger (its contacts follow the monthly rhythm instead). From follow_up on
 * the handling is done and the follow-up call has its own deadline.
 */
export const waitingStates: State[] = withdrawableStates.filter((s) => s !== 'pending');

export interface WaitingRow {
  id: string;
  number: string;
  status: State;
  customerName: string;
  customerPhone: string;
  customerManagerId: string | null;
  /** The last update the customer saw (or when the form was received, if none yet). */
  lastUpdateAt: Date;
  waitingMs: number;
}

/**
 * "Customer waiting for news": open forms whose customer heard nothing for more than 24 hours,
 * longest wait first. The desk sees its whole site (or every site with group-wide reach); any
 * other role sees the forms they are the customer manager of.
 */
export async function listCustomersWaiting(db: Db, user: StaffUser, now = new Date()): Promise<WaitingRow[]> {
  const lastUpdate = sql<Date>`coalesce(${complaints.lastCustomerUpdateAt}, ${complaints.receivedAt})`;
  const scope: SQL | undefined =
    user.role === 'desk' || user.role === 'admin'
      ? user.groupWide
        ? undefined
        : eq(complaints.siteId, user.siteId)
      : eq(complaints.customerManagerId, user.id);
  const rows = await db
    .select({
      id: complaints.id,
      number: complaints.number,
      status: complaints.status,
      customerName: complaints.customerName,
      customerPhone: complaints.customerPhone,
      customerManagerId: complaints.customerManagerId,
      lastCustomerUpdateAt: complaints.lastCustomerUpdateAt,
      receivedAt: complaints.receivedAt,
    })
    .from(complaints)
    .where(
      and(
        inArray(complaints.status, waitingStates),
        lt(lastUpdate, sql`${new Date(now.getTime() - customerUpdateIntervalMs).toISOString()}::timestamptz`),
        scope,
      ),
    )
    .orderBy(asc(lastUpdate), asc(complaints.number))
    .limit(500);
  return rows.map((r) => {
    const lastUpdateAt = r.lastCustomerUpdateAt ?? r.receivedAt;
    return {
      id: r.id,
      number: r.number,
      status: r.status as State,
      customerName: r.customerName,
      customerPhone: r.customerPhone,
      customerManagerId: r.customerManagerId,
      lastUpdateAt,
      waitingMs: now.getTime() - lastUpdateAt.getTime(),
    };
  });
}
