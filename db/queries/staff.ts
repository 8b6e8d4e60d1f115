import { eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { departments, users } from '@/db/schema';
import type { Role } from '@/lib/workflow';

export interface StaffUser {
  id: string;
  login: string;
  name: string;
  role: Role;
  siteId: string;
  departmentId: string | null;
  departmentPosition: 'head' | 'primary' | 'secondary' | null;
  /** The department's name, for the words a person reads (the header); absent where not loaded. */
  departmentName?: string | null;
  departmentNameEn?: string | null;
  groupWide: boolean;
  locale: string;
}

export async function findUserForSignIn(login: string, db?: Db) {
  const d = db ?? (await getDb());
  const [row] = await d
    .select({ id: users.id, name: users.name, role: users.role, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.login, login.trim().toLowerCase()));
  return row && row.active ? row : null;
}

/** The columns of a StaffUser (users left-joined to their department). */
export const staffUserColumns = {
  id: users.id,
  login: users.login,
  name: users.name,
  role: users.role,
  siteId: users.siteId,
  departmentId: users.departmentId,
  groupWide: users.groupWide,
  locale: users.locale,
  active: users.active,
  headUserId: departments.headUserId,
  primaryUserId: departments.primaryUserId,
  secondaryUserId: departments.secondaryUserId,
  departmentName: departments.name,
  departmentNameEn: departments.nameEn,
};

type StaffUserRow = { [K in keyof typeof staffUserColumns]: (typeof staffUserColumns)[K]['_']['data'] | null };

/** An inactive user is nobody: the caller treats them as signed out. */
export function toStaffUser(row: StaffUserRow | undefined): StaffUser | null {
  if (!row || !row.active) return null;
  const departmentPosition =
    row.headUserId === row.id ? 'head' : row.primaryUserId === row.id ? 'primary' : row.secondaryUserId === row.id ? 'secondary' : null;
  return {
    id: row.id!,
    login: row.login!,
    name: row.name!,
    role: row.role as Role,
    siteId: row.siteId!,
    departmentId: row.departmentId,
    departmentPosition,
    departmentName: row.departmentName,
    departmentNameEn: row.departmentNameEn,
    groupWide: row.groupWide!,
    locale: row.locale!,
  };
}

/** The signed-in person as the database knows them now (role changes apply at once). */
export async function loadStaffUser(id: string, db?: Db): Promise<StaffUser | null> {
  const d = db ?? (await getDb());
  const [row] = await d.select(staffUserColumns).from(users).leftJoin(departments, eq(departments.id, users.departmentId)).where(eq(users.id, id));
  return toStaffUser(row);
}
