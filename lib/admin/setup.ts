import 'server-only';
/**
 * Setting up the business: sites, departments and complaint categories (admin only).
 *
 * Codes are fixed once created: categories name their default department by code, and reports
 * and links use them. Nothing here is deleted — forms refer to all three — a category that is no
 * longer used is made inactive instead, and then offered no more at intake.
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { categories, departments, sites } from '@/db/schema';
import type { Severity } from '@/lib/workflow';
import { recordAudit } from './audit';
import { AdminError } from './errors';
import { requireAdmin, type AdminViewer } from './viewer';
import { checkHandlers, handlersOf } from './staff';
import { departmentStaffedSql } from '@/lib/complaints/department-staff';
import {
  createCategorySchema,
  createDepartmentSchema,
  createSiteSchema,
  updateCategorySchema,
  updateDepartmentSchema,
  updateSiteSchema,
  type CreateCategoryInput,
  type CreateDepartmentInput,
  type CreateSiteInput,
  type UpdateCategoryInput,
  type UpdateDepartmentInput,
  type UpdateSiteInput,
} from './schemas';


function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

/** Runs an insert; a concurrent twin that won the unique index becomes "code taken", not a 500. */
async function insertOnce<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AdminError('code_taken', 'code');
    throw err;
  }
}

// ---- sites ---------------------------------------------------------------------------------------

export interface SiteRow {
  id: string;
  code: string;
  name: string;
  departments: number;
  staff: number;
}

export async function listSites(db?: Db): Promise<SiteRow[]> {
  db ??= await getDb();
  return db
    .select({
      id: sites.id,
      code: sites.code,
      name: sites.name,
      // Spelled out: inside a select list drizzle leaves columns unqualified, and "id" would be the department's.
      departments: sql<number>`(select count(*)::int from departments d where d.site_id = ${sites}.id)`,
      staff: sql<number>`(select count(*)::int from users u where u.site_id = ${sites}.id)`,
    })
    .from(sites)
    .orderBy(asc(sites.createdAt), asc(sites.code));
}

export async function countSites(db?: Db): Promise<number> {
  db ??= await getDb();
  const [row] = await db.select({ n: count() }).from(sites);
  return Number(row.n);
}

export async function createSite(input: CreateSiteInput, actor: AdminViewer, db?: Db): Promise<{ id: string; code: string }> {
  db ??= await getDb();
  requireAdmin(actor);
  const s = createSiteSchema.parse(input);
  const [taken] = await db.select({ id: sites.id }).from(sites).where(eq(sites.code, s.code));
  if (taken) throw new AdminError('code_taken', 'code');
  return insertOnce(() =>
    db.transaction(async (tx) => {
      const [row] = await tx.insert(sites).values(s).returning({ id: sites.id, code: sites.code });
      await recordAudit(tx, { actorUserId: actor.id, action: 'site.create', targetType: 'site', targetId: row.id, targetLabel: row.code, after: s });
      return row;
    }),
  );
}

export async function updateSite(input: UpdateSiteInput, actor: AdminViewer, db?: Db): Promise<void> {
  db ??= await getDb();
  requireAdmin(actor);
  const s = updateSiteSchema.parse(input);
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ code: sites.code, name: sites.name }).from(sites).where(eq(sites.id, s.id)).for('update');
    if (!current) throw new AdminError('not_found');
    await tx.update(sites).set({ name: s.name }).where(eq(sites.id, s.id));
    await recordAudit(tx, {
      actorUserId: actor.id,
      action: 'site.update',
      targetType: 'site',
      targetId: s.id,
      targetLabel: current.code,
      before: { name: current.name },
      after: { name: s.name },
    });
  });
}

// ---- departments ---------------------------------------------------------------------------------

async function siteExists(tx: Tx | Db, siteId: string): Promise<boolean> {
  const [s] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId));
  return !!s;
}

