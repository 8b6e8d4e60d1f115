import { eq } from 'drizzle-orm';
import type { Database, Db } from '@/db/client';
import { departments, sites, users } from '@/db/schema';
import { seedBase } from '@/db/seed';
import type { CommandActor } from '@/lib/complaints/commands';

/** Monday 2026-11-02 09:00 Asia/Shanghai, a working day. */
export const T0 = new Date('2026-11-02T01:00:00Z');
export const HOUR = 3_600_000;

export interface AdminFixture {
  database: Database;
  db: Db;
  siteId: string;
  dept: Record<string, string>;
  desk: CommandActor;
  adminId: string;
}

export const complaintInput = {
  channel: 'walk_in',
  customerName: '刘建国',
  customerPhone: '13800138001',
  categoryCode: 'attitude',
  severity: 'general',
  description: '前台接待在我询问维修进度时态度冷淡。',
};

/** A migrated database with the reference data, one desk user and one admin. */
export async function adminFixture(database: Database): Promise<AdminFixture> {
  const { db } = database;
  await seedBase(db);
  const [site] = await db.select().from(sites).where(eq(sites.code, 'main'));
  const depts = await db.select().from(departments).where(eq(departments.siteId, site.id));
  const [desk] = await db
    .insert(users)
    .values({ siteId: site.id, login: 'desk', name: '王丽', role: 'desk', passwordHash: 'not-a-hash' })
    .returning();
  const [admin] = await db
    .insert(users)
    .values({ siteId: site.id, login: 'admin', name: '系统管理员', role: 'admin', passwordHash: 'not-a-hash' })
    .returning();
  return {
    database,
    db,
    siteId: site.id,
    dept: Object.fromEntries(depts.map((d) => [d.code, d.id])),
    desk: { id: desk.id, role: 'desk', departmentId: null, departmentPosition: null, name: desk.name, siteId: site.id },
    adminId: admin.id,
  };
}
