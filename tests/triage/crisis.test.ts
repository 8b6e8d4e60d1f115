import { beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { complaintEvents, notifications, users, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { loadStaffUser } from '@/db/queries/staff';
import { listQueue, queueSpec } from '@/lib/complaints/queues';
import { CommandError } from '@/lib/complaints/errors';
import { setCrisis } from '@/lib/triage/crisis';
import { loadDashboard } from '@/lib/reports/dashboard';
import { periodOf } from '@/lib/reports/period';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';

const crisisWords = '天窗漏水修了三次都没修好，我已经打了12315投诉，还联系了电视台的记者来曝光。';

forEachBackend('the crisis flag', (backend) => {
  let fx: Fixture;

  beforeAll(async () => {
    fx = await openFixture(backend);
    await fx.db.update(users).set({ email: 'gm@example.test' }).where(eq(users.id, fx.actors.gm.id));
    await fx.db.insert(webhookEndpoints).values({ url: 'https://hooks.example.test/kesu', events: ['form.crisis_flagged'], secret: 's'.repeat(32) });
  });

  const alertsOf = (complaintId: string) =>
    fx.db
      .select({ recipient: notifications.recipientUserId, channel: notifications.channel })
      .from(notifications)
      .where(and(eq(notifications.complaintId, complaintId), eq(notifications.template, 'crisis_flagged')));

  it('flags a web complaint that mentions 12315 and a reporter: urgent, the GM alerted once in the inbox and by e-mail', async () => {
    const form = await fx.create(T0, { channel: 'web', description: crisisWords }, null);
    const row = await form.row();
    expect(row).toMatchObject({ crisis: true, severity: 'urgent' });
    const history = await form.history();
    const flag = history.find((e) => e.type === 'crisis_flagged')!;
    expect(flag).toMatchObject({ actorRole: 'system', customerVisible: false });
    expect(flag.payload).toMatchObject({ screened: true, signals: expect.arrayContaining(['crisis_media', 'crisis_regulator']) });
    // The history keeps what the model suggested beside what was chosen.
    const created = history.find((e) => e.type === 'create')!;
    expect(created.payload).toMatchObject({ triage: { suggested: { crisis: { flag: true } }, chosen: { crisis: true, severity: 'urgent' } } });

    const alerts = await alertsOf(form.id);
    const gm = alerts.filter((a) => a.recipient === fx.actors.gm.id).map((a) => a.channel).sort();
    expect(gm).toEqual(['email', 'inbox']);
    expect(alerts.some((a) => a.recipient === fx.actors.management.id && a.channel === 'inbox')).toBe(true);
    // Without a named centre head, the site's desk is told.
    expect(alerts.some((a) => a.recipient === fx.actors.desk.id)).toBe(true);

    // The webhook event, queued by the history row's trigger.
    const hooks = await fx.db.select({ type: webhookDeliveries.eventType }).from(webhookDeliveries).where(eq(webhookDeliveries.eventType, 'form.crisis_flagged'));
    expect(hooks.length).toBe(1);

    // The badge reads the stored flag in the queues.
    const desk = (await loadStaffUser(fx.actors.desk.id, fx.db))!;
    const page = await listQueue(desk, queueSpec(desk, 'triage')!, { size: 100 }, at(T0, 0.5), fx.db);
    expect(page.rows.find((r) => r.id === form.id)?.crisis).toBe(true);

    // Cleared and flagged again by the desk: recorded each time, the GM is not told twice.
    await setCrisis(fx.actors.desk, { complaintId: form.id, crisis: false, reason: '客户已撤回投诉，未联系媒体', expectedVersion: row.version }, fx.db, at(T0, 1));
    const cleared = await form.row();
    expect(cleared.crisis).toBe(false);
    await setCrisis(fx.actors.desk, { complaintId: form.id, crisis: true, reason: '客户再次发帖', expectedVersion: cleared.version }, fx.db, at(T0, 2));
    expect((await form.row()).crisis).toBe(true);
    const events = (await form.history()).filter((e) => e.type.startsWith('crisis_')).map((e) => [e.type, (e.payload as { reason?: string }).reason ?? null]);
    expect(events).toEqual([
      ['crisis_flagged', null],
      ['crisis_cleared', '客户已撤回投诉，未联系媒体'],
      ['crisis_flagged', '客户再次发帖'],
    ]);
    expect((await alertsOf(form.id)).filter((a) => a.recipient === fx.actors.gm.id)).toHaveLength(2); // inbox + e-mail, once
  });

  it("takes the desk's choice at intake and screens nothing but social media; the reason is required", async () => {
    const phone = await fx.create(at(T0, 3), { channel: 'phone', description: crisisWords });
    expect((await phone.row()).crisis).toBe(false);
    const social = await fx.create(at(T0, 3), { channel: 'social', description: crisisWords, customerPhone: '13900009876' });
    expect((await social.row()).crisis).toBe(true);

    const calm = await fx.create(at(T0, 4), { description: '保养后发现车内有油污，座椅被弄脏了，希望清洗干净。', customerPhone: '13900005555' });
    const row = await calm.row();
    expect(row.severity).toBe('general');
    const err = await setCrisis(fx.actors.desk, { complaintId: calm.id, crisis: true, reason: ' ', expectedVersion: row.version }, fx.db, at(T0, 5)).catch((e) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).code).toBe('invalid_input');
    await setCrisis(fx.actors.desk, { complaintId: calm.id, crisis: true, reason: '客户在抖音发视频曝光，已有上千转发', expectedVersion: row.version }, fx.db, at(T0, 5));
    const flagged = await calm.row();
    expect(flagged).toMatchObject({ crisis: true, severity: 'urgent' });
    expect(flagged.responseDueAt.getTime()).toBeLessThan(row.responseDueAt.getTime());
    const [event] = await fx.db.select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, calm.id), eq(complaintEvents.type, 'crisis_flagged')));
    expect(event).toMatchObject({ actorId: fx.actors.desk.id, payload: { reason: '客户在抖音发视频曝光，已有上千转发' } });
    // Flagging a flagged form again is refused.
    const again = await setCrisis(fx.actors.desk, { complaintId: calm.id, crisis: true, reason: '重复', expectedVersion: flagged.version }, fx.db, at(T0, 6)).catch((e) => e);
    expect((again as CommandError).code).toBe('wrong_state');
  });

  it('counts the crisis forms on the dashboard', async () => {
    const gm = (await loadStaffUser(fx.actors.gm.id, fx.db))!;
    const period = periodOf('custom', '2026-12-01', { from: '2026-11-01', to: '2026-11-30' });
    const dash = await loadDashboard(gm, period, {}, { now: at(T0, 24), timeZone: 'Asia/Shanghai' }, fx.db);
    expect(dash.headline).toMatchObject({ received: 4, crisis: 3 });
  });
});
