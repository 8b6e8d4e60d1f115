import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { departments, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { endUserSessions } from '@/lib/auth/session-store';
import { loadCalendar } from '@/lib/complaints/settings';
import { addCalendarDays, atLocalTime, localDate, type DepartmentPosition, type Role } from '@/lib/workflow';
import { AdminError } from './errors';
import {
  createUserSchema,
  departmentHandlersSchema,
  resetPasswordSchema,
  setActiveSchema,
  updateUserSchema,
  type CreateUserInput,
  type DepartmentHandlersInput,
  type UpdateUserInput,
} from './schemas';

/** What the staff list shows: never the password hash. */
export interface StaffRow {
  id: string;
  login: string;
  name: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
  departmentNameEn: string | null;
  position: DepartmentPosition | null;
  absentUntil: Date | null;
  /** The last day of absence (YYYY-MM-DD, business time zone), for the date field. */
  absentThrough: string | null;
  active: boolean;
}

export interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  headUserId: string | null;
  primaryUserId: string | null;
  secondaryUserId: string | null;
}

export interface AdminScope {
  siteId: string;
  /** The admin acting: may not lock themselves out. */
  actorId?: string;
}

const positionColumn = { head: 'headUserId', primary: 'primaryUserId', secondary: 'secondaryUserId' } as const;

/** "Absent through 2026-11-05" is stored as the instant the absence ends: the next local midnight. */
export function absenceEnd(day: string, timeZone: string): Date {
  return atLocalTime(addCalendarDays(day, 1), '00:00', timeZone);
}
export function absentThroughOf(absentUntil: Date | null, timeZone: string): string | null {
  return absentUntil ? localDate(new Date(absentUntil.getTime() - 1), timeZone) : null;
}

export async function listDepartments(db: Db, siteId: string): Promise<DepartmentRow[]> {
  return db
    .select({
      id: departments.id,
      code: departments.code,
      name: departments.name,
      nameEn: departments.nameEn,
      headUserId: departments.headUserId,
      primaryUserId: departments.primaryUserId,
      secondaryUserId: departments.secondaryUserId,
    })
    .from(departments)
    .where(eq(departments.siteId, siteId))
    .orderBy(asc(departments.code));
}

export async function listStaff(db: Db, siteId: string): Promise<StaffRow[]> {
  const { timeZone } = await loadCalendar(db);
  const rows = await db
    .select({
      id: users.id,
      login: users.login,
      name: users.name,
      role: users.role,
      departmentId: users.departmentId,
      departmentName: departments.name,
      departmentNameEn: departments.nameEn,
      headUserId: departments.headUserId,
      primaryUserId: departments.primaryUserId,
      secondaryUserId: departments.secondaryUserId,
      absentUntil: users.absentUntil,
      active: users.active,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.siteId, siteId))
    .orderBy(sql`${users.active} desc`, asc(users.role), asc(users.login));
  return rows.map(({ headUserId, primaryUserId, secondaryUserId, ...r }) => ({
    ...r,
    role: r.role as Role,
    position: headUserId === r.id ? 'head' : primaryUserId === r.id ? 'primary' : secondaryUserId === r.id ? 'secondary' : null,
    absentThrough: absentThroughOf(r.absentUntil, timeZone),
  }));
}

export async function getStaff(db: Db, siteId: string, id: string): Promise<StaffRow | null> {
  return (await listStaff(db, siteId)).find((u) => u.id === id) ?? null;
}

async function checkDepartment(tx: Tx | Db, siteId: string, departmentId: string | null): Promise<void> {
  if (!departmentId) return;
  const [d] = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.siteId, siteId)));
  if (!d) throw new AdminError('unknown_department', 'departmentId');
}

async function userInSite(tx: Tx | Db, siteId: string, id: string) {
  const [u] = await tx
    .select({ id: users.id, departmentId: users.departmentId, role: users.role })
    .from(users)
    .where(and(eq(users.id, id), eq(users.siteId, siteId)));
  if (!u) throw new AdminError('not_found');
  return u;
}

