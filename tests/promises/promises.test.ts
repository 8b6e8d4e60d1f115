import { beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture, type FormDriver } from '@/tests/commands/fixtures';
import { atLocalTime } from '@/lib/workflow';
import { runDailyProgress } from '@/lib/promises/daily-progress';
import { raisePromiseAlerts } from '@/lib/promises/alerts';
import { listPromises, recordPromise, resolvePromise } from '@/lib/promises/promises';
import { loadPublicProgress } from '@/lib/promises/public';
import { PromiseError } from '@/lib/promises/errors';
import { listInbox } from '@/lib/notify/inbox';
import { CommandError } from '@/lib/complaints/errors';
import { openDemo } from '@/tests/helpers/demo';
import { seedDemoPromises } from '@/lib/promises/demo';

/** Local business time (Asia/Shanghai) on a day of the week of T0 (Monday 2026-11-02). */
const local = (day: string, time: string) => atLocalTime(day, time, 'Asia/Shanghai');
const TUE = '2026-11-03';
const WED = '2026-11-04';
const THU = '2026-11-05';
const FRI = '2026-11-06';
const SAT = '2026-11-07';
const MON = '2026-11-09';

forEachBackend('daily progress', (backend) => {
  let fx: Fixture;
  let silent: FormDriver; // nobody tells the customer anything
  let answered: FormDriver; // the customer manager sends a progress note after the reminder
  let closed: FormDriver; // withdrawn
  let pending: FormDriver; // on the pending ledger
  const secret = '内部：技师操作失误，扣绩效。';

  const rows = async (id: string, template: string) =>
    (await fx.database.execute(`select audience, channel, recipient_user_id, payload from notifications where complaint_id = '${id}' and template = '${template}' order by created_at, channel`)) as {
      audience: string;
      channel: string;
      recipient_user_id: string | null;
      payload: { message?: string };
    }[];
  const run = (when: Date) => runDailyProgress(fx.db, when, { calendar: fx.calendar, autoSendAt: '16:00' });

  beforeAll(async () => {
    fx = await openFixture(backend);
    const triage = { departmentId: fx.dept.service, severity: 'general', followUpWanted: true, customerManagerId: fx.actors.chenchen.id };
    silent = await fx.create(T0);
    await silent.fire('triage', 'desk', triage, T0);
    await silent.fire('note', 'service', { text: secret, customerVisible: false }, at(T0, 1));
    answered = await fx.create(T0);
    await answered.fire('triage', 'desk', triage, T0);
    closed = await fx.create(T0);
    await closed.fire('triage', 'desk', triage, T0);
    await closed.fire('withdraw', 'desk', { reason: '客户已自行解决。' }, at(T0, 2));
    pending = await fx.create(T0, { categoryCode: 'parts' });
    await pending.fire('triage', 'desk', { ...triage, departmentId: fx.dept.parts }, T0);
    await pending.fire('propose_pending', 'desk', { reason: 'parts_delayed', explanation: '配件在途。' }, at(T0, 1));
    await pending.fire('approve_pending', 'gm', {}, at(T0, 2));
  });

  it('reminds the customer manager once in the morning after a silent business day, then messages the customer once at the set hour', async () => {
    await run(local(TUE, '09:00')); // the customer heard from us on Monday
    expect(await rows(silent.id, 'progress_reminder')).toEqual([]);
    await run(local(WED, '08:00')); // before the working day starts
    expect(await rows(silent.id, 'progress_reminder')).toEqual([]);

    await run(local(WED, '09:00'));
    await run(local(WED, '10:00'));
    const reminders = await rows(silent.id, 'progress_reminder');
    expect(reminders.map((r) => `${r.audience}:${r.channel}:${r.recipient_user_id}`)).toEqual([`customer_manager:inbox:${fx.actors.chenchen.id}`]);
    expect(await rows(silent.id, 'daily_progress')).toEqual([]);
    // The reminder reads in the inbox in the manager's language.
    const inbox = await listInbox(fx.actors.chenchen.id, 'zh-CN', { form: silent.number }, fx.db);
    expect(inbox.find((n) => n.template === 'progress_reminder')?.subject).toContain(silent.number);

    // Meanwhile the other form's customer manager writes to the customer.
    await answered.fire('note', 'chenchen', { text: '配件已到，明天上午安排维修。', customerVisible: true }, local(WED, '11:00'));

    await run(local(WED, '16:00'));
    await run(local(WED, '16:30'));
    const messages = await rows(silent.id, 'daily_progress');
    expect(messages.map((m) => `${m.audience}:${m.channel}`)).toEqual(['customer:email', 'customer:sms']);
    const text = messages[0].payload.message ?? '';
    expect(text).toContain(silent.number);
    expect(text).toContain('处理中'); // the step in words
    expect(text).toContain('服务部'); // who has it
    expect(text).toContain('2026'); // the expected date
    expect(text).not.toContain('技师'); // never internal text
    const history = await silent.history();
    const auto = history.filter((h) => h.type === 'progress_auto');
    expect(auto).toHaveLength(1);
    expect(auto[0]).toMatchObject({ customerVisible: true, actorRole: 'system', fromState: 'investigating', toState: 'investigating' });
    expect((await silent.row()).lastCustomerUpdateAt).toEqual(local(WED, '16:00'));
    // The customer manager's note counted: no automatic message on that form.
    expect(await rows(answered.id, 'daily_progress')).toEqual([]);
    // The tracking page shows when the customer was last updated, and the message in its history.
    const publicView = await loadPublicProgress((await silent.row()).trackingToken, fx.db);
    expect(publicView?.lastUpdatedAt).toEqual(local(WED, '16:00'));
  });

  it('fires again only after another silent business day; never on a weekend', async () => {
    await run(local(THU, '09:00'));
    await run(local(THU, '16:00')); // the customer heard from us on Wednesday
    expect(await rows(silent.id, 'progress_reminder')).toHaveLength(1);
    expect(await rows(silent.id, 'daily_progress')).toHaveLength(2);
    await run(local(FRI, '09:00'));
    await run(local(FRI, '16:00'));
    expect(await rows(silent.id, 'progress_reminder')).toHaveLength(2);
    expect(await rows(silent.id, 'daily_progress')).toHaveLength(4);
    await run(local(SAT, '16:00'));
    await run(local(MON, '16:00')); // heard on Friday
    expect(await rows(silent.id, 'progress_reminder')).toHaveLength(2);
    expect(await rows(silent.id, 'daily_progress')).toHaveLength(4);
    expect((await silent.history()).filter((h) => h.type === 'progress_auto')).toHaveLength(2);
  });

  it('never touches a closed form or a pending item', async () => {
    for (const form of [closed, pending]) {
      expect(await rows(form.id, 'progress_reminder')).toEqual([]);
      expect(await rows(form.id, 'daily_progress')).toEqual([]);
      expect((await form.history()).some((h) => h.type === 'progress_auto')).toBe(false);
    }
  });
});

