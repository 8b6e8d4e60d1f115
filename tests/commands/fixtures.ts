/**
 * Integration-test fixture for the command layer: a migrated database with the reference data
 * (seedBase) and the demo staff (same logins, roles and department positions as seedDemo, but
 * without its 40 forms and without argon2 hashing), plus helpers to open and drive forms.
 *
 *   const fx = await openFixture(backend);
 *   const form = await fx.create(T0);
 *   await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'important', followUpWanted: true }, at(T0, 0.1));
 */
import { asc, count, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database, Db } from '@/db/client';
import { complaintEvents, complaints, departments, notifications, sites, users, type Complaint } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { applyEvent, createComplaint, type CommandActor } from '@/lib/complaints/commands';
import { CommandError, type CommandErrorCode } from '@/lib/complaints/errors';
import { loadCalendar, loadSlaPolicy } from '@/lib/complaints/settings';
import type { BusinessCalendar, DepartmentPosition, EventName, Role, SlaPolicy } from '@/lib/workflow';
import type { Backend } from '@/tests/helpers/databases';
import { demoUsers } from '@/db/seed';

export const staff = demoUsers;

export type Login = (typeof staff)[number]['login'];
export type DeptCode = 'service' | 'parts' | 'sales' | 'finance' | 'logistics' | 'quality';

/** Monday 2026-11-02 09:00 Asia/Shanghai: a working day, the 4th of next month is a Friday. */
export const T0 = new Date('2026-11-02T01:00:00Z');
export const HOUR = 3_600_000;
/** `base` + `hours`. */
export const at = (base: Date, hours: number) => new Date(base.getTime() + hours * HOUR);

export interface Fixture {
  database: Database;
  db: Db;
  siteId: string;
  dept: Record<DeptCode, string>;
  actors: Record<Login, CommandActor>;
  policy: SlaPolicy;
  calendar: BusinessCalendar;
  /** Opens a form through the command layer (by the desk unless told). */
  create(now: Date, input?: Partial<Record<string, unknown>>, by?: Login | null): Promise<FormDriver>;
  /** A driver for an existing form (reads its current version). */
  form(id: string): Promise<FormDriver>;
}

export interface FormDriver {
  id: string;
  number: string;
  version: number;
  /** Fires `event` as `login` with the version last seen; returns the updated row. */
  fire(event: EventName, login: Login, input: unknown, now: Date): Promise<Complaint>;
  /** Fires and expects a CommandError with `code`; returns it. */
  refused(event: EventName, login: Login, input: unknown, now: Date, code: CommandErrorCode): Promise<CommandError>;
  row(): Promise<Complaint>;
  history(): Promise<(typeof complaintEvents.$inferSelect)[]>;
}

export const baseComplaint = {
  channel: 'walk_in',
  customerName: '刘建国',
  customerPhone: '13800138001',
  customerEmail: 'liu@example.com',
  plate: '粤a·3k721',
  vehicleModel: '凯美瑞 2.5L',
  categoryCode: 'attitude',
  description: '前台接待在我询问维修进度时态度冷淡，多次打断我说话。',
  customerRequest: '希望接待人员道歉。',
};

/** Inserts the demo staff (idempotent) and sets the departments' head / primary / secondary. */
async function ensureStaff(db: Db): Promise<void> {
  const [site] = await db.select().from(sites).where(eq(sites.code, 'main'));
  const depts = await db.select().from(departments).where(eq(departments.siteId, site.id));
  const deptId = (code: string) => depts.find((d) => d.code === code)!.id;
  await db
    .insert(users)
    .values(
      staff.map((u) => ({
        siteId: site.id,
        login: u.login,
        name: u.name,
        role: u.role,
        email: `${u.login}@kesu.test`,
        departmentId: 'dept' in u ? deptId(u.dept) : null,
        centreHead: 'centreHead' in u && u.centreHead,
        passwordHash: 'not-a-hash', // nobody signs in here
      })),
    )
    .onConflictDoNothing();
  const all = await db.select().from(users);
  for (const u of staff) {
    if (!('position' in u)) continue;
    const column = u.position === 'head' ? 'headUserId' : u.position === 'primary' ? 'primaryUserId' : 'secondaryUserId';
    await db.update(departments).set({ [column]: all.find((x) => x.login === u.login)!.id }).where(eq(departments.id, deptId(u.dept)));
  }
}

