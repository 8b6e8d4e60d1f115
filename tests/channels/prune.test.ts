/** The channels' logs: delivered webhooks and handled e-mails leave after KESU_CHANNEL_LOG_DAYS (nightly retention job). */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { inboundMail, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import type { Db } from '@/db/client';
import { channelLogDays, pruneChannelLogs } from '@/lib/channels/prune';
import { forEachBackend } from '@/tests/helpers/databases';

const DAY = 86_400_000;
const now = new Date('2026-12-07T03:23:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY);

afterEach(() => {
  delete process.env.KESU_CHANNEL_LOG_DAYS;
});

it('keeps 90 days unless KESU_CHANNEL_LOG_DAYS says otherwise', () => {
  expect(channelLogDays()).toBe(90);
  process.env.KESU_CHANNEL_LOG_DAYS = '30';
  expect(channelLogDays()).toBe(30);
  process.env.KESU_CHANNEL_LOG_DAYS = 'zero';
  expect(channelLogDays()).toBe(90);
});

forEachBackend('channel log pruning', (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = (await backend.open()).db;
  });

  it('deletes delivered webhooks and handled e-mails past the period, keeps the rest, and finds nothing the second time', async () => {
    const [endpoint] = await db.insert(webhookEndpoints).values({ url: 'https://hooks.example.com/k', events: ['form.created'], secret: 'whsec_x' }).returning();
    const delivery = (key: string, status: string, createdDaysAgo: number, sentDaysAgo: number | null) => ({
      endpointId: endpoint.id,
      eventKey: key,
      eventType: 'form.created',
      body: '{}',
      status,
      createdAt: ago(createdDaysAgo),
      sentAt: sentDaysAgo === null ? null : ago(sentDaysAgo),
    });
    await db.insert(webhookDeliveries).values([
      delivery('old-sent', 'sent', 120, 119),
      delivery('sent-at-the-edge', 'sent', 95, 89),
      delivery('recent-sent', 'sent', 2, 2),
      delivery('old-failed', 'failed', 120, null),
      delivery('old-queued', 'queued', 120, null),
    ]);
    await db.insert(inboundMail).values([
      { messageId: '<old-form@example.com>', outcome: 'form', at: ago(200) },
      { messageId: '<old-ignored@example.com>', outcome: 'ignored', reason: 'auto_reply', at: ago(91) },
      { messageId: '<recent@example.com>', outcome: 'refused', reason: 'no_phone', at: ago(10) },
    ]);

    expect(await pruneChannelLogs(db, now)).toEqual({ days: 90, deliveries: 1, mails: 2 });
    expect((await db.select({ k: webhookDeliveries.eventKey }).from(webhookDeliveries)).map((r) => r.k).sort()).toEqual(['old-failed', 'old-queued', 'recent-sent', 'sent-at-the-edge']);
    expect((await db.select({ id: inboundMail.messageId }).from(inboundMail)).map((r) => r.id)).toEqual(['<recent@example.com>']);
    expect(await pruneChannelLogs(db, now)).toEqual({ days: 90, deliveries: 0, mails: 0 });

    // A shorter period set by the administrator's environment.
    process.env.KESU_CHANNEL_LOG_DAYS = '7';
    expect(await pruneChannelLogs(db, now)).toEqual({ days: 7, deliveries: 1, mails: 1 });
  });
});
