import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { notifications } from '@/db/schema';
import type { Database } from '@/db/client';
import { forEachBackend } from '@/tests/helpers/databases';
import { backoffSeconds, deliverDueNotifications } from './deliver';
import type { OutboundMessage, Transport } from './transports';

function recordingTransport(opts: { delayMs?: number; fail?: (msg: OutboundMessage) => string | null } = {}) {
  const calls: OutboundMessage[] = [];
  const transport: Transport = {
    async send(msg) {
      calls.push(msg);
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      const error = opts.fail?.(msg);
      if (error) throw new Error(error);
    },
  };
  return { transport, calls };
}

async function queue(database: Database, rows: Partial<typeof notifications.$inferInsert>[]) {
  return database.db
    .insert(notifications)
    .values(
      rows.map((r, i) => ({
        audience: 'customer',
        channel: 'email',
        address: `c${i}@example.com`,
        template: 'received',
        locale: 'zh-CN',
        payload: { number: `KS-2026-${String(i + 1).padStart(6, '0')}`, accessCode: 'AB12CD', trackUrl: 'https://kesu.test/track' },
        ...r,
      })),
    )
    .returning();
}

describe('backoffSeconds', () => {
  it('doubles from 30 s and caps at one hour', () => {
    expect([1, 2, 3, 4, 5, 8, 20].map(backoffSeconds)).toEqual([30, 60, 120, 240, 480, 3600, 3600]);
  });
});

