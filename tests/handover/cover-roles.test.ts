import { afterEach, beforeAll, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture, type Login } from '@/tests/commands/fixtures';
import { users } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { raiseCoverAlerts } from '@/lib/cover/alerts';
import { listCovering } from '@/lib/cover/queue';
import { handOverForm } from '@/lib/handover/handover';

/**
 * Absence cover beyond the department head (issue 21, DESIGN §2–§3): an absent customer manager is
 * covered by the head of the customer-service centre, an absent named handler by the department's
 * secondary handler (the head when the handler is the secondary); the form shows in the cover's
 * own list marked as cover, the alert fires once, and what the cover does is recorded as done in cover.
 */
forEachBackend('absence cover of other owners', (backend) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });
  afterEach(async () => {
    await fx.db.update(users).set({ absentUntil: null }).where(inArray(users.login, ['chenchen', 'desk', 'liming', 'zhaogang']));
  });

  const viewer = (login: Login): StaffUser => ({ ...fx.actors[login], login, groupWide: false, locale: 'zh-CN', departmentPosition: fx.actors[login].departmentPosition ?? null });
  const away = (login: Login, until: Date) => fx.db.update(users).set({ absentUntil: until }).where(eq(users.id, fx.actors[login].id));
  const triaged = async (hours: number) => {
    const form = await fx.create(at(T0, hours));
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true, customerManagerId: fx.actors.chenchen.id }, at(T0, hours + 0.1));
    return form;
  };
  const alertsOf = async (formId: string) =>
    fx.database.execute(`select recipient_user_id, payload->>'position' as position from notifications where complaint_id = '${formId}' and template = 'cover_alert'`);

  it('an absent customer manager: the centre’s head is alerted once, sees the form marked as cover, and acts in cover', async () => {
    const form = await triaged(0);
    await away('chenchen', at(T0, 72));
    expect(await raiseCoverAlerts(fx.db, at(T0, 1))).toBeGreaterThanOrEqual(1);
    expect(await raiseCoverAlerts(fx.db, at(T0, 2))).toBe(0); // once
    expect((await alertsOf(form.id)).map((r) => [r.recipient_user_id, r.position])).toEqual([[fx.actors.desk.id, 'customer_manager']]);
    const history = await form.history();
    expect(history.at(-1)).toMatchObject({ type: 'cover_alert', payload: { position: 'customer_manager', absent: fx.actors.chenchen.name, cover: fx.actors.desk.name } });
    form.version = history.at(-1)!.version;

    const covering = await listCovering(viewer('desk'), at(T0, 3), 50, fx.db);
    expect(covering.find((r) => r.id === form.id)?.coverFor).toBe(fx.actors.chenchen.name);
    expect(await listCovering(viewer('chenchen'), at(T0, 3), 50, fx.db)).toEqual([]);

    await form.fire('note', 'desk', { text: '已代客户经理电话告知客户进展。', customerVisible: true }, at(T0, 3));
    expect((await form.history()).at(-1)).toMatchObject({ type: 'note', actorId: fx.actors.desk.id, payload: { coverFor: fx.actors.chenchen.name } });
    // Someone else's action is not in cover.
    await form.fire('note', 'chenchen', { text: '我已返岗前查看。', customerVisible: false }, at(T0, 4));
    expect((await form.history()).at(-1)!.payload).not.toHaveProperty('coverFor');
    // Once the absence is over, the list is empty again.
    expect(await listCovering(viewer('desk'), at(T0, 80), 50, fx.db)).toEqual([]);
  });

  it('an absent named handler: the secondary covers; an absent secondary handler: the head covers', async () => {
    const a = fx.actors;
    const first = await triaged(10);
    const second = await triaged(11);
    for (const [form, to] of [[first, a.liming], [second, a.zhaogang]] as const) {
      const row = await handOverForm({ complaintId: form.id, expectedVersion: form.version, position: 'handler', toUserId: to.id, reason: '指定经办人' }, a.service, at(T0, 12), fx.db);
      form.version = row.version;
    }
    await away('liming', at(T0, 72));
    await away('zhaogang', at(T0, 72));
    await raiseCoverAlerts(fx.db, at(T0, 13));
    // 赵刚 is away too: 李明's form has nobody to stand in (management is told); 赵刚's goes to the head.
    expect((await alertsOf(first.id)).map((r) => r.recipient_user_id)).toEqual([]);
    const missing = await fx.database.execute(`select audience from notifications where complaint_id = '${first.id}' and template = 'cover_missing'`);
    expect(missing.length).toBeGreaterThan(0);
    expect((await alertsOf(second.id)).map((r) => [r.recipient_user_id, r.position])).toEqual([[a.service.id, 'handler']]);
    expect((await listCovering(viewer('service'), at(T0, 14), 50, fx.db)).map((r) => r.number)).toContain(second.number);

    // 赵刚 back, 李明 away for a new period: now 赵刚 covers 李明's form.
    await away('zhaogang', at(T0, 0));
    await away('liming', at(T0, 96));
    await raiseCoverAlerts(fx.db, at(T0, 15));
    expect((await alertsOf(first.id)).map((r) => [r.recipient_user_id, r.position])).toEqual([[a.zhaogang.id, 'handler']]);
    const mine = await listCovering(viewer('zhaogang'), at(T0, 16), 50, fx.db);
    expect(mine.map((r) => [r.number, r.coverFor])).toEqual([[first.number, a.liming.name]]);
  });
});