forEachBackend('time promises', (backend) => {
  let fx: Fixture;
  let form: FormDriver;
  const alerts = async (template: string) =>
    (await fx.database.execute(`select recipient_user_id from notifications where complaint_id = '${form.id}' and template = '${template}'`)).map((r) => r.recipient_user_id);

  beforeAll(async () => {
    fx = await openFixture(backend);
    form = await fx.create(T0);
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true, customerManagerId: fx.actors.chenchen.id }, T0);
  });

  it('records a promise through the command layer, alerts its owner at 75 % and when it is due, once each', async () => {
    // Due Wednesday 09:00: 48 h after T0, so 75 % is reached at T0 + 36 h.
    const { complaint } = await recordPromise(
      { complaintId: form.id, expectedVersion: form.version, what: '周三上午九点前电话告知检测结果', dueOn: WED, dueTime: '09:00', customerVisible: true },
      fx.actors.chenchen,
      T0,
      fx.db,
    );
    form.version = complaint.version;
    const made = (await form.history()).at(-1)!;
    expect(made).toMatchObject({ type: 'promise_made', customerVisible: true, actorId: fx.actors.chenchen.id });

    await raisePromiseAlerts(fx.db, at(T0, 35));
    expect(await alerts('promise_warning')).toEqual([]);
    await raisePromiseAlerts(fx.db, at(T0, 37));
    await raisePromiseAlerts(fx.db, at(T0, 40));
    expect(await alerts('promise_warning')).toEqual([fx.actors.chenchen.id]);
    expect(await alerts('promise_due')).toEqual([]);
    await raisePromiseAlerts(fx.db, at(T0, 49));
    await raisePromiseAlerts(fx.db, at(T0, 60));
    expect(await alerts('promise_due')).toEqual([fx.actors.chenchen.id]);
    expect(await alerts('promise_warning')).toEqual([fx.actors.chenchen.id]);
    const inbox = await listInbox(fx.actors.chenchen.id, 'en', { form: form.number }, fx.db);
    expect(inbox.find((n) => n.template === 'promise_due')?.text).toContain('周三上午九点前电话告知检测结果');

    // Broken, with the reason: in the history (internal) and on the promise.
    const [promise] = await listPromises({ ...fx.actors.chenchen, groupWide: false }, form.id, fx.db);
    const resolved = await resolvePromise({ complaintId: form.id, promiseId: promise.id, expectedVersion: form.version, outcome: 'broken', reason: '检测设备故障，推迟一天。' }, fx.actors.chenchen, at(T0, 50), fx.db);
    form.version = resolved.complaint.version;
    expect((await form.history()).at(-1)).toMatchObject({ type: 'promise_broken', customerVisible: false, payload: expect.objectContaining({ reason: '检测设备故障，推迟一天。' }) });
    const [after] = await listPromises({ ...fx.actors.chenchen, groupWide: false }, form.id, fx.db);
    expect(after).toMatchObject({ outcome: 'broken', outcomeReason: '检测设备故障，推迟一天。', outcomeBy: fx.actors.chenchen.name });
    await expect(
      resolvePromise({ complaintId: form.id, promiseId: promise.id, expectedVersion: form.version, outcome: 'kept', reason: '—' }, fx.actors.chenchen, at(T0, 51), fx.db),
    ).rejects.toMatchObject({ code: 'already_resolved' });
  });

  it('a promise kept in time alerts nobody; an internal promise stays off the tracking page', async () => {
    const { complaint, promiseId } = await recordPromise(
      { complaintId: form.id, expectedVersion: form.version, what: '内部：周五前联系厂家', dueOn: FRI, customerVisible: false },
      fx.actors.service,
      at(T0, 52),
      fx.db,
    );
    form.version = complaint.version;
    const kept = await resolvePromise({ complaintId: form.id, promiseId, expectedVersion: form.version, outcome: 'kept', reason: '已联系厂家。' }, fx.actors.service, at(T0, 53), fx.db);
    form.version = kept.complaint.version;
    await raisePromiseAlerts(fx.db, at(T0, 24 * 10));
    expect(await alerts('promise_warning')).toHaveLength(1); // the first promise's only
    const publicView = await loadPublicProgress((await form.row()).trackingToken, fx.db);
    expect(publicView?.promises.map((p) => [p.what, p.outcome])).toEqual([['周三上午九点前电话告知检测结果', 'broken']]);
  });

  it('refuses a due time in the past, a stale version, a closed form and a role that does not talk to customers', async () => {
    const input = { complaintId: form.id, expectedVersion: form.version, what: '明天回电', dueOn: '2026-11-01', customerVisible: true };
    await expect(recordPromise(input, fx.actors.chenchen, at(T0, 60), fx.db)).rejects.toMatchObject({ code: 'due_in_past' });
    await expect(recordPromise({ ...input, dueOn: '2026-12-01', expectedVersion: form.version - 1 }, fx.actors.chenchen, at(T0, 60), fx.db)).rejects.toBeInstanceOf(CommandError);
    await expect(recordPromise({ ...input, dueOn: '2026-12-01' }, fx.actors.finance, at(T0, 60), fx.db)).rejects.toBeInstanceOf(PromiseError);
    await form.fire('withdraw', 'desk', { reason: '客户撤诉。' }, at(T0, 61));
    await expect(recordPromise({ ...input, dueOn: '2026-12-01', expectedVersion: form.version }, fx.actors.chenchen, at(T0, 62), fx.db)).rejects.toMatchObject({ code: 'closed' });
  });
});

