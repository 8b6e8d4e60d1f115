import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { notifications } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { forEachBackend } from '@/tests/helpers/databases';
import { openDemo } from '@/tests/helpers/demo';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';
import { countUnread, groupByForm, listInbox, markInboxRead } from '@/lib/notify/inbox';
import { waitsFor } from '@/lib/workflow';

// Notices that say what happened to what (issue 17): the customer, the category, a line of the
// complaint and what the reader must do by when; filters (to do / for information, one form)
// and a form's notices together.
forEachBackend('staff notices say what happened to what', (backend) => {
  let fx: Fixture;
  const viewer = (login: 'desk' | 'service' | 'gm' | 'management') => fx.actors[login];
  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  it("names the customer, the category and the complaint's first line, and the reader's step with its deadline", async () => {
    await markInboxRead(viewer('service').id, 'all', T0, fx.db);
    const form = await fx.create(T0, { categoryCode: 'attitude', description: '前台接待态度冷淡。\n第二行不显示。' });
    const triaged = await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true }, at(T0, 1));
    const [zh] = (await listInbox(viewer('service'), 'zh-CN', 50, fx.db)).filter((n) => n.number === form.number);
    expect(zh.about).toBe('客户 刘建国 · 服务态度：“前台接待态度冷淡。”');
    expect(zh.todo).toBe(true);
    expect(zh.task).toMatch(/^待您处理：完成调查并提交责任认定，截止 .+。$/);
    const [en] = (await listInbox(viewer('service'), 'en', 50, fx.db)).filter((n) => n.number === form.number);
    expect(en.about).toBe('Customer 刘建国 · Service attitude: “前台接待态度冷淡。”');
    expect(en.task).toMatch(/^For you: investigate and submit the determination, by .+\.$/);
    expect(triaged.stepDueAt).not.toBeNull();
    // The desk's part of the same step is the daily word to the customer.
    const desk = (await listInbox(viewer('desk'), 'zh-CN', 50, fx.db)).find((n) => n.number === form.number)!;
    expect(desk.task).toMatch(/^待您处理：每日向客户告知处理进展/);
  });

  it('an old notice of a step already taken is for information; the filters split to-do from information and show one form', async () => {
    const form = await fx.create(at(T0, 2), { categoryCode: 'attitude', customerName: '周女士' });
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true, customerManagerId: viewer('desk').id }, at(T0, 3));
    await form.fire('propose_pending', 'desk', { reason: 'parts_delayed', explanation: '配件延误。' }, at(T0, 4));
    // Now it waits for the GM: the desk's notices of this form are for information.
    const desk = viewer('desk');
    const mine = (await listInbox(desk, 'zh-CN', { form: form.number }, fx.db));
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.every((n) => n.number === form.number && !n.todo && n.task === '仅供知悉：本环节不需要您处理。')).toBe(true);
    const gm = (await listInbox(viewer('gm'), 'zh-CN', { show: 'todo' }, fx.db)).find((n) => n.number === form.number)!;
    expect(gm.todo).toBe(true);
    expect(gm.task).toMatch(/^待您处理：审批是否列入未了事宜/);
    const todo = await listInbox(desk, 'zh-CN', { show: 'todo', limit: 500 }, fx.db);
    const info = await listInbox(desk, 'zh-CN', { show: 'info', limit: 500 }, fx.db);
    expect(todo.every((n) => n.todo)).toBe(true);
    expect(info.every((n) => !n.todo)).toBe(true);
    expect(info.some((n) => n.number === form.number)).toBe(true);
    expect(todo.some((n) => n.number === form.number)).toBe(false);
    const all = await listInbox(desk, 'zh-CN', { limit: 500 }, fx.db);
    expect(todo.length + info.length).toBe(all.length);
  });

  it("groups a form's notices, newest group first, counting the unread", () => {
    const n = (id: string, number: string | null, read = false) => ({ id, number, read }) as Parameters<typeof groupByForm>[0][number];
    const groups = groupByForm([n('1', 'KS-2026-000002'), n('2', 'KS-2026-000001', true), n('3', 'KS-2026-000002', true), n('4', null)]);
    expect(groups.map((g) => [g.number, g.notices.map((x) => x.id), g.unread])).toEqual([
      ['KS-2026-000002', ['1', '3'], 1],
      ['KS-2026-000001', ['2'], 0],
      [null, ['4'], 1],
    ]);
  });
});

forEachBackend('demo data starts with the notices that matter now', (backend) => {
  let database: Database;
  let db: Db;
  const staff: Record<string, StaffUser> = {};
  const NOW = new Date('2026-11-02T01:00:00Z');

  beforeAll(async () => {
    ({ database, db } = await openDemo(backend, NOW, staff));
  });

  it('each person has at most one unread notice per form, only of forms that wait for them now', async () => {
    for (const login of ['desk', 'service', 'management', 'gm', 'chenchen', 'admin']) {
      const user = staff[login];
      const unread = await db.select({ id: notifications.id }).from(notifications)
        .where(and(eq(notifications.recipientUserId, user.id), eq(notifications.channel, 'inbox'), isNull(notifications.readAt)));
      const notices = (await listInbox(user, 'zh-CN', { limit: 1000 }, db)).filter((n) => !n.read);
      expect(notices.length, login).toBe(unread.length);
      expect(notices.every((n) => n.todo), login).toBe(true);
      expect(new Set(notices.map((n) => n.number)).size, login).toBe(notices.length);
      expect(await countUnread(user.id, db), login).toBeLessThan(20);
      expect(waitsFor(user, { status: 'archived', departmentId: null })).toBe(false);
    }
  });
});
