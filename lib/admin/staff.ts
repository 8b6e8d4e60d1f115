import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { apiKeys, departments, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { endUserSessions } from '@/lib/auth/session-store';
import { loadCalendar } from '@/lib/complaints/settings';
import { departmentStaffedSql } from '@/lib/complaints/department-staff';
import { addCalendarDays, atLocalTime, localDate, type DepartmentPosition, type Role } from '@/lib/workflow';
import { recordAudit } from './audit';
import { AdminError } from './errors';
import { requireAdmin, type AdminViewer } from './viewer';
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
  /** Someone active is its head or a handler: forms sent there can be acted on. */
  staffed: boolean;
}

const positionColumn = { head: 'headUserId', primary: 'primaryUserId', secondary: 'secondaryUserId' } as const;

/** "Absent through 2026-11-05" is stored as the instant the absence ends: the next local midnight. */
export function absenceEnd(day: string, timeZone: string): Date {
  return atLocalTime(addCalendarDays(day, 1), '00:00', timeZone);
}
export function absentThroughOf(absentUntil: Date | null, timeZone: string): string | null {
  return absentUntil ? localDate(new Date(absentUntil.getTime() - 1), timeZone) : null;
}

/** The departments of the viewer's site. */
export async function listDepartments(viewer: AdminViewer, db?: Db): Promise<DepartmentRow[]> {
  requireAdmin(viewer);
  db ??= await getDb();
  return db
    .select({
      id: departments.id,
      code: departments.code,
      name: departments.name,
      nameEn: departments.nameEn,
      headUserId: departments.headUserId,
      primaryUserId: departments.primaryUserId,
      secondaryUserId: departments.secondaryUserId,
      staffed: departmentStaffedSql,
    })
    .from(departments)
    .where(eq(departments.siteId, viewer.siteId))
    .orderBy(asc(departments.code));
}

/** The staff of the viewer's site. */
export async function listStaff(viewer: AdminViewer, db?: Db): Promise<StaffRow[]> {
  requireAdmin(viewer);
  return staffOfSite(viewer.siteId, db ?? (await getDb()));
}

/** An API key's own staff row (lib/api/keys.ts) is the key's, managed in /admin/api-keys, never here. */
const notApiKeyUser = sql`not exists (select 1 from ${apiKeys} where ${apiKeys.userId} = ${users.id})`;

async function staffOfSite(siteId: string, db: Db): Promise<StaffRow[]> {
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
    .where(and(eq(users.siteId, siteId), notApiKeyUser))
    .orderBy(sql`${users.active} desc`, asc(users.role), asc(users.login));
  return rows.map(({ headUserId, primaryUserId, secondaryUserId, ...r }) => ({
    ...r,
    role: r.role as Role,
    position: headUserId === r.id ? 'head' : primaryUserId === r.id ? 'primary' : secondaryUserId === r.id ? 'secondary' : null,
    absentThrough: absentThroughOf(r.absentUntil, timeZone),
  }));
}

export async function getStaff(viewer: AdminViewer, id: string, db?: Db): Promise<StaffRow | null> {
  return (await listStaff(viewer, db)).find((u) => u.id === id) ?? null;
}

/**
 * The active members of one department (of any site: an admin sets up every site's departments),
 * the choices for its head, primary and secondary handler.
 */
export async function departmentMembers(viewer: AdminViewer, departmentId: string, db?: Db): Promise<{ id: string; name: string }[]> {
  requireAdmin(viewer);
  db ??= await getDb();
  const [d] = await db.select({ siteId: departments.siteId }).from(departments).where(eq(departments.id, departmentId));
  if (!d) return [];
  return membersByDepartment(await staffOfSite(d.siteId, db))[departmentId] ?? [];
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
    .where(and(eq(users.id, id), eq(users.siteId, siteId), notApiKeyUser));
  if (!u) throw new AdminError('not_found');
  return u;
}

/** What the audit log says of a staff member: readable values, never the password hash. */
async function staffState(tx: Tx | Db, id: string) {
  const [u] = await tx
    .select({ login: users.login, name: users.name, role: users.role, department: departments.code, absentUntil: users.absentUntil, active: users.active })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, id));
  return u;
}

async function departmentCode(tx: Tx | Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [d] = await tx.select({ code: departments.code }).from(departments).where(eq(departments.id, id));
  return d?.code ?? null;
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
export async function createUser(input: CreateUserInput, viewer: AdminViewer, db?: Db): Promise<{ id: string; login: string }> {
  requireAdmin(viewer);
  db ??= await getDb();
  const u = createUserSchema.parse(input);
  await checkDepartment(db, viewer.siteId, u.departmentId);
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.login, u.login));
  if (taken) throw new AdminError('login_taken', 'login');
  const passwordHash = await hashPassword(u.password);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ siteId: viewer.siteId, login: u.login, name: u.name, role: u.role, departmentId: u.departmentId, passwordHash })
        .returning({ id: users.id, login: users.login });
      // The initial password is never recorded, not even hashed.
      await recordAudit(tx, {
        actorUserId: viewer.id,
        siteId: viewer.siteId,
        action: 'staff.create',
        targetType: 'user',
        targetId: row.id,
        targetLabel: row.login,
        after: { login: u.login, name: u.name, role: u.role, department: await departmentCode(tx, u.departmentId) },
      });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AdminError('login_taken', 'login');
    throw err;
  }
}

