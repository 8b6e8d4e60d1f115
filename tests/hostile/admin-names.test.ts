/**
 * Issue 14 finding 9: names an administrator types (site, department, category, staff member,
 * calendar day) are shown on every staff page; a right-to-left override in one showed it
 * reversed. They follow the customer fields' text rule (safeText): each hostile bidi string is
 * refused with a field error naming the character, and nothing is stored.
 */
import { eq } from 'drizzle-orm';
import { ZodError } from 'zod';
import { beforeAll, expect, it } from 'vitest';
import { calendarDays, categories, departments, sites, users } from '@/db/schema';
import { addCalendarDay } from '@/lib/admin/calendar';
import { createCategory, createDepartment, createSite, updateCategory, updateDepartment, updateSite } from '@/lib/admin/setup';
import type { AdminViewer } from '@/lib/admin/viewer';
import { createUser } from '@/lib/admin/staff';
import { forEachBackend } from '@/tests/helpers/databases';
import { adminFixture, type AdminFixture } from '@/tests/admin/fixtures';
import { bidiExtras } from './corpus';

/** The issue the bidi rule raised, or what else happened. */
async function refusal(run: () => Promise<unknown>): Promise<{ path: string; kind: unknown } | string> {
  try {
    await run();
    return 'stored';
  } catch (err) {
    if (!(err instanceof ZodError)) return `error: ${String(err)}`;
    const issue = err.issues.find((i) => i.code === 'custom' && (i as { params?: { kind?: unknown } }).params?.kind === 'bidi');
    return issue ? { path: issue.path.join('.'), kind: 'bidi' } : `other issues: ${JSON.stringify(err.issues)}`;
  }
}

forEachBackend('hostile admin names', (backend) => {
  let fx: AdminFixture;
  let admin: AdminViewer;
  let dept: { id: string };
  let category: { id: string };
  beforeAll(async () => {
    fx = await adminFixture(await backend.open());
    admin = { id: fx.adminId, role: 'admin', siteId: fx.siteId };
    dept = await createDepartment({ code: 'bidi_dept', name: '钣喷车间', nameEn: 'Body shop' }, admin, fx.db);
    category = await createCategory({ code: 'bidi_cat', name: '噪音', nameEn: 'Noise', defaultSeverity: 'general' }, admin, fx.db);
  });

  it('every admin-entered name refuses bidi controls with a field error, and stores nothing', async () => {
    let n = 0;
    for (const s of bidiExtras) {
      n++;
      const cases: [string, () => Promise<unknown>][] = [
        ['name', () => createSite({ code: `site_b${n}`, name: s }, admin, fx.db)],
        ['name', () => updateSite({ id: fx.siteId, name: s }, admin, fx.db)],
        ['name', () => createDepartment({ code: `dept_b${n}`, name: s, nameEn: 'Dept' }, admin, fx.db)],
        ['nameEn', () => createDepartment({ code: `dept_c${n}`, name: '部门', nameEn: s }, admin, fx.db)],
        ['name', () => updateDepartment({ id: dept.id, name: s, nameEn: 'Body shop' }, admin, fx.db)],
        ['name', () => createCategory({ code: `cat_b${n}`, name: s, nameEn: 'Cat', defaultSeverity: 'general' }, admin, fx.db)],
        ['nameEn', () => updateCategory({ id: category.id, name: '噪音', nameEn: s, defaultSeverity: 'general', active: true }, admin, fx.db)],
        ['name', () => createUser({ login: `user-b${n}`, name: s, role: 'desk', password: 'a-long-password-1' }, admin, fx.db)],
        ['name', () => addCalendarDay({ day: `2027-01-${String(n).padStart(2, '0')}`, kind: 'holiday', name: s }, undefined, fx.db)],
      ];
      for (const [field, run] of cases) expect(await refusal(run), `${field} ${JSON.stringify(s)}`).toEqual({ path: field, kind: 'bidi' });
    }
    // Nothing with a bidi control reached the database.
    const bidi = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
    const names = [
      ...(await fx.db.select({ a: sites.name, b: sites.code }).from(sites)),
      ...(await fx.db.select({ a: departments.name, b: departments.nameEn }).from(departments)),
      ...(await fx.db.select({ a: categories.name, b: categories.nameEn }).from(categories)),
      ...(await fx.db.select({ a: users.name, b: users.login }).from(users)),
      ...(await fx.db.select({ a: calendarDays.name, b: calendarDays.day }).from(calendarDays)),
    ].flatMap((r) => [r.a, r.b]);
    expect(names.filter((v) => typeof v === 'string' && bidi.test(v))).toEqual([]);
    expect((await fx.db.select().from(departments).where(eq(departments.id, dept.id)))[0].name).toBe('钣喷车间');
  });
});
