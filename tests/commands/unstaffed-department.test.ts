/**
 * A department with nobody who can act (no active head, primary or secondary handler) must not
 * receive forms (issue 17): triage to it is refused with a sentence naming the department and
 * nothing is written; the admin's lists mark it; a form already there (its head left) says so.
 */
import { eq } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { beforeAll, expect, it } from 'vitest';
import { departments, users } from '@/db/schema';
import { loadStaffUser } from '@/db/queries/staff';
import { listDepartmentsWithHandlers } from '@/lib/admin/setup';
import { listDepartments } from '@/lib/admin/staff';
import { CommandError } from '@/lib/complaints/errors';
import { loadFormView } from '@/lib/complaints/form-view';
import { loadMessages } from '@/lib/i18n/messages';
import { decodeIssue } from '@/lib/validation/issues';
import { forEachBackend } from '@/tests/helpers/databases';
import { at, historyCount, notificationCount, openFixture, T0, type Fixture } from './fixtures';

const triage = (departmentId: string) => ({ departmentId, severity: 'important', followUpWanted: false });

forEachBackend('triage to a department without staff', (backend) => {
  let fx: Fixture;
  let empty: string; // nobody in it at all
  let leftHead: string; // its only head has left (inactive)
  let leaverId: string;
  const admin = () => ({ id: fx.actors.admin.id, role: 'admin' as const, siteId: fx.siteId });

  beforeAll(async () => {
    fx = await openFixture(backend);
    const [a, b] = await fx.db
      .insert(departments)
      .values([
        { siteId: fx.siteId, code: 'bodyshop', name: '钣喷部', nameEn: 'Body shop' },
        { siteId: fx.siteId, code: 'detailing', name: '美容部', nameEn: 'Detailing' },
      ])
      .returning();
    empty = a.id;
    leftHead = b.id;
    const [leaver] = await fx.db
      .insert(users)
      .values({ siteId: fx.siteId, login: 'detail-head', name: '已离职主管', role: 'department', departmentId: leftHead, active: false, passwordHash: 'x' })
      .returning();
    leaverId = leaver.id;
    await fx.db.update(departments).set({ headUserId: leaver.id }).where(eq(departments.id, leftHead));
  });

  it('refuses it with a sentence naming the department, in zh-CN and English, and writes nothing', async () => {
    for (const dept of [empty, leftHead]) {
      const form = await fx.create(T0);
      const [row, events, notes] = [await form.row(), await historyCount(fx.db, form.id), await notificationCount(fx.db, form.id)];
      const err = await form.refused('triage', 'desk', triage(dept), at(T0, 0.1), 'department_unstaffed');
      expect(err).toBeInstanceOf(CommandError);
      const word = decodeIssue(err.fieldErrors?.departmentId?.[0] ?? '');
      expect(word).toEqual({ kind: 'rule', key: 'departmentUnstaffed' });
      expect(await form.row()).toEqual(row);
      expect(await historyCount(fx.db, form.id)).toBe(events);
      expect(await notificationCount(fx.db, form.id)).toBe(notes);

      const [d] = await fx.db.select().from(departments).where(eq(departments.id, dept));
      const zh = createTranslator({ locale: 'zh-CN', messages: loadMessages('zh-CN') as never, namespace: 'commands.errors' as never }) as unknown as (k: string, p: object) => string;
      const en = createTranslator({ locale: 'en', messages: loadMessages('en') as never, namespace: 'commands.errors' as never }) as unknown as (k: string, p: object) => string;
      const zhText = zh(err.code, err.params);
      const enText = en(err.code, err.params);
      expect(zhText).toContain(`「${d.name}」`);
      expect(zhText).toContain('系统管理员');
      expect(zhText).not.toMatch(/[A-Za-z]/);
      expect(enText).toContain(`“${d.nameEn}”`);
      expect(enText).toMatch(/no head or handler/);
    }
  });

  it('accepts it once the department has an active head', async () => {
    await fx.db.update(users).set({ active: true }).where(eq(users.id, leaverId));
    const form = await fx.create(T0);
    const row = await form.fire('triage', 'desk', triage(leftHead), at(T0, 0.1));
    expect(row.departmentId).toBe(leftHead);
    expect(row.status).toBe('investigating');
  });

  it('the admin lists mark the department; a form already there says it is stuck once its head leaves', async () => {
    const listed = await listDepartmentsWithHandlers(admin(), fx.db);
    expect(listed.find((d) => d.id === empty)?.staffed).toBe(false);
    expect(listed.find((d) => d.id === fx.dept.service)?.staffed).toBe(true);
    expect((await listDepartments(admin(), fx.db)).find((d) => d.id === empty)?.staffed).toBe(false);

    const form = await fx.create(T0);
    await form.fire('triage', 'desk', triage(leftHead), at(T0, 0.1));
    const desk = (await loadStaffUser(fx.actors.desk.id, fx.db))!;
    expect((await loadFormView(desk, form.number, at(T0, 1), fx.db))?.departmentStaffed).toBe(true);
    await fx.db.update(users).set({ active: false }).where(eq(users.id, leaverId));
    expect((await loadFormView(desk, form.number, at(T0, 1), fx.db))?.departmentStaffed).toBe(false);
    // A form in a staffed department is not stuck.
    const other = await fx.create(T0);
    await other.fire('triage', 'desk', triage(fx.dept.service), at(T0, 0.1));
    expect((await loadFormView(desk, other.number, at(T0, 1), fx.db))?.departmentStaffed).toBe(true);
  });
});
