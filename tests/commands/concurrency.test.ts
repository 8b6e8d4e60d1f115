/**
 * Optimistic locking and gap-free numbering under concurrency, on every backend. On PostgreSQL
 * the calls are spread over several Database instances (pools) sharing one database, the way
 * several app instances share it; PGlite has one instance (it cannot be shared).
 */
import { asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { complaintCounters, complaintEvents, complaints } from '@/db/schema';
import { applyEvent, createComplaint, formatNumber } from '@/lib/complaints/commands';
import { CommandError } from '@/lib/complaints/errors';
import { submitPublicComplaint } from '@/lib/public/submit';
import type { EventName } from '@/lib/workflow';
import { forEachBackend } from '@/tests/helpers/databases';
import { at, baseComplaint, fixtureOf, historyCount, openFixture, T0, type Fixture } from './fixtures';

/**
 * The per-address submission limit is configuration (KESU_SUBMIT_LIMIT); raised here so that the
 * race measures numbering, not the limiter. Distinct addresses and phones keep any per-address
 * or per-phone limit out of it as well. 500 on both backends (about 6–10 s each here).
 */
const savedSubmitLimit = process.env.KESU_SUBMIT_LIMIT;
beforeAll(() => {
  process.env.KESU_SUBMIT_LIMIT = '1000000';
});
afterAll(() => {
  if (savedSubmitLimit === undefined) delete process.env.KESU_SUBMIT_LIMIT;
  else process.env.KESU_SUBMIT_LIMIT = savedSubmitLimit;
});

forEachBackend('command concurrency', (backend) => {
  const publicSubmissions = 500;
  /** One fixture per app instance: [0] seeded the database, the others share it (PostgreSQL only). */
  let instances: Fixture[];
  let fx: Fixture;

  beforeAll(async () => {
    fx = await openFixture(backend);
    instances = [fx];
    if (backend.shared) {
      for (let i = 0; i < 3; i++) instances.push(await fixtureOf(await backend.open(), { seed: false }));
    }
  });

  const instance = (i: number) => instances[i % instances.length];

  async function race(complaintId: string, event: EventName, input: (i: number) => unknown, expectedVersion: number, now: Date, n = 20) {
    return Promise.allSettled(
      Array.from({ length: n }, (_, i) => {
        const f = instance(i);
        return applyEvent(
          { complaintId, event, input: input(i), actor: f.actors[i % 2 ? 'desk' : 'chenchen'], expectedVersion },
          { now: at(now, i / 3600), policy: f.policy, calendar: f.calendar },
          f.db,
        );
      }),
    );
  }

  function expectOneWinner(results: PromiseSettledResult<unknown>[]) {
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(results.length - 1);
    for (const r of rejected) {
      expect(r.reason).toBeInstanceOf(CommandError);
      expect((r.reason as CommandError).code).toBe('stale_version');
    }
  }

  it('20 parallel notes on the same version: one applied, 19 stale_version', async () => {
    const form = await fx.create(T0);
    const results = await race(form.id, 'note', (i) => ({ text: `电话 #${i}`, customerVisible: i % 2 === 0 }), 1, at(T0, 1));
    expectOneWinner(results);
    const row = await form.row();
    expect(row.version).toBe(2);
    const hist = await form.history();
    expect(hist.map((h) => [h.version, h.type])).toEqual([
      [1, 'create'],
      [2, 'note'],
    ]);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ eventId: number }>).value;
    expect(hist[1].id).toBe(winner.eventId);
  });

  it('20 parallel triages on the same version: one applied, 19 stale_version', async () => {
    const form = await fx.create(T0);
    await form.fire('note', 'desk', { text: '先登记' }, at(T0, 0.1));
    const results = await race(
      form.id,
      'triage',
      (i) => ({ departmentId: i % 2 ? fx.dept.service : fx.dept.quality, severity: 'important', followUpWanted: true, customerManagerId: fx.actors.chenchen.id }),
      2,
      at(T0, 1),
    );
    expectOneWinner(results);
    const row = await form.row();
    expect(row).toMatchObject({ status: 'investigating', version: 3 });
    expect(await historyCount(fx.db, form.id)).toBe(3);
    // The next step from the new version goes through.
    form.version = 3;
    const dept = row.departmentId === fx.dept.service ? 'service' : 'quality';
    await form.fire('note', dept, { text: '已收到' }, at(T0, 2));
    expect(await historyCount(fx.db, form.id)).toBe(4);
  });

  it('50 parallel transitions (triage) on one form: exactly one applied, 49 stale_version, one history row', async () => {
    const form = await fx.create(T0);
    const results = await race(
      form.id,
      'triage',
      (i) => ({ departmentId: i % 2 ? fx.dept.service : fx.dept.parts, severity: i % 3 ? 'important' : 'urgent', followUpWanted: true, customerManagerId: fx.actors.chenchen.id }),
      1,
      at(T0, 1),
      50,
    );
    expectOneWinner(results);
    expect(results).toHaveLength(50);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ eventId: number; complaint: { departmentId: string } }>).value;
    const row = await form.row();
    expect(row).toMatchObject({ status: 'investigating', version: 2, departmentId: winner.complaint.departmentId });
    const hist = await form.history();
    expect(hist.map((h) => [h.version, h.type])).toEqual([
      [1, 'create'],
      [2, 'triage'],
    ]);
    expect(hist[1].id).toBe(winner.eventId);
  });

  it('200 parallel creates: 200 distinct, consecutive numbers with no gaps', async () => {
    const now = new Date('2027-03-01T02:00:00Z'); // a year no other test uses
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const f = instance(i);
        return createComplaint(
          { ...baseComplaint, customerName: `客户${i}`, customerPhone: `138${String(i).padStart(8, '0')}` },
          i % 3 === 0 ? null : f.actors.desk,
          { now: at(now, i / 3600), policy: f.policy, calendar: f.calendar },
          f.db,
        );
      }),
    );
    expect(results.every((r) => r.created)).toBe(true);
    const numbers = results.map((r) => r.complaint.number).sort();
    expect(new Set(numbers).size).toBe(200);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => formatNumber(2027, i + 1)));
    const stored = await fx.db.select({ number: complaints.number }).from(complaints).where(like(complaints.number, 'KS-2027-%')).orderBy(asc(complaints.number));
    expect(stored.map((r) => r.number)).toEqual(numbers);
    const [counter] = await fx.db.select().from(complaintCounters).where(eq(complaintCounters.year, 2027));
    expect(counter.last).toBe(200);
    // Every form got its first history row.
    const firstRows = await fx.db
      .select({ number: complaints.number })
      .from(complaintEvents)
      .innerJoin(complaints, eq(complaints.id, complaintEvents.complaintId))
      .where(like(complaints.number, 'KS-2027-%'));
    expect(firstRows).toHaveLength(200);
  });

  it(`${publicSubmissions} parallel public web submissions: ${publicSubmissions} gap-free numbers, each with its history`, async () => {
    const now = new Date('2029-05-01T02:00:00Z'); // a year no other test uses
    const n = publicSubmissions;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        submitPublicComplaint(
          {
            fields: {
              idempotencyKey: crypto.randomUUID(),
              customerName: `网上客户${i}`,
              customerPhone: `139${String(i).padStart(8, '0')}`,
              categoryCode: 'attitude',
              description: `网上提交的第 ${i} 条反馈：接待态度冷淡。`,
            },
            photos: [],
            honeypot: '',
            ip: `203.0.${113 + Math.floor(i / 250)}.${i % 250}`,
            locale: i % 2 ? 'en' : 'zh-CN',
          },
          now,
          instance(i).db,
        ),
      ),
    );
    expect(results.filter((r) => r.kind !== 'created')).toEqual([]);
    const numbers = results.map((r) => (r.kind === 'created' ? r.number : '')).sort();
    expect(numbers).toEqual(Array.from({ length: n }, (_, i) => formatNumber(2029, i + 1)));
    const stored = await fx.db.select({ id: complaints.id, channel: complaints.channel }).from(complaints).where(like(complaints.number, 'KS-2029-%'));
    expect(stored).toHaveLength(n);
    expect(stored.every((c) => c.channel === 'web')).toBe(true);
    const histories = await fx.db
      .select({ complaintId: complaintEvents.complaintId, type: complaintEvents.type, version: complaintEvents.version })
      .from(complaintEvents)
      .innerJoin(complaints, eq(complaints.id, complaintEvents.complaintId))
      .where(like(complaints.number, 'KS-2029-%'));
    expect(histories).toHaveLength(n);
    expect(new Set(histories.map((h) => h.complaintId)).size).toBe(n);
    expect(histories.every((h) => h.type === 'create' && h.version === 1)).toBe(true);
    const [counter] = await fx.db.select().from(complaintCounters).where(eq(complaintCounters.year, 2029));
    expect(counter.last).toBe(n);
  }, 300_000);

  it('the same idempotency key twice in parallel opens one form and wastes no number', async () => {
    const now = new Date('2028-03-01T02:00:00Z');
    const key = 'web-submit-7f3a9c';
    const [a, b] = await Promise.all(
      [0, 1].map((i) =>
        createComplaint({ ...baseComplaint, channel: 'web' }, null, {
          now,
          idempotencyKey: key,
          policy: instance(i).policy,
          calendar: instance(i).calendar,
        }, instance(i).db),
      ),
    );
    expect(a.complaint.id).toBe(b.complaint.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.complaint.number).toBe('KS-2028-000001');
    const forms = await fx.db.select().from(complaints).where(eq(complaints.idempotencyKey, key));
    expect(forms).toHaveLength(1);
    expect(await historyCount(fx.db, forms[0].id)).toBe(1);
    // A later submission with the same key (a reload) returns it too, and the next form is 000002.
    const again = await createComplaint({ ...baseComplaint, channel: 'web' }, null, { now, idempotencyKey: key }, fx.db);
    expect(again).toMatchObject({ created: false, complaint: { id: a.complaint.id } });
    const next = await createComplaint({ ...baseComplaint, channel: 'web' }, null, { now, idempotencyKey: 'another-key' }, fx.db);
    expect(next.complaint.number).toBe('KS-2028-000002');
  });
});
