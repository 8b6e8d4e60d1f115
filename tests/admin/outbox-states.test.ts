/**
 * The outbox tells the truth (issue 17): a message is 'sent' only when a transport accepted it;
 * with no provider for its channel it is 'unsent' (never retried by itself, never "✓ sent"),
 * listed and counted as such, shown on the form, and the admin can queue it again once a
 * provider is configured.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { adminAudit, notifications } from '@/db/schema';
import { countNotificationsByStatus, listNotifications, retryNotification } from '@/lib/admin/outbox';
import { deliverDueNotifications } from '@/lib/notify/deliver';
import { customerMessagesOf } from '@/lib/notify/form-messages';
import { transportConfiguration, transportsFromEnv, type OutboundMessage, type Transport } from '@/lib/notify/transports';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, type Fixture } from '@/tests/commands/fixtures';

function accepting(): { transport: Transport; calls: OutboundMessage[] } {
  const calls: OutboundMessage[] = [];
  return { transport: { send: async (m) => void calls.push(m) }, calls };
}

forEachBackend('outbox states', (backend) => {
  let fx: Fixture;
  let complaintId: string;
  beforeAll(async () => {
    fx = await openFixture(backend);
    complaintId = (await fx.create(T0)).id;
  });
  beforeEach(async () => {
    await fx.db.delete(notifications);
  });

  const queue = () =>
    fx.db
      .insert(notifications)
      .values([
        { complaintId, audience: 'customer', channel: 'sms', address: '+8613800138001', template: 'received', payload: { number: 'KS-2026-000001', accessCode: 'AB12CD', trackUrl: 'https://kesu.test/track/abcdefgh' } },
        { complaintId, audience: 'customer', channel: 'email', address: 'liu@example.com', template: 'received', payload: { number: 'KS-2026-000001', accessCode: 'AB12CD', trackUrl: 'https://kesu.test/track/abcdefgh' } },
        { complaintId, audience: 'staff', channel: 'inbox', recipientUserId: fx.actors.desk.id, template: 'assigned', payload: { number: 'KS-2026-000001' } },
      ])
      .returning();

  it('with no provider configured, customer messages are unsent, not sent; staff notices are delivered', async () => {
    await queue();
    expect(transportConfiguration({})).toEqual({ email: { configured: false, from: null }, sms: { configured: false } });
    const report = await deliverDueNotifications(fx.database, { transports: transportsFromEnv({}) });
    expect(report).toEqual({ claimed: 3, sent: 1, retried: 0, failed: 0, unsent: 2 });
    const rows = await fx.db.select().from(notifications);
    for (const channel of ['sms', 'email']) {
      const row = rows.find((r) => r.channel === channel)!;
      expect(row).toMatchObject({ status: 'unsent', sentAt: null, lockedUntil: null, lastError: null, attempts: 1 });
    }
    expect(rows.find((r) => r.channel === 'inbox')!.status).toBe('sent');

    // Not due again: a second run claims nothing.
    expect((await deliverDueNotifications(fx.database, { transports: transportsFromEnv({}) })).claimed).toBe(0);

    // The admin's outbox filters and counts them; the form lists them with their state.
    const unsent = await listNotifications({ status: 'unsent' }, fx.db);
    expect(unsent.rows.map((r) => r.channel).sort()).toEqual(['email', 'sms']);
    expect((await countNotificationsByStatus(fx.db)).unsent).toBe(2);
    expect((await listNotifications({ status: 'sent', channel: 'sms' }, fx.db)).rows).toHaveLength(0);
    const onForm = await customerMessagesOf(fx.db, complaintId);
    expect(onForm.map((m) => [m.channel, m.status]).sort()).toEqual([['email', 'unsent'], ['sms', 'unsent']]);
  });

  it('a configured channel sends; an unconfigured one stays unsent in the same run', async () => {
    await queue();
    const email = accepting();
    const report = await deliverDueNotifications(fx.database, { transports: { email: email.transport } });
    expect(report).toMatchObject({ sent: 2, unsent: 1, failed: 0 });
    expect(email.calls.map((c) => c.to)).toEqual(['liu@example.com']);
    const rows = await fx.db.select().from(notifications);
    expect(rows.find((r) => r.channel === 'email')).toMatchObject({ status: 'sent' });
    expect(rows.find((r) => r.channel === 'email')!.sentAt).not.toBeNull();
    expect(rows.find((r) => r.channel === 'sms')).toMatchObject({ status: 'unsent', sentAt: null });
  });

  it('the admin queues an unsent message again, recorded in the audit; it goes out once a provider is there', async () => {
    await queue();
    await deliverDueNotifications(fx.database, { transports: transportsFromEnv({}) });
    const [sms] = await fx.db.select().from(notifications).where(and(eq(notifications.channel, 'sms'), eq(notifications.status, 'unsent')));
    await retryNotification(sms.id, undefined, fx.actors.admin.id, fx.db);
    const [queued] = await fx.db.select().from(notifications).where(eq(notifications.id, sms.id));
    expect(queued).toMatchObject({ status: 'queued', attempts: 0 });
    const [audit] = await fx.db.select().from(adminAudit).where(eq(adminAudit.targetId, sms.id));
    expect(audit).toMatchObject({ action: 'notification.retry', before: { status: 'unsent' }, after: { status: 'queued' } });

    const env = { SMS_URL: 'http://127.0.0.1:9/sms', SMS_KEY: 'k', SMTP_URL: 'smtp://127.0.0.1:9' };
    expect(transportConfiguration(env)).toEqual({ email: { configured: true, from: 'Kesu <no-reply@localhost>' }, sms: { configured: true } });
    const sent = accepting();
    await deliverDueNotifications(fx.database, { transports: { sms: sent.transport } });
    const [after] = await fx.db.select().from(notifications).where(eq(notifications.id, sms.id));
    expect(after.status).toBe('sent');
    expect(sent.calls).toHaveLength(1);
    // A sent message is not retryable.
    await expect(retryNotification(sms.id, undefined, fx.actors.admin.id, fx.db)).rejects.toMatchObject({ code: 'not_retryable' });
  });
});