forEachBackend('deliverDueNotifications', (backend) => {
  let a: Database; // "app instance" A
  let b: Database; // "app instance" B: another pool on the same PostgreSQL, or A itself on PGlite

  beforeAll(async () => {
    a = await backend.open();
    b = backend.shared ? await backend.open() : a;
  });

  beforeEach(async () => {
    await a.db.delete(notifications);
  });

  it('two concurrent deliverers send every message exactly once', async () => {
    const n = 60;
    await queue(
      a,
      Array.from({ length: n }, (_, i) => ({
        channel: i % 3 === 0 ? 'sms' : 'email',
        address: i % 3 === 0 ? `+86 138 0000 ${String(i).padStart(4, '0')}` : `c${i}@example.com`,
      })),
    );
    const email = recordingTransport({ delayMs: 3 });
    const sms = recordingTransport({ delayMs: 3 });
    const transports = { email: email.transport, sms: sms.transport };

    // Each side keeps claiming small batches until nothing is left; both start on the same rows.
    const drain = async (database: Database) => {
      let claimed = 0;
      for (;;) {
        const r = await deliverDueNotifications(database, { transports, batch: 7 });
        claimed += r.claimed;
        if (r.claimed === 0) return claimed;
      }
    };
    const [ca, cb] = await Promise.all([drain(a), drain(b), drain(a), drain(b)]).then((c) => [c[0] + c[2], c[1] + c[3]]);

    const sent = [...email.calls, ...sms.calls].map((m) => m.to);
    expect(sent).toHaveLength(n);
    expect(new Set(sent).size).toBe(n);
    expect(ca + cb).toBe(n);
    if (backend.shared) expect(cb).toBeGreaterThan(0); // the second instance really took part

    const rows = await a.db.select().from(notifications);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.sentAt && !r.lockedUntil)).toBe(true);
    // The message is rendered from the template.
    expect(email.calls[0].subject).toMatch(/KS-2026-\d{6}/);
    expect(email.calls[0].text).toContain('AB12CD');
  });

  it('retries a failing transport with back-off, then marks the row failed', async () => {
    const [row] = await queue(a, [{ channel: 'email', address: 'down@example.com' }]);
    const email = recordingTransport({ fail: () => 'SMTP 421 try later' });
    const transports = { email: email.transport };
    const t0 = new Date('2026-03-02T08:00:00Z');
    await a.db.update(notifications).set({ nextAttemptAt: t0 }).where(eq(notifications.id, row.id));
    const maxAttempts = 3;
    const get = async () => (await a.db.select().from(notifications).where(eq(notifications.id, row.id)))[0];

    let r = await deliverDueNotifications(a, { transports, now: t0, maxAttempts });
    expect(r).toEqual({ claimed: 1, sent: 0, retried: 1, failed: 0, unsent: 0 });
    let cur = await get();
    expect(cur.status).toBe('queued');
    expect(cur.attempts).toBe(1);
    expect(cur.lastError).toBe('SMTP 421 try later');
    expect(cur.nextAttemptAt.getTime()).toBe(t0.getTime() + 30_000);

    // Not due yet: nothing happens.
    r = await deliverDueNotifications(a, { transports, now: new Date(t0.getTime() + 29_000), maxAttempts });
    expect(r.claimed).toBe(0);

    const t1 = new Date(t0.getTime() + 30_000);
    r = await deliverDueNotifications(a, { transports, now: t1, maxAttempts });
    expect(r.retried).toBe(1);
    cur = await get();
    expect(cur.attempts).toBe(2);
    expect(cur.nextAttemptAt.getTime()).toBe(t1.getTime() + 60_000);

    const t2 = new Date(t1.getTime() + 60_000);
    r = await deliverDueNotifications(a, { transports, now: t2, maxAttempts });
    expect(r).toEqual({ claimed: 1, sent: 0, retried: 0, failed: 1, unsent: 0 });
    cur = await get();
    expect(cur.status).toBe('failed');
    expect(cur.attempts).toBe(3);
    expect(cur.lastError).toBe('SMTP 421 try later');
    expect(cur.sentAt).toBeNull();

    // Failed rows are never picked up again.
    r = await deliverDueNotifications(a, { transports, now: new Date(t2.getTime() + 86_400_000), maxAttempts });
    expect(r.claimed).toBe(0);
    expect(email.calls).toHaveLength(3);
  });

  it('recovers after a failure: sent on the next attempt, sentAt = now', async () => {
    const [row] = await queue(a, [{ channel: 'sms', address: '+8613800000000', template: 'progress', payload: { number: 'KS-2026-000009', message: '配件已到货' } }]);
    let fail = true;
    const sms = recordingTransport({ fail: () => (fail ? 'HTTP 503' : null) });
    const t0 = new Date(Date.now() + 1000);
    await deliverDueNotifications(a, { transports: { sms: sms.transport }, now: t0 });
    fail = false;
    const t1 = new Date(t0.getTime() + 30_000);
    const r = await deliverDueNotifications(a, { transports: { sms: sms.transport }, now: t1 });
    expect(r.sent).toBe(1);
    const [cur] = await a.db.select().from(notifications).where(eq(notifications.id, row.id));
    expect(cur.status).toBe('sent');
    expect(cur.attempts).toBe(2);
    expect(cur.sentAt?.getTime()).toBe(t1.getTime());
    expect(sms.calls[1].text).toContain('配件已到货');
  });

  it('fails at once what retrying cannot fix, and marks inbox rows sent without a transport', async () => {
    await queue(a, [
      { channel: 'email', address: null },
      { channel: 'email', address: 'x@example.com', template: 'no_such_template' },
      { channel: 'inbox', address: null, audience: 'staff', template: 'assigned' },
    ]);
    const email = recordingTransport();
    const r = await deliverDueNotifications(a, { transports: { email: email.transport } });
    expect(r).toEqual({ claimed: 3, sent: 1, retried: 0, failed: 2, unsent: 0 });
    expect(email.calls).toHaveLength(0);
    const rows = await a.db.select().from(notifications);
    const byChannel = (c: string, t?: string) => rows.find((x) => x.channel === c && (!t || x.template === t))!;
    expect(byChannel('inbox').status).toBe('sent');
    expect(byChannel('email', 'received').lastError).toMatch(/no address/);
    expect(byChannel('email', 'no_such_template').lastError).toMatch(/Unknown notification template/);
  });

  it('takes over a row whose claim expired, and gives up when that was the last attempt', async () => {
    const [r1, r2] = await queue(a, [{}, {}]);
    const past = sql`now() - interval '1 minute'`;
    // Both were being sent by an instance that died; r2 had used its last attempt.
    await a.db.update(notifications).set({ status: 'sending', attempts: 1, lockedUntil: past }).where(eq(notifications.id, r1.id));
    await a.db.update(notifications).set({ status: 'sending', attempts: 5, lockedUntil: past }).where(eq(notifications.id, r2.id));
    // A claim that has not expired is left alone.
    const [r3] = await queue(a, [{ address: 'busy@example.com' }]);
    await a.db
      .update(notifications)
      .set({ status: 'sending', attempts: 1, lockedUntil: sql`now() + interval '5 minutes'` })
      .where(eq(notifications.id, r3.id));

    const email = recordingTransport();
    const r = await deliverDueNotifications(a, { transports: { email: email.transport }, maxAttempts: 5 });
    expect(r).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 1, unsent: 0 });
    const rows = Object.fromEntries((await a.db.select().from(notifications)).map((x) => [x.id, x]));
    expect(rows[r1.id]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(rows[r2.id].status).toBe('failed');
    expect(rows[r2.id].lastError).toMatch(/interrupted/);
    expect(rows[r3.id]).toMatchObject({ status: 'sending', attempts: 1 });
  });
});