/** Reads the site, departments and staff of an already seeded database as CommandActors. */
export async function loadActors(db: Db): Promise<Pick<Fixture, 'siteId' | 'dept' | 'actors'>> {
  const [site] = await db.select().from(sites).where(eq(sites.code, 'main'));
  const depts = await db.select().from(departments).where(eq(departments.siteId, site.id));
  const rows = await db.select().from(users).where(eq(users.siteId, site.id)).orderBy(asc(users.login));
  const dept = Object.fromEntries(depts.map((d) => [d.code, d.id])) as Record<DeptCode, string>;
  const actors = {} as Record<Login, CommandActor>;
  for (const u of rows) {
    const d = depts.find((x) => x.id === u.departmentId);
    const departmentPosition: DepartmentPosition | null = !d
      ? null
      : d.headUserId === u.id
        ? 'head'
        : d.primaryUserId === u.id
          ? 'primary'
          : d.secondaryUserId === u.id
            ? 'secondary'
            : null;
    actors[u.login as Login] = { id: u.id, role: u.role as Role, departmentId: u.departmentId, departmentPosition, name: u.name, siteId: site.id };
  }
  return { siteId: site.id, dept, actors };
}

/**
 * Wraps an opened database (seeding it unless `seed` is false, e.g. a second app instance
 * on a shared PostgreSQL database that another fixture already seeded).
 */
export async function fixtureOf(database: Database, { seed = true } = {}): Promise<Fixture> {
  const { db } = database;
  if (seed) {
    await seedBase(db);
    await ensureStaff(db);
  }
  const { siteId, dept, actors } = await loadActors(db);
  const policy = await loadSlaPolicy(db);
  const calendar = await loadCalendar(db);

  const driver = (row: Complaint): FormDriver => {
    const d: FormDriver = {
      id: row.id,
      number: row.number,
      version: row.version,
      async fire(event, login, input, now) {
        const { complaint } = await applyEvent(
          { complaintId: d.id, event, input, actor: actors[login], expectedVersion: d.version },
          { now, policy, calendar },
          db,
        );
        d.version = complaint.version;
        return complaint;
      },
      async refused(event, login, input, now, code) {
        const err = await applyEvent(
          { complaintId: d.id, event, input, actor: actors[login], expectedVersion: d.version },
          { now, policy, calendar },
          db,
        ).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err, `${event} by ${login} should be refused with ${code}`).toBeInstanceOf(CommandError);
        expect((err as CommandError).code).toBe(code);
        return err as CommandError;
      },
      async row() {
        const [r] = await db.select().from(complaints).where(eq(complaints.id, d.id));
        return r;
      },
      history: () => db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, d.id)).orderBy(asc(complaintEvents.version)),
    };
    return d;
  };

  return {
    database,
    db,
    siteId,
    dept,
    actors,
    policy,
    calendar,
    async create(now, input = {}, by = 'desk') {
      const { complaint } = await createComplaint({ ...baseComplaint, ...input }, by ? actors[by] : null, { now, policy, calendar }, db);
      return driver(complaint);
    },
    async form(id) {
      const [row] = await db.select().from(complaints).where(eq(complaints.id, id));
      return driver(row);
    },
  };
}

/** Opens a new database of `backend`, migrated and seeded with the reference data and staff. */
export async function openFixture(backend: Backend): Promise<Fixture> {
  return fixtureOf(await backend.open());
}

/** Notification rows queued by one history row: sorted `audience:template:channel@login` strings. */
export async function queuedFor(fx: Fixture, eventId: number): Promise<string[]> {
  const rows = await fx.db
    .select({ audience: notifications.audience, template: notifications.template, channel: notifications.channel, recipient: notifications.recipientUserId, status: notifications.status })
    .from(notifications)
    .where(eq(notifications.eventId, eventId));
  const loginOf = (id: string | null) => (id ? (Object.entries(fx.actors).find(([, a]) => a.id === id)?.[0] ?? id) : 'customer');
  for (const r of rows) expect(r.status).toBe('queued');
  return rows.map((r) => `${r.audience}:${r.template}:${r.channel}@${loginOf(r.recipient)}`).sort();
}

/** Number of rows of a complaint's history. */
export async function historyCount(db: Db, complaintId: string): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(complaintEvents).where(eq(complaintEvents.complaintId, complaintId));
  return Number(n);
}

/** Number of notification rows of a complaint. */
export async function notificationCount(db: Db, complaintId: string): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(notifications).where(eq(notifications.complaintId, complaintId));
  return Number(n);
}
