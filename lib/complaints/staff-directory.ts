import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { departments, users } from '@/db/schema';
import { unknownReference } from './errors';

/** One person of a site's staff directory, as a picker offers them. */
export interface DirectoryPerson {
  id: string;
  name: string;
  departmentName: string | null;
  departmentNameEn: string | null;
}

/** The site's active staff (no admins: IT is not a party to complaints), for the people pickers. */
export async function siteDirectory(db: Db | Tx, siteId: string): Promise<DirectoryPerson[]> {
  return db
    .select({ id: users.id, name: users.name, departmentName: departments.name, departmentNameEn: departments.nameEn })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(users.siteId, siteId), eq(users.active, true), ne(users.role, 'admin')))
    .orderBy(asc(departments.code), asc(users.name));
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The directory names of the given staff ids, refusing any id that is not a member of the
 * site's staff: a form names only people of its own site (an id from elsewhere, or made up,
 * would make the summaries group people who are not there).
 */
export async function siteStaffNames(db: Db | Tx, siteId: string, ids: readonly string[], field: string): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = unique.every((id) => uuid.test(id))
    ? await db.select({ id: users.id, name: users.name }).from(users).where(and(inArray(users.id, unique), eq(users.siteId, siteId)))
    : [];
  if (rows.length !== unique.length) throw unknownReference(field);
  return new Map(rows.map((r) => [r.id, r.name]));
}
