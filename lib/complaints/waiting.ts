import { and, eq, sql, type SQL } from 'drizzle-orm';
import { complaints, waitingStatesSql } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';

/** Customers on a case still being handled hear from us at least once a day (DESIGN §2). */
export const customerUpdateIntervalMs = 24 * 3_600_000;

/**
 * The last update the customer saw, or when the form was received if none yet. The partial
 * index complaints_waiting_idx (db/schema.ts) is on exactly this expression.
 */
export const waitingSince = sql`coalesce(${complaints.lastCustomerUpdateAt}, ${complaints.receivedAt})`;

/**
 * "Customer waiting for news": open forms whose customer heard nothing for more than 24 hours.
 * The desk (and admin) sees its whole reach; any other role the forms they are the customer
 * manager of.
 */
export function waitingCondition(user: StaffUser): SQL {
  const waiting = sql`${complaints.status} in ${waitingStatesSql}`;
  return user.role === 'desk' || user.role === 'admin' ? waiting : and(waiting, eq(complaints.customerManagerId, user.id))!;
}
