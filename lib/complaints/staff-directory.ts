import 'server-only';
import { and, asc, eq, inArray, ne, or, type SQL } from 'drizzle-orm';
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

/**
 * Who may be named on a form of `siteId` (involved party, responsible person, accountability):
 * active staff of that site, or of the group (group-wide reach covers every site's forms), and
 * never an admin (IT is not a party to complaints). The pickers offer exactly these and the
 * command layer accepts exactly these: one rule, here.
 */
export function directoryMember(siteId: string): SQL {
  return and(eq(users.active, true), ne(users.role, 'admin'), or(eq(users.siteId, siteId), eq(users.groupWide, true)))!;
}

/** Who may be a form's customer manager: the directory's desk staff (DESIGN §1). */
export function managerCandidate(siteId: string): SQL {
  return and(directoryMember(siteId), eq(users.role, 'desk'))!;
}

/** The staff directory for the forms of a site, for the people pickers. */
export async function siteDirectory(db: Db | Tx, siteId: string): Promise<DirectoryPerson[]> {
  return db
    .select({ id: users.id, name: users.name, departmentName: departments.name, departmentNameEn: departments.nameEn })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(directoryMember(siteId))
    .orderBy(asc(departments.code), asc(users.name));
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => uuid.test(value);

/**
 * The directory names of the given staff ids, refusing any id that the pickers would not offer
 * for a form of `siteId` (directoryMember): a form names only people who can see it (an id from
 * another site, made up, or of someone who left would make the summaries group people who are
 * not there). `rule` narrows the directory (e.g. managerCandidate).
 */
export async function siteStaffNames(
  db: Db | Tx,
  siteId: string,
  ids: readonly string[],
  field: string,
  rule: (siteId: string) => SQL = directoryMember,
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  if (!unique.every(isUuid)) throw unknownReference(field);
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(and(inArray(users.id, unique), rule(siteId)));
  if (rows.length === unique.length) return new Map(rows.map((r) => [r.id, r.name]));
  // An admin gets a reason of its own: "not of this site" would send the person looking elsewhere.
  const [admin] = await db.select({ id: users.id }).from(users).where(and(inArray(users.id, unique), eq(users.role, 'admin'))).limit(1);
  if (admin) throw unknownReference(field, 'adminNotNamable');
  throw unknownReference(field);
}

/** Refuses a department that is not one of the form's site (departments belong to one site only). */
export async function siteDepartment(db: Db | Tx, siteId: string, departmentId: string, field: string): Promise<void> {
  const [d] = isUuid(departmentId)
    ? await db.select({ id: departments.id }).from(departments).where(and(eq(departments.id, departmentId), eq(departments.siteId, siteId)))
    : [];
  if (!d) throw unknownReference(field);
}