/** Removes the user from every head / primary / secondary position (of any department but `keep`). */
async function clearPositions(tx: Tx, userId: string, keepDepartmentId?: string | null): Promise<void> {
  for (const column of Object.values(positionColumn)) {
    const col = departments[column];
    await tx
      .update(departments)
      .set({ [column]: null })
      .where(and(eq(col, userId), keepDepartmentId ? sql`${departments.id} <> ${keepDepartmentId}` : undefined));
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

/** Creates a staff member with an argon2id hash of the initial password. Returns the new id. */
export async function createUser(db: Db, input: CreateUserInput, scope: AdminScope): Promise<{ id: string; login: string }> {
  const u = createUserSchema.parse(input);
  await checkDepartment(db, scope.siteId, u.departmentId);
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.login, u.login));
  if (taken) throw new AdminError('login_taken', 'login');
  const passwordHash = await hashPassword(u.password);
  try {
    const [row] = await db
      .insert(users)
      .values({ siteId: scope.siteId, login: u.login, name: u.name, role: u.role, departmentId: u.departmentId, passwordHash })
      .returning({ id: users.id, login: users.login });
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AdminError('login_taken', 'login');
    throw err;
  }
}

/** Role, department and absence. Moving to another department gives up positions in the old one. */
export async function updateUser(db: Db, input: UpdateUserInput, scope: AdminScope): Promise<void> {
  const u = updateUserSchema.parse(input);
  if (scope.actorId === u.id && u.role !== 'admin') throw new AdminError('self_lockout', 'role');
  const { timeZone } = await loadCalendar(db);
  await db.transaction(async (tx) => {
    const current = await userInSite(tx, scope.siteId, u.id);
    await checkDepartment(tx, scope.siteId, u.departmentId);
    if (current.departmentId !== u.departmentId) await clearPositions(tx, u.id, u.departmentId);
    await tx
      .update(users)
      .set({ role: u.role, departmentId: u.departmentId, absentUntil: u.absentUntil ? absenceEnd(u.absentUntil, timeZone) : null })
      .where(eq(users.id, u.id));
    // A new role signs the person out everywhere: they sign in again into the new role.
    if (current.role !== u.role) await endUserSessions(tx, u.id);
  });
}

export async function resetPassword(db: Db, input: { id: string; password: string }, scope: AdminScope): Promise<void> {
  const p = resetPasswordSchema.parse(input);
  await userInSite(db, scope.siteId, p.id);
  const passwordHash = await hashPassword(p.password);
  // Whoever knew the old password (or holds a session opened with it) is signed out.
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, p.id));
    await endUserSessions(tx, p.id);
  });
}

/**
 * Deactivates (or reactivates) a user. Users are never deleted: the history refers to them.
 * A deactivated user can no longer sign in (the session is checked against the database on
 * every request) and gives up their department positions.
 */
export async function setUserActive(db: Db, input: { id: string; active: boolean }, scope: AdminScope): Promise<void> {
  const a = setActiveSchema.parse(input);
  if (!a.active && scope.actorId === a.id) throw new AdminError('self_lockout');
  await db.transaction(async (tx) => {
    await userInSite(tx, scope.siteId, a.id);
    if (!a.active) await clearPositions(tx, a.id);
    await tx.update(users).set({ active: a.active }).where(eq(users.id, a.id));
    if (!a.active) await endUserSessions(tx, a.id);
  });
}

/** Head, primary and secondary handler of a department: active users of that department, or none. */
export async function setDepartmentHandlers(db: Db, input: DepartmentHandlersInput, scope: AdminScope): Promise<void> {
  const h = departmentHandlersSchema.parse(input);
  await db.transaction(async (tx) => {
    await checkDepartment(tx, scope.siteId, h.departmentId);
    const chosen = { headUserId: h.headUserId, primaryUserId: h.primaryUserId, secondaryUserId: h.secondaryUserId };
    for (const [field, id] of Object.entries(chosen)) {
      if (!id) continue;
      const [u] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, id), eq(users.departmentId, h.departmentId), eq(users.active, true)));
      if (!u) throw new AdminError('not_in_department', field);
    }
    await tx.update(departments).set(chosen).where(eq(departments.id, h.departmentId));
  });
}

/** Active users per department, for the handler choices. */
export function membersByDepartment(staff: StaffRow[]): Record<string, { id: string; name: string }[]> {
  const out: Record<string, { id: string; name: string }[]> = {};
  for (const u of staff) {
    if (!u.active || !u.departmentId) continue;
    (out[u.departmentId] ??= []).push({ id: u.id, name: u.name });
  }
  return out;
}