export async function createDepartment(input: CreateDepartmentInput, actor: AdminViewer, db?: Db): Promise<{ id: string; code: string }> {
  db ??= await getDb();
  requireAdmin(actor);
  const d = createDepartmentSchema.parse(input);
  const siteId = d.siteId ?? actor.siteId;
  if (!(await siteExists(db, siteId))) throw new AdminError('unknown_site', 'siteId');
  const [taken] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.siteId, siteId), eq(departments.code, d.code)));
  if (taken) throw new AdminError('code_taken', 'code');
  return insertOnce(() =>
    db.transaction(async (tx) => {
      const values = { siteId, code: d.code, name: d.name, nameEn: d.nameEn };
      const [row] = await tx.insert(departments).values(values).returning({ id: departments.id, code: departments.code });
      await recordAudit(tx, { actorUserId: actor.id, siteId, action: 'department.create', targetType: 'department', targetId: row.id, targetLabel: row.code, after: { code: d.code, name: d.name, nameEn: d.nameEn } });
      return row;
    }),
  );
}

export interface DepartmentDetail {
  id: string;
  siteId: string;
  code: string;
  name: string;
  nameEn: string;
  headUserId: string | null;
  primaryUserId: string | null;
  secondaryUserId: string | null;
  /** Someone active is its head or a handler: forms sent there can be acted on. */
  staffed: boolean;
}

export async function getDepartment(id: string, db?: Db): Promise<DepartmentDetail | null> {
  db ??= await getDb();
  const [d] = await db
    .select({
      id: departments.id,
      siteId: departments.siteId,
      code: departments.code,
      name: departments.name,
      nameEn: departments.nameEn,
      headUserId: departments.headUserId,
      primaryUserId: departments.primaryUserId,
      secondaryUserId: departments.secondaryUserId,
      staffed: departmentStaffedSql,
    })
    .from(departments)
    .where(eq(departments.id, id));
  return d ?? null;
}

/** Names and the three handlers, who must be active members of the department (or nobody). */
export async function updateDepartment(input: UpdateDepartmentInput, actor: AdminViewer, db?: Db): Promise<void> {
  db ??= await getDb();
  requireAdmin(actor);
  const d = updateDepartmentSchema.parse(input);
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: departments.id, siteId: departments.siteId, name: departments.name, nameEn: departments.nameEn })
      .from(departments)
      .where(eq(departments.id, d.id))
      .for('update');
    if (!current) throw new AdminError('not_found');
    const chosen = await checkHandlers(tx, d.id, d);
    const before = await handlersOf(tx, d.id);
    await tx.update(departments).set({ name: d.name, nameEn: d.nameEn, ...chosen }).where(eq(departments.id, d.id));
    const after = await handlersOf(tx, d.id);
    await recordAudit(tx, {
      actorUserId: actor.id,
      siteId: current.siteId,
      action: 'department.update',
      targetType: 'department',
      targetId: d.id,
      targetLabel: before.code,
      before: { name: current.name, nameEn: current.nameEn, ...before.handlers },
      after: { name: d.name, nameEn: d.nameEn, ...after.handlers },
    });
  });
}

// ---- categories ----------------------------------------------------------------------------------

export interface CategoryRow {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  defaultDepartmentCode: string | null;
  defaultSeverity: Severity;
  active: boolean;
}

export async function listCategories(db?: Db): Promise<CategoryRow[]> {
  db ??= await getDb();
  const rows = await db
    .select({
      id: categories.id,
      code: categories.code,
      name: categories.name,
      nameEn: categories.nameEn,
      defaultDepartmentCode: categories.defaultDepartmentCode,
      defaultSeverity: categories.defaultSeverity,
      active: categories.active,
    })
    .from(categories)
    .orderBy(sql`${categories.active} desc`, asc(categories.code));
  return rows.map((r) => ({ ...r, defaultSeverity: r.defaultSeverity as Severity }));
}