/** Role, department and absence. Moving to another department gives up positions in the old one. */
export async function updateUser(input: UpdateUserInput, viewer: AdminViewer, db?: Db): Promise<void> {
  requireAdmin(viewer);
  db ??= await getDb();
  const u = updateUserSchema.parse(input);
  if (viewer.id === u.id && u.role !== 'admin') throw new AdminError('self_lockout', 'role');
  const { timeZone } = await loadCalendar(db);
  await db.transaction(async (tx) => {
    const current = await userInSite(tx, viewer.siteId, u.id);
    await checkDepartment(tx, viewer.siteId, u.departmentId);
    const { login, ...before } = await staffState(tx, u.id);
    if (current.departmentId !== u.departmentId) await clearPositions(tx, u.id, u.departmentId);
    await tx
      .update(users)
      .set({ role: u.role, departmentId: u.departmentId, absentUntil: u.absentUntil ? absenceEnd(u.absentUntil, timeZone) : null })
      .where(eq(users.id, u.id));
    // A new role signs the person out everywhere: they sign in again into the new role.
    if (current.role !== u.role) await endUserSessions(tx, u.id);
    const { login: _, ...after } = await staffState(tx, u.id);
    await recordAudit(tx, { actorUserId: viewer.id, siteId: viewer.siteId, action: 'staff.update', targetType: 'user', targetId: u.id, targetLabel: login, before, after });
  });
}

export async function resetPassword(input: { id: string; password: string }, viewer: AdminViewer, db?: Db): Promise<void> {
  requireAdmin(viewer);
  db ??= await getDb();
  const p = resetPasswordSchema.parse(input);
  await userInSite(db, viewer.siteId, p.id);
  const passwordHash = await hashPassword(p.password);
  // Whoever knew the old password (or holds a session opened with it) is signed out.
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, p.id));
    const sessionsEnded = await endUserSessions(tx, p.id);
    // That a password was set, never the password or its hash.
    const { login } = await staffState(tx, p.id);
    await recordAudit(tx, { actorUserId: viewer.id, siteId: viewer.siteId, action: 'staff.password_reset', targetType: 'user', targetId: p.id, targetLabel: login, after: { sessionsEnded } });
  });
}

/**
 * Deactivates (or reactivates) a user. Users are never deleted: the history refers to them.
 * A deactivated user can no longer sign in (the session is checked against the database on
 * every request) and gives up their department positions.
 */
export async function setUserActive(input: { id: string; active: boolean }, viewer: AdminViewer, db?: Db): Promise<void> {
  requireAdmin(viewer);
  db ??= await getDb();
  const a = setActiveSchema.parse(input);
  if (!a.active && viewer.id === a.id) throw new AdminError('self_lockout');
  await db.transaction(async (tx) => {
    await userInSite(tx, viewer.siteId, a.id);
    const { login, active } = await staffState(tx, a.id);
    if (!a.active) await clearPositions(tx, a.id);
    await tx.update(users).set({ active: a.active }).where(eq(users.id, a.id));
    if (!a.active) await endUserSessions(tx, a.id);
    await recordAudit(tx, {
      actorUserId: viewer.id,
      siteId: viewer.siteId,
      action: a.active ? 'staff.reactivate' : 'staff.deactivate',
      targetType: 'user',
      targetId: a.id,
      targetLabel: login,
      before: { active },
      after: { active: a.active },
    });
  });
}

/** Head, primary and secondary handler of a department: active users of that department, or none. */
export async function setDepartmentHandlers(input: DepartmentHandlersInput, viewer: AdminViewer, db?: Db): Promise<void> {
  requireAdmin(viewer);
  db ??= await getDb();
  const h = departmentHandlersSchema.parse(input);
  await db.transaction(async (tx) => {
    await checkDepartment(tx, viewer.siteId, h.departmentId);
    const chosen = await checkHandlers(tx, h.departmentId, h);
    const before = await handlersOf(tx, h.departmentId);
    await tx.update(departments).set(chosen).where(eq(departments.id, h.departmentId));
    await recordAudit(tx, {
      actorUserId: viewer.id,
      siteId: viewer.siteId,
      action: 'department.handlers',
      targetType: 'department',
      targetId: h.departmentId,
      targetLabel: before.code,
      before: before.handlers,
      after: (await handlersOf(tx, h.departmentId)).handlers,
    });
  });
}

/**
 * The head, primary and secondary handler chosen for a department: each an active member of it,
 * or nobody; a refusal names the field. Returns the three columns to set.
 */
export async function checkHandlers(
  tx: Tx,
  departmentId: string,
  chosen: { headUserId?: string | null; primaryUserId?: string | null; secondaryUserId?: string | null },
): Promise<{ headUserId: string | null; primaryUserId: string | null; secondaryUserId: string | null }> {
  const columns = { headUserId: chosen.headUserId ?? null, primaryUserId: chosen.primaryUserId ?? null, secondaryUserId: chosen.secondaryUserId ?? null };
  for (const [field, id] of Object.entries(columns)) {
    if (!id) continue;
    const [u] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, id), eq(users.departmentId, departmentId), eq(users.active, true)));
    if (!u) throw new AdminError('not_in_department', field);
  }
  return columns;
}

/** A department's code and its head / primary / secondary handler by name, as the audit log shows them. */
export async function handlersOf(tx: Tx | Db, departmentId: string): Promise<{ code: string; handlers: Record<'head' | 'primary' | 'secondary', string | null> }> {
  const nameOf = (column: 'head_user_id' | 'primary_user_id' | 'secondary_user_id') =>
    sql<string | null>`(select u.name from users u where u.id = ${departments}.${sql.raw(column)})`;
  const [d] = await tx
    .select({ code: departments.code, head: nameOf('head_user_id'), primary: nameOf('primary_user_id'), secondary: nameOf('secondary_user_id') })
    .from(departments)
    .where(eq(departments.id, departmentId));
  return { code: d.code, handlers: { head: d.head, primary: d.primary, secondary: d.secondary } };
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
