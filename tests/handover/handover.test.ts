import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';
import { promises } from '@/db/schema';
import { handOverForm, handOverPerson, listOwnedOpenForms } from '@/lib/handover/handover';
import { recordPromise } from '@/lib/promises/promises';
import { listInbox } from '@/lib/notify/inbox';
import { setCentreHead } from '@/lib/handover/centre-head';

forEachBackend('hand-over', (backend) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  const triaged = async (hours: number, party?: string) => {
    const form = await fx.create(at(T0, hours), party ? { partyUserIds: [party] } : {});
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true, customerManagerId: fx.actors.chenchen.id }, at(T0, hours + 0.1));
    return form;
  };

  it('the department head, the centre’s head and an admin may hand over; nobody else', async () => {
    const form = await triaged(0);
    const a = fx.actors;
    const input = (toUserId: string, position: 'customer_manager' | 'handler' = 'handler') => ({ complaintId: form.id, expectedVersion: form.version, position, toUserId, reason: '李明休假，交由赵刚处理。' });
    // A handler, another department's head, a desk clerk who is not the centre's head, management: refused.
    for (const who of [a.liming, a.parts, a.chenchen, a.management, a.gm]) {
      const err = await handOverForm(input(a.zhaogang.id), who, at(T0, 1), fx.db).catch((e: unknown) => e);
      expect(err, who.name).toMatchObject({ code: expect.stringMatching(/^(forbidden|not_found)$/) });
    }
    expect((await form.row()).handlerId).toBeNull();

    // The department head names the handler.
    const byHead = await handOverForm(input(a.zhaogang.id), a.service, at(T0, 1), fx.db);
    expect(byHead.handlerId).toBe(a.zhaogang.id);
    form.version = byHead.version;
    // The centre's head (王丽, desk) changes the customer manager.
    const byCentre = await handOverForm(input(a.desk.id, 'customer_manager'), a.desk, at(T0, 2), fx.db);
    expect(byCentre.customerManagerId).toBe(a.desk.id);
    form.version = byCentre.version;
    // An admin may too; a stale version is refused like any change.
    await expect(handOverForm({ ...input(a.chenchen.id, 'customer_manager'), expectedVersion: 1 }, a.admin, at(T0, 3), fx.db)).rejects.toMatchObject({ code: 'stale_version' });
    const byAdmin = await handOverForm(input(a.chenchen.id, 'customer_manager'), a.admin, at(T0, 3), fx.db);
    expect(byAdmin.customerManagerId).toBe(a.chenchen.id);
    form.version = byAdmin.version;

    // In the history, internal, with the reason; the new holder is told in their inbox.
    const rows = (await form.history()).filter((e) => e.type === 'handover');
    expect(rows.map((r) => r.payload)).toEqual([
      { position: 'handler', from: null, to: a.zhaogang.name, reason: '李明休假，交由赵刚处理。' },
      { position: 'customer_manager', from: a.chenchen.name, to: a.desk.name, reason: '李明休假，交由赵刚处理。' },
      { position: 'customer_manager', from: a.desk.name, to: a.chenchen.name, reason: '李明休假，交由赵刚处理。' },
    ]);
    expect(rows.every((r) => !r.customerVisible)).toBe(true);
    expect(rows.map((r) => r.actorName)).toEqual([a.service.name, a.desk.name, a.admin.name]);
    const inbox = await listInbox(a.zhaogang.id, 'zh-CN', { form: form.number }, fx.db);
    expect(inbox.find((n) => n.template === 'handover')?.subject).toContain(form.number);
  });

  it('an admin marks the head of the customer-service centre, who may then hand forms over', async () => {
    const a = fx.actors;
    const form = await triaged(30);
    const input = { complaintId: form.id, expectedVersion: form.version, position: 'customer_manager' as const, toUserId: a.desk.id, reason: '调整分工' };
    await expect(handOverForm(input, a.chenchen, at(T0, 31), fx.db)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setCentreHead({ id: a.liming.id, centreHead: true }, a.admin, fx.db)).rejects.toMatchObject({ code: 'not_found' }); // desk staff only
    await expect(setCentreHead({ id: a.chenchen.id, centreHead: true }, a.desk, fx.db)).rejects.toMatchObject({ code: 'forbidden' });
    await setCentreHead({ id: a.chenchen.id, centreHead: true }, a.admin, fx.db);
    try {
      expect((await handOverForm(input, a.chenchen, at(T0, 31), fx.db)).customerManagerId).toBe(a.desk.id);
    } finally {
      await setCentreHead({ id: a.chenchen.id, centreHead: false }, a.admin, fx.db);
    }
  });

  it('refuses the wrong person: a handler of another department, a desk clerk as handler, an involved party, the same person', async () => {
    const form = await triaged(10, fx.actors.machao.id);
    const a = fx.actors;
    const try_ = (toUserId: string, position: 'customer_manager' | 'handler') =>
      handOverForm({ complaintId: form.id, expectedVersion: form.version, position, toUserId, reason: '调整分工' }, a.admin, at(T0, 11), fx.db).catch((e: unknown) => e);
    expect(await try_(a.parts.id, 'handler')).toMatchObject({ code: 'not_assignable' });
    expect(await try_(a.desk.id, 'handler')).toMatchObject({ code: 'not_assignable' });
    expect(await try_(a.machao.id, 'handler')).toMatchObject({ code: 'not_assignable' });
    expect(await try_(a.liming.id, 'customer_manager')).toMatchObject({ code: 'not_assignable' });
    expect(await try_(a.chenchen.id, 'customer_manager')).toMatchObject({ code: 'same_person' });
  });

  it('hands all of a leaving person’s open forms over at once, each recorded, their open promises with them', async () => {
    const a = fx.actors;
    const forms = [await triaged(20), await triaged(21), await triaged(22)];
    // One of them is closed: it stays as it is.
    await forms[2].fire('withdraw', 'desk', { reason: '客户自行解决。' }, at(T0, 23));
    const promise = await recordPromise({ complaintId: forms[0].id, expectedVersion: forms[0].version, what: '周五前回电', dueOn: '2026-11-06', customerVisible: true }, a.chenchen, at(T0, 24), fx.db);
    forms[0].version = promise.complaint.version;
    // A form of another customer manager on which 陈晨 only made a promise: only the promise moves.
    const other = await fx.create(at(T0, 20.5));
    await other.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true, customerManagerId: a.desk.id }, at(T0, 20.6));
    const otherPromise = await recordPromise({ complaintId: other.id, expectedVersion: other.version, what: '明天上午回电', dueOn: '2026-11-05', customerVisible: false }, a.chenchen, at(T0, 24), fx.db);

    const before = await listOwnedOpenForms({ ...a.admin, groupWide: false }, a.chenchen.id, fx.db);
    const mine = new Set(before.map((f) => f.number));
    expect(mine.has(forms[0].number) && mine.has(forms[1].number) && mine.has(other.number) && !mine.has(forms[2].number)).toBe(true);

    // Only an admin hands a person over.
    await expect(handOverPerson({ fromUserId: a.chenchen.id, toUserId: a.desk.id, reason: '陈晨离职' }, a.service, at(T0, 25), fx.db)).rejects.toMatchObject({ code: 'forbidden' });
    const result = await handOverPerson({ fromUserId: a.chenchen.id, toUserId: a.desk.id, reason: '陈晨离职' }, a.admin, at(T0, 25), fx.db);
    expect(result.refused).toEqual([]);
    expect(new Set(result.moved)).toEqual(mine);
    expect(await listOwnedOpenForms({ ...a.admin, groupWide: false }, a.chenchen.id, fx.db)).toEqual([]);

    for (const f of forms.slice(0, 2)) {
      expect((await f.row()).customerManagerId).toBe(a.desk.id);
      const rows = (await f.history()).filter((e) => e.type === 'handover');
      expect(rows).toHaveLength(1);
      expect(rows[0].payload).toMatchObject({ position: 'customer_manager', from: a.chenchen.name, to: a.desk.name, reason: '陈晨离职' });
    }
    expect((await forms[2].row()).customerManagerId).toBe(a.chenchen.id);
    expect((await other.row()).customerManagerId).toBe(a.desk.id);
    expect((await other.history()).filter((e) => e.type === 'handover').map((e) => e.payload)).toEqual([{ position: 'promises', from: a.chenchen.name, to: a.desk.name, reason: '陈晨离职' }]);
    const [movedOther] = await fx.db.select().from(promises).where(eq(promises.id, otherPromise.promiseId));
    expect(movedOther.madeById).toBe(a.desk.id);
    const [moved] = await fx.db.select().from(promises).where(eq(promises.id, promise.promiseId));
    expect(moved.madeById).toBe(a.desk.id);
    for (const f of forms.slice(0, 2)) {
      const told = await fx.database.execute(`select recipient_user_id from notifications where complaint_id = '${f.id}' and template = 'handover'`);
      expect(told.map((r) => r.recipient_user_id)).toEqual([a.desk.id]);
    }
    // Nothing left to hand over.
    await expect(handOverPerson({ fromUserId: a.chenchen.id, toUserId: a.desk.id, reason: '再次' }, a.admin, at(T0, 26), fx.db)).rejects.toMatchObject({ code: 'nothing_to_hand_over' });
  });
});