export async function getCategory(id: string, db?: Db): Promise<CategoryRow | null> {
  db ??= await getDb();
  return (await listCategories(db)).find((c) => c.id === id) ?? null;
}

/** The default department is named by code and must exist in the admin's site (forms there land in it). */
async function checkDepartmentCode(tx: Tx | Db, siteId: string, code: string | null): Promise<void> {
  if (!code) return;
  const [d] = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.siteId, siteId), eq(departments.code, code)));
  if (!d) throw new AdminError('unknown_department', 'defaultDepartmentCode');
}

export async function createCategory(input: CreateCategoryInput, actor: AdminViewer, db?: Db): Promise<{ id: string; code: string }> {
  db ??= await getDb();
  requireAdmin(actor);
  const c = createCategorySchema.parse(input);
  await checkDepartmentCode(db, actor.siteId, c.defaultDepartmentCode);
  const [taken] = await db.select({ id: categories.id }).from(categories).where(eq(categories.code, c.code));
  if (taken) throw new AdminError('code_taken', 'code');
  return insertOnce(() =>
    db.transaction(async (tx) => {
      const [row] = await tx.insert(categories).values(c).returning({ id: categories.id, code: categories.code });
      await recordAudit(tx, { actorUserId: actor.id, action: 'category.create', targetType: 'category', targetId: row.id, targetLabel: row.code, after: c });
      return row;
    }),
  );
}

export async function updateCategory(input: UpdateCategoryInput, actor: AdminViewer, db?: Db): Promise<void> {
  db ??= await getDb();
  requireAdmin(actor);
  const { id, ...c } = updateCategorySchema.parse(input);
  await checkDepartmentCode(db, actor.siteId, c.defaultDepartmentCode);
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        code: categories.code,
        name: categories.name,
        nameEn: categories.nameEn,
        defaultDepartmentCode: categories.defaultDepartmentCode,
        defaultSeverity: categories.defaultSeverity,
        active: categories.active,
      })
      .from(categories)
      .where(eq(categories.id, id))
      .for('update');
    if (!current) throw new AdminError('not_found');
    await tx.update(categories).set(c).where(eq(categories.id, id));
    const { code, ...before } = current;
    await recordAudit(tx, { actorUserId: actor.id, action: 'category.update', targetType: 'category', targetId: id, targetLabel: code, before, after: { ...before, ...c } });
  });
}

export interface DepartmentListRow {
  id: string;
  siteId: string;
  siteName: string;
  code: string;
  name: string;
  nameEn: string;
  head: string | null;
  primary: string | null;
  secondary: string | null;
  /** Active staff members of the department. */
  members: number;
  /** Someone active is its head or a handler: forms sent there can be acted on. */
  staffed: boolean;
}

/** Departments of one site, or of every site (`siteId` null), with the handlers' names. */
/** Every department of every site: an admin sets up all of them (with one site, that site's). */
export async function listDepartmentsWithHandlers(viewer: AdminViewer, db?: Db): Promise<DepartmentListRow[]> {
  requireAdmin(viewer);
  db ??= await getDb();
  const nameOf = (column: 'head_user_id' | 'primary_user_id' | 'secondary_user_id') =>
    sql<string | null>`(select u.name from users u where u.id = ${departments}.${sql.raw(column)})`;
  return db
    .select({
      id: departments.id,
      siteId: departments.siteId,
      siteName: sites.name,
      code: departments.code,
      name: departments.name,
      nameEn: departments.nameEn,
      head: nameOf('head_user_id'),
      primary: nameOf('primary_user_id'),
      secondary: nameOf('secondary_user_id'),
      members: sql<number>`(select count(*)::int from users u where u.department_id = ${departments}.id and u.active)`,
      staffed: departmentStaffedSql,
    })
    .from(departments)
    .innerJoin(sites, eq(sites.id, departments.siteId))
    .orderBy(asc(sites.createdAt), asc(departments.code));
}
