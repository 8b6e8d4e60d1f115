/**
 * Issue 14 finding 10, on both back-ends: parameters the database would answer with an error
 * (a 500 for the caller) are refused by the admin schemas first, with the field named; nothing
 * reaches the table.
 */
import { eq } from 'drizzle-orm';
import { ZodError } from 'zod';
import { beforeAll, expect, it } from 'vitest';
import { calendarDays, categories, users } from '@/db/schema';
import { addCalendarDay } from '@/lib/admin/calendar';
import { liftLockSchema } from '@/lib/admin/schemas';
import { createCategory } from '@/lib/admin/setup';
import type { AdminViewer } from '@/lib/admin/viewer';
import { updateUser } from '@/lib/admin/staff';
import { liftLock } from '@/lib/auth/throttle';
import { forEachBackend } from '@/tests/helpers/databases';
import { adminFixture, type AdminFixture } from './fixtures';

/** The field and rule of the refusal, or what else happened. */
async function refusal(run: () => Promise<unknown>) {
  try {
    await run();
    return 'accepted';
  } catch (err) {
    if (!(err instanceof ZodError)) return `error: ${String(err)}`;
    return err.issues.map((i) => i.path.join('.'));
  }
}

forEachBackend('hostile admin parameters', (backend) => {
  let fx: AdminFixture;
  let admin: AdminViewer;
  beforeAll(async () => {
    fx = await adminFixture(await backend.open());
    admin = { id: fx.adminId, role: 'admin', siteId: fx.siteId };
  });

  it('the database itself refuses year 0000 and NUL: these are the errors the schemas keep away', async () => {
    await expect(fx.db.insert(calendarDays).values({ day: '0000-01-01', kind: 'holiday', name: null })).rejects.toThrow();
    await expect(fx.db.select().from(categories).where(eq(categories.defaultDepartmentCode, 'x\u0000'))).rejects.toThrow();
  });

  it('a calendar day of year 0000, an impossible day or a day past 2100 is a field error', async () => {
    for (const day of ['0000-01-01', '2026-02-30', '9999-12-31', '2026-10-01\u0000']) {
      expect(await refusal(() => addCalendarDay({ day, kind: 'holiday', name: 'x' }, undefined, fx.db)), day).toEqual(['day']);
    }
    expect((await fx.db.select().from(calendarDays)).filter((d) => d.name === 'x')).toEqual([]);
  });

  it("a staff member's absence day of year 0000 is a field error, and nothing changes", async () => {
    expect(await refusal(() => updateUser({ id: fx.desk.id, role: 'desk', departmentId: null, absentUntil: '0000-12-31' }, admin, fx.db))).toEqual(['absentUntil']);
    const [desk] = await fx.db.select().from(users).where(eq(users.id, fx.desk.id));
    expect(desk.absentUntil).toBeNull();
  });

  it("a category's default department code with NUL is a field error, not a database error", async () => {
    expect(await refusal(() => createCategory({ code: 'nul_dept', name: '测试', nameEn: 'Test', defaultDepartmentCode: 'service\u0000', defaultSeverity: 'general' }, admin, fx.db))).toEqual(['defaultDepartmentCode']);
    expect(await fx.db.select().from(categories).where(eq(categories.code, 'nul_dept'))).toEqual([]);
  });

  it('a lock key with NUL is refused by the schema; a well-formed unknown key is simply not lifted', async () => {
    expect(liftLockSchema.safeParse({ key: 'login:admin\u0000' }).success).toBe(false);
    expect(liftLockSchema.safeParse({ key: 'other:admin' }).success).toBe(false);
    const ok = liftLockSchema.parse({ key: 'pair:203.0.113.9 admin' });
    expect(await liftLock(fx.db, ok.key)).toBe(false);
  });
});
