import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { deadlineAlerts, webhookDeliveries } from '@/db/schema';
import type { Database } from '@/db/client';
import { applyEvent, createComplaint } from '@/lib/complaints/commands';
import { createWebhookEndpoint, listWebhookDeliveries, resendWebhookDelivery, setWebhookEndpointActive, WebhookUrlError } from '@/lib/channels/webhooks/admin';
import { deliverDueWebhooks } from '@/lib/channels/webhooks/deliver';
import { verifyWebhook } from '@/lib/channels/webhooks/sign';
import { forEachBackend } from '@/tests/helpers/databases';
import { channelJobs, WEBHOOK_JOB } from '@/lib/channels/jobs';
import { startJobRunner, stopJobRunner } from '@/lib/jobs';
import { adminFixture, complaintInput, T0, type AdminFixture } from '../admin/fixtures';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local receiver answering with the status `answer()` gives for each request. */
async function receiver(answer: () => number) {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(answer()).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { got, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

forEachBackend('outbound webhooks', (backend) => {
  let fx: AdminFixture;
  let admin: { id: string; role: 'admin'; siteId: string };
  beforeAll(async () => {
    fx = await adminFixture(await backend.open());
    admin = { id: fx.adminId, role: 'admin', siteId: fx.siteId };
  });
  beforeEach(async () => {
    await fx.db.delete(webhookDeliveries);
  });
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of closers) await c();
  });

  it('refuses a loopback URL unless the admin allows private addresses', async () => {
    await expect(createWebhookEndpoint(admin, { url: 'http://127.0.0.1:9/x', events: ['form.created'] }, fx.db)).rejects.toBeInstanceOf(WebhookUrlError);
    await expect(createWebhookEndpoint(admin, { url: 'http://[::1]/x', events: ['form.created'] }, fx.db)).rejects.toThrow('private_address');
    await expect(createWebhookEndpoint(admin, { url: 'ftp://example.com/x', events: ['form.created'] }, fx.db)).rejects.toThrow('invalid_url');
    await expect(createWebhookEndpoint({ ...admin, role: 'desk' } as never, { url: 'http://127.0.0.1/x', events: ['form.created'], allowPrivate: true }, fx.db)).rejects.toThrow('forbidden');
  });

  it('delivers each subscribed event once, signed per Standard Webhooks; a failing receiver is retried with back-off and logged', async () => {
    let failFirst = 1;
    const rx = await receiver(() => (failFirst-- > 0 ? 503 : 204));
    closers.push(rx.close);
    const { id: endpointId, secret } = await createWebhookEndpoint(
      admin,
      { url: rx.url, events: ['form.created', 'form.state_changed', 'form.overdue'], allowPrivate: true },
      fx.db,
    );
    const { complaint } = await createComplaint(complaintInput, fx.desk, { now: T0 }, fx.db);
    await applyEvent({ complaintId: complaint.id, event: 'note', input: { text: 'no state change' }, actor: fx.desk, expectedVersion: complaint.version }, { now: T0 }, fx.db);
    await fx.db.insert(deadlineAlerts).values({ complaintId: complaint.id, stateEnteredAt: complaint.stateEnteredAt, kind: 'overdue' });
    await fx.db.insert(deadlineAlerts).values({ complaintId: complaint.id, stateEnteredAt: complaint.stateEnteredAt, kind: 'warning' });

    const queued = await fx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
    // create → form.created; the note changes no state; the overdue alert → form.overdue; a warning is no event.
    expect(queued.map((q) => q.eventType).sort()).toEqual(['form.created', 'form.overdue']);

    const first = await deliverDueWebhooks(fx.database);
    expect(first).toMatchObject({ claimed: 2, sent: 1, retried: 1 });
    let log = await listWebhookDeliveries(admin, { endpointId }, fx.db);
    const retried = log.find((l) => l.status === 'queued')!;
    expect(retried).toMatchObject({ attempts: 1, lastStatus: 503 });
    expect(retried.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000); // 30 s back-off

    // Not due yet: nothing is sent; once due, it goes out with the same webhook-id.
    expect(await deliverDueWebhooks(fx.database)).toMatchObject({ claimed: 0 });
    expect(await deliverDueWebhooks(fx.database, { now: new Date(Date.now() + 31_000) })).toMatchObject({ claimed: 1, sent: 1 });
    log = await listWebhookDeliveries(admin, { endpointId }, fx.db);
    expect(log.map((l) => [l.status, l.attempts]).sort()).toEqual([['sent', 1], ['sent', 2]]);

    expect(rx.got).toHaveLength(3);
    for (const r of rx.got) {
      const headers = { id: String(r.headers['webhook-id']), timestamp: String(r.headers['webhook-timestamp']), signature: String(r.headers['webhook-signature']) };
      expect(verifyWebhook(secret, headers, r.body)).toBe(true);
      expect(verifyWebhook(secret, headers, r.body + ' ')).toBe(false);
      expect(r.headers['content-type']).toBe('application/json');
    }
    const ids = rx.got.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(2); // the retry kept its id
    const created = JSON.parse(rx.got.find((r) => r.body.includes('form.created'))!.body);
    expect(created).toMatchObject({ type: 'form.created', data: { number: complaint.number, toState: 'received', channel: 'walk_in' } });
    expect(JSON.stringify(created)).not.toContain(complaintInput.customerName); // no personal data

    // Send again from the log: the same delivery once more.
    await resendWebhookDelivery(admin, log[0].id, fx.db);
    expect(await deliverDueWebhooks(fx.database)).toMatchObject({ sent: 1 });
    expect(rx.got).toHaveLength(4);
    expect(rx.got[3].headers['webhook-id']).toBe(`msg_${log[0].id}`);
    await setWebhookEndpointActive(admin, endpointId, false, fx.db);
  });

  it('gives up after the last attempt and shows the error', async () => {
    const rx = await receiver(() => 500);
    closers.push(rx.close);
    const { id: endpointId } = await createWebhookEndpoint(admin, { url: rx.url, events: ['form.created'], allowPrivate: true }, fx.db);
    await createComplaint(complaintInput, fx.desk, { now: T0 }, fx.db);
    expect(await deliverDueWebhooks(fx.database, { maxAttempts: 2 })).toMatchObject({ retried: 1 });
    expect(await deliverDueWebhooks(fx.database, { maxAttempts: 2, now: new Date(Date.now() + 60_000) })).toMatchObject({ failed: 1 });
    const [row] = await listWebhookDeliveries(admin, { endpointId }, fx.db);
    expect(row).toMatchObject({ status: 'failed', attempts: 2, lastStatus: 500 });
    expect(row.lastError).toContain('HTTP 500');
    await setWebhookEndpointActive(admin, endpointId, false, fx.db);
  });

  it('a WeCom group robot gets a Chinese text message built from the same event', async () => {
    const rx = await receiver(() => 200);
    closers.push(rx.close);
    const { id: endpointId } = await createWebhookEndpoint(admin, { url: rx.url, kind: 'wecom', events: ['form.created'], allowPrivate: true }, fx.db);
    const { complaint } = await createComplaint(complaintInput, fx.desk, { now: T0 }, fx.db);
    expect(await deliverDueWebhooks(fx.database)).toMatchObject({ sent: 1 });
    expect(JSON.parse(rx.got[0].body)).toEqual({ msgtype: 'text', text: { content: `新投诉单 ${complaint.number} 已受理` } });
    expect(rx.got[0].headers['webhook-signature']).toBeUndefined();
    await setWebhookEndpointActive(admin, endpointId, false, fx.db);
  });

  it('the job runner delivers them (kesu-webhooks)', async () => {
    const rx = await receiver(() => 200);
    closers.push(rx.close);
    const { id: endpointId } = await createWebhookEndpoint(admin, { url: rx.url, events: ['form.created'], allowPrivate: true }, fx.db);
    await createComplaint(complaintInput, fx.desk, { now: T0 }, fx.db);
    const runner = await startJobRunner(fx.database, { schedules: false, handlers: channelJobs() });
    try {
      await runner.trigger(WEBHOOK_JOB);
      for (let i = 0; i < 200 && rx.got.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(rx.got).toHaveLength(1);
      expect(JSON.parse(rx.got[0].body).type).toBe('form.created');
    } finally {
      await stopJobRunner();
    }
    await setWebhookEndpointActive(admin, endpointId, false, fx.db);
  });

  it('two app instances on one database deliver each event once', async () => {
    if (!backend.shared) return; // PGlite: one process only
    const rx = await receiver(() => 200);
    closers.push(rx.close);
    const { id: endpointId } = await createWebhookEndpoint(admin, { url: rx.url, events: ['form.created'], allowPrivate: true }, fx.db);
    for (let i = 0; i < 6; i++) await createComplaint({ ...complaintInput, description: `${complaintInput.description} ${i}` }, fx.desk, { now: T0 }, fx.db);
    const other = await backend.open();
    const reports = await Promise.all([deliverDueWebhooks(fx.database, { batch: 2 }), deliverDueWebhooks(other, { batch: 2 }), deliverDueWebhooks(fx.database, { batch: 2 }), deliverDueWebhooks(other, { batch: 2 })]);
    const rest = await deliverDueWebhooks(other);
    expect(reports.reduce((n, r) => n + r.sent, 0) + rest.sent).toBe(6);
    expect(rx.got).toHaveLength(6);
    expect(new Set(rx.got.map((r) => r.headers['webhook-id'])).size).toBe(6);
    await setWebhookEndpointActive(admin, endpointId, false, fx.db);
  });
});