forEachBackend('demo promises', (backend) => {
  it('the demo has an automatic progress message, promises kept and open, and one past its time', async () => {
    const staff = {};
    const { db, database } = await openDemo(backend, new Date(), staff);
    expect(await seedDemoPromises(db)).toBe(3);
    const rows = await database.execute(`select customer_visible, outcome, due_at < now() as late from promises order by made_at`);
    expect(rows.map((r) => `${r.customer_visible}:${r.outcome}:${r.late}`).sort()).toEqual(['false:null:true', 'true:kept:true', 'true:null:false']);
    const [auto] = await database.execute(`select c.tracking_token from complaint_events e join complaints c on c.id = e.complaint_id where e.type = 'progress_auto'`);
    const view = await loadPublicProgress(String(auto.tracking_token), db);
    expect(view?.promises.map((p) => p.outcome)).toEqual(['kept', null]);
    // The overdue internal promise alerted its owner with the demo data, once.
    expect(await database.execute(`select 1 from notifications where template = 'promise_due'`)).toHaveLength(1);
    expect(await raisePromiseAlerts(db)).toEqual({ warnings: 0, due: 0 });
  });
});

describe('daily progress sentence', () => {
  it('is written in the customer’s language', async () => {
    const { progressSentence } = await import('@/lib/promises/daily-progress');
    const form = { number: 'KS-2026-000001', status: 'management_review', customerLocale: 'en', resolutionDueAt: new Date('2026-11-06T09:30:00Z') };
    const text = progressSentence(form, null, 'Asia/Shanghai');
    expect(text).toContain('KS-2026-000001');
    expect(text).toContain('management');
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
