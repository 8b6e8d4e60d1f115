import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { departments } from '@/db/schema';

/**
 * Whether a department has someone who can act on its forms: an active head, primary or
 * secondary handler. A department without one receives forms that sit untouched (issue 17), so
 * triage refuses it, the admin is warned, and a form already there says who can move it.
 */
export const departmentStaffedSql = sql<boolean>`exists (select 1 from users u where u.active and u.id in (${departments.headUserId}, ${departments.primaryUserId}, ${departments.secondaryUserId}))`;

export async function departmentStaffing(db: Db | Tx, departmentId: string): Promise<{ name: string; nameEn: string; staffed: boolean } | null> {
  const [d] = await db
    .select({ name: departments.name, nameEn: departments.nameEn, staffed: departmentStaffedSql })
    .from(departments)
    .where(eq(departments.id, departmentId));
  return d ? { ...d, staffed: Boolean(d.staffed) } : null;
}
