import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { notifications } from '@/db/schema';
import type { Database } from '@/db/client';
import { forEachBackend } from '@/tests/helpers/databases';
import { deliverDueNotifications } from '@/lib/notify/deliver';
import type { OutboundMessage, Transport } from '@/lib/notify/transports';
import { FREQUENT_PROBLEMS_JOB, getJobRunner, kickOutbox, OUTBOX_JOB, TRIAGE_TRAIN_JOB, scheduleRecurring, startJobRunner, stopJobRunner } from './runner';

async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

forEachBackend('job runner', (backend) => {
  let database: Database;
  const calls: OutboundMessage[] = [];
  const email: Transport = {
    async send(msg) {
      calls.push(msg);
    },
  };

  beforeAll(async () => {
    database = await backend.open();
  });
  beforeEach(async () => {
    calls.length = 0;
    await database.db.delete(notifications);
  });
  afterEach(async () => {
    await stopJobRunner();
  });

  it('kickOutbox is a harmless no-op while no runner runs', async () => {
    expect(await kickOutbox()).toBe(false);
  });

  it('starts, runs the outbox job once when kicked, and stops cleanly', async () => {
    let runs = 0;
    await startJobRunner(database, {
      schedules: false, // only the kick may run it in this test
      handlers: {
        [OUTBOX_JOB]: {
          queue: { policy: 'stately', retryLimit: 0 },
          pollingIntervalSeconds: 1,
          async handler({ database: db }) {
            runs++;
            return deliverDueNotifications(db, { transports: { email } });
          },
        },
      },
    });
    const [row] = await database.db
      .insert(notifications)
      .values({ audience: 'customer', channel: 'email', address: 'k@example.com', template: 'progress', payload: { number: 'KS-2026-000042', message: 'ok' } })
      .returning();

    expect(await kickOutbox()).toBe(true);
    const sent = await waitFor(async () => {
      const [cur] = await database.db.select().from(notifications).where(eq(notifications.id, row.id));
      return cur.status === 'sent' && cur;
    });
    expect(sent.sentAt).toBeInstanceOf(Date);
    await new Promise((r) => setTimeout(r, 2500)); // more than a polling interval: no second run
    expect(runs).toBe(1);
    expect(calls.map((c) => c.to)).toEqual(['k@example.com']);

    await stopJobRunner();
    expect(await getJobRunner()).toBeUndefined();
    // The database is still usable after the runner let go of it (PGlite: no aborted transaction left behind).
    expect(await database.execute('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('registers the outbox cron in the business time zone, keeps it across a restart, and delivers with the default job', async () => {
    const runner = await startJobRunner(database, { transports: { email } });
    expect(runner.timeZone).toBe(process.env.KESU_TIME_ZONE || 'Asia/Shanghai');
    let schedules = await runner.boss.getSchedules();
    expect(schedules.find((s) => s.name === OUTBOX_JOB)).toMatchObject({ cron: '* * * * *', timezone: runner.timeZone });

    await scheduleRecurring('kesu-ledger-reminder', '0 9 4 * *');
    await stopJobRunner();

    // Restart: pg-boss finds its schema and schedules in the database.
    const again = await startJobRunner(database, { transports: { email } });
    expect(again).not.toBe(runner);
    schedules = await again.boss.getSchedules();
    expect(schedules.map((s) => s.name).sort()).toEqual(['kesu-ledger-reminder', OUTBOX_JOB, FREQUENT_PROBLEMS_JOB, TRIAGE_TRAIN_JOB]);

    await database.db
      .insert(notifications)
      .values({ audience: 'customer', channel: 'email', address: 'r@example.com', template: 'survey', locale: 'en', payload: { number: 'KS-2026-000043' } });
    await kickOutbox();
    await waitFor(async () => (await database.db.select().from(notifications))[0].status === 'sent');
    expect(calls).toHaveLength(1);
    expect(calls[0].subject).toBe('How did we handle form KS-2026-000043?');
  });
});
