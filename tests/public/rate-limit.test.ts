import { beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { hit, peek, pruneRateLimits, refund } from '@/lib/public/rate-limit';
import { forEachBackend } from '@/tests/helpers/databases';

forEachBackend('public rate limit', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await backend.open();
  });

  it('allows `limit` hits in a fixed window, refuses the next with the time left, and opens a new window after it', async () => {
    const t0 = new Date('2026-03-02T08:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    for (let i = 1; i <= 3; i++) {
      const r = await hit(database.db, 'k1', 3, 60_000, at(i * 1000));
      expect(r).toEqual({ allowed: true, count: i, retryAfterMs: 0 });
    }
    const refused = await hit(database.db, 'k1', 3, 60_000, at(10_000));
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBe(51_000); // the window started at the first hit (t0 + 1 s) and ends at t0 + 61 s
    expect((await hit(database.db, 'k1', 3, 60_000, at(60_999))).allowed).toBe(false);
    const fresh = await hit(database.db, 'k1', 3, 60_000, at(61_000));
    expect(fresh).toEqual({ allowed: true, count: 1, retryAfterMs: 0 });
  });

  it('prunes windows older than a day and keeps the others', async () => {
    const t0 = new Date('2026-11-02T00:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    await hit(database.db, 'old', 5, 60_000, at(0));
    await hit(database.db, 'recent', 5, 60_000, at(23 * 3_600_000));
    expect(await pruneRateLimits(database.db, 24 * 3_600_000, at(25 * 3_600_000))).toBeGreaterThanOrEqual(1);
    expect((await peek(database.db, 'old', 10 ** 9, at(25 * 3_600_000))).count).toBe(0);
    expect((await peek(database.db, 'recent', 10 ** 9, at(25 * 3_600_000))).count).toBe(1);
  });

  it('counts keys separately and adds up concurrent hits', async () => {
    const now = new Date('2026-03-02T09:00:00Z');
    await Promise.all(Array.from({ length: 8 }, () => hit(database.db, 'k2', 5, 60_000, now)));
    expect((await peek(database.db, 'k2', 60_000, now)).count).toBe(8);
    expect((await hit(database.db, 'k3', 5, 60_000, now)).count).toBe(1);
  });

  it('peek counts nothing and forgets expired windows; hit counts an amount; refund takes hits back', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    expect(await peek(database.db, 'nothing', 60_000, now)).toEqual({ count: 0, retryAfterMs: 0 });
    expect(await hit(database.db, 'bytes', 1000, 60_000, now, 700)).toEqual({ allowed: true, count: 700, retryAfterMs: 0 });
    expect(await hit(database.db, 'bytes', 1000, 60_000, now, 400)).toMatchObject({ allowed: false, count: 1100 });
    await refund(database.db, 'bytes', 400);
    expect((await peek(database.db, 'bytes', 60_000, now)).count).toBe(700);
    await refund(database.db, 'bytes', 5000);
    expect((await peek(database.db, 'bytes', 60_000, now)).count).toBe(0);
    expect((await peek(database.db, 'bytes', 60_000, new Date(now.getTime() + 60_000))).count).toBe(0);
  });
});
