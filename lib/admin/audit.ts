import 'server-only';
import { and, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Db, type Tx } from '@/db/client';
import { adminAudit, sites, users } from '@/db/schema';
import { loadCalendar } from '@/lib/complaints/settings';
import { isDay, isUuid } from '@/lib/params';
import { keysetCodec } from '@/lib/complaints/page-cursor';
import { addCalendarDays, atLocalTime, type Role } from '@/lib/workflow';
import { AdminError } from './errors';

/** One administrative act, as the audit log records it. */
export interface AuditEntry {
  /** null: the system (a job). */
  actorUserId: string | null;
  siteId?: string | null;
  /** '<target>.<verb>', e.g. 'staff.update', 'sign_in_lock.lift', 'person.erase'. */
  action: string;
  targetType: string;
  targetId?: string | null;
  targetLabel?: string | null;
  /** The state before and after; leave out passwords, hashes and access codes. */
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one act to the admin audit log. Call it inside the transaction that makes the change,
 * so that the change and its record stand or fall together.
 */
export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.insert(adminAudit).values({
    actorUserId: entry.actorUserId,
    siteId: entry.siteId ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    targetLabel: entry.targetLabel ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

// ---- reading the log -----------------------------------------------------------------------------

/** The acts this portal records (each has a label under admin.audit.actions); others show their code. */
export const auditActions = [
  'staff.create',
  'staff.update',
  'staff.password_reset',
  'staff.deactivate',
  'staff.reactivate',
  'department.create',
  'department.update',
  'department.handlers',
  'category.create',
  'category.update',
  'site.create',
  'site.update',
  'sla.update',
  'calendar.settings',
  'calendar.import',
  'calendar.confirm',
  'progress.settings',
  'calendar_day.add',
  'calendar_day.remove',
  'sign_in_lock.lift',
  'session.end',
  'session.end_all',
  'notification.retry',
  'access_code.view',
  'access_code.reissue',
  'ledger.export',
  'list.export',
  'person.find',
  'person.export',
  'person.erase',
  'legal_hold.set',
  'legal_hold.clear',
  'retention.update',
  'retention.anonymise',
  'api_key.create',
  'api_key.revoke',
  'triage.settings',
  'triage.retrain',
] as const;
export type AuditAction = (typeof auditActions)[number];
/** The groups of acts ('staff' for every 'staff.*'), for the filter. */
export const auditGroups = [...new Set(auditActions.map((a) => a.split('.')[0]))];

/** Who reads the log: the administrators it records, and management who oversee them. */
export const auditReaderRoles = ['admin', 'management'] as const satisfies readonly Role[];
export function mayReadAudit(role: Role): boolean {
  return (auditReaderRoles as readonly Role[]).includes(role);
}

export interface AuditViewer {
  role: Role;
  siteId: string | null;
  groupWide?: boolean;
}

export const auditFilterSchema = z.object({
  /** An action ('staff.update') or a group of them ('staff': every 'staff.*'). */
  action: z.string().regex(/^[a-z_]{1,40}(\.[a-z_]{1,40})?$/).optional(),
  actorId: z.string().refine(isUuid).optional(),
  /** Days in the business time zone, both included. */
  from: z.string().refine(isDay).optional(),
  to: z.string().refine(isDay).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export interface AuditRow {
  id: number;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  actorLogin: string | null;
  siteName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  rows: AuditRow[];
  /** The position after the last row, or null on the last page. */
  next: string | null;
}

// Keyset positions as in the queues, but the id of an audit row is a bigserial, not a uuid.
const auditPositions = keysetCodec(z.string().regex(/^\d{1,18}$/));
export const decodeAuditCursor = auditPositions.decode;

/**
 * An admin or manager of one site reads the acts of that site and the installation-wide ones
 * (sites, categories, SLA, calendar, sign-in locks: recorded without a site); group-wide, all.
 */
function siteScope(viewer: AuditViewer): SQL | undefined {
  if (viewer.groupWide) return undefined;
  if (!viewer.siteId) return isNull(adminAudit.siteId);
  return or(isNull(adminAudit.siteId), eq(adminAudit.siteId, viewer.siteId));
}

/**
 * The audit log, newest first (at desc, id desc), filtered and keyset-paged. Only admins and
 * management read it; anybody else is refused here, whatever page or action asked.
 */
export async function listAudit(
  viewer: AuditViewer,
  filter: AuditFilter & { cursor?: string; limit?: number } = {},
  db?: Db,
): Promise<AuditPage> {
  db ??= await getDb();
  if (!mayReadAudit(viewer.role)) throw new AdminError('forbidden');
  const f = auditFilterSchema.parse({ action: filter.action, actorId: filter.actorId, from: filter.from, to: filter.to });
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const where: (SQL | undefined)[] = [siteScope(viewer)];
  if (f.action) where.push(f.action.includes('.') ? eq(adminAudit.action, f.action) : sql`starts_with(${adminAudit.action}, ${`${f.action}.`})`);
  if (f.actorId) where.push(eq(adminAudit.actorUserId, f.actorId));
  if (f.from || f.to) {
    const { timeZone } = await loadCalendar(db);
    if (f.from) where.push(gte(adminAudit.at, atLocalTime(f.from, '00:00', timeZone)));
    if (f.to) where.push(lt(adminAudit.at, atLocalTime(addCalendarDays(f.to, 1), '00:00', timeZone)));
  }
  const cursor = decodeAuditCursor(filter.cursor);
  if (cursor) where.push(sql`(${adminAudit.at}, ${adminAudit.id}) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)`);
  const rows = await db
    .select({
      id: adminAudit.id,
      at: adminAudit.at,
      atText: sql<string>`${adminAudit.at}::text`,
      actorUserId: adminAudit.actorUserId,
      actorName: users.name,
      actorLogin: users.login,
      siteName: sites.name,
      action: adminAudit.action,
      targetType: adminAudit.targetType,
      targetId: adminAudit.targetId,
      targetLabel: adminAudit.targetLabel,
      before: adminAudit.before,
      after: adminAudit.after,
    })
    .from(adminAudit)
    .leftJoin(users, eq(users.id, adminAudit.actorUserId))
    .leftJoin(sites, eq(sites.id, adminAudit.siteId))
    .where(and(...where))
    .orderBy(desc(adminAudit.at), desc(adminAudit.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ atText: _, ...r }) => r),
    next: rows.length > limit && last ? auditPositions.encode({ at: last.atText, id: String(last.id) }) : null,
  };
}

/** The people who appear in the log the viewer reads, for the "who" filter. */
export async function auditActors(viewer: AuditViewer, db?: Db): Promise<{ id: string; name: string; login: string }[]> {
  db ??= await getDb();
  if (!mayReadAudit(viewer.role)) throw new AdminError('forbidden');
  const ids = db.selectDistinct({ id: adminAudit.actorUserId }).from(adminAudit).where(siteScope(viewer));
  return db
    .select({ id: users.id, name: users.name, login: users.login })
    .from(users)
    .where(inArray(users.id, sql`(${ids})`))
    .orderBy(users.login);
}

/** One line of "what changed": a field, its value before and after (undefined: not there). */
export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * What an entry changed, field by field: every field of a created or removed thing, and only
 * the fields that differ between before and after otherwise. A non-object value is one field ''.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (!isRecord(before) && !isRecord(after)) {
    return before == null && after == null ? [] : [{ field: '', before: before ?? undefined, after: after ?? undefined }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const both = isRecord(before) && isRecord(after);
  return fields.filter((k) => !both || !same(b[k], a[k])).map((k) => ({ field: k, before: b[k], after: a[k] }));
}
