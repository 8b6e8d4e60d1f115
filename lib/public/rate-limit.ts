import 'server-only';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rateLimits } from '@/db/schema';

export interface RateResult {
  allowed: boolean;
  /** 0 when allowed; otherwise how long until the window ends. */
  retryAfterMs: number;
  /** Hits counted in the current window, this one included. */
  count: number;
}

/**
 * Counts one hit on `key` in a fixed window that starts at the key's first hit and lasts
 * `windowMs`; the hit that makes the count exceed `limit` (and every later one in the window)
 * is refused. One atomic upsert: concurrent hits from several app instances add up correctly.
 * `amount` counts more than one at once (e.g. bytes of an upload).
 */
export async function hit(db: Db, key: string, limit: number, windowMs: number, now = new Date(), amount = 1): Promise<RateResult> {
  const expired = new Date(now.getTime() - windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: amount })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        windowStart: sql`case when ${rateLimits.windowStart} <= ${expired.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${rateLimits.windowStart} end`,
        count: sql`case when ${rateLimits.windowStart} <= ${expired.toISOString()}::timestamptz then ${amount}::int else ${rateLimits.count} + ${amount}::int end`,
      },
    })
    .returning({ windowStart: rateLimits.windowStart, count: rateLimits.count });
  const allowed = row.count <= limit;
  return { allowed, count: row.count, retryAfterMs: allowed ? 0 : Math.max(0, row.windowStart.getTime() + windowMs - now.getTime()) };
}

/** Takes back `amount` hits counted on `key` (a request that failed on the server's side). */
export async function refund(db: Db, key: string, amount = 1): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - ${amount}::int, 0)` })
    .where(eq(rateLimits.key, key));
}

/** How many hits `key` has in its current window (0 when none or expired); counts nothing. */
export async function peek(db: Db, key: string, windowMs: number, now = new Date()): Promise<{ count: number; retryAfterMs: number }> {
  const [row] = await db
    .select({ windowStart: rateLimits.windowStart, count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), gt(rateLimits.windowStart, new Date(now.getTime() - windowMs))));
  if (!row) return { count: 0, retryAfterMs: 0 };
  return { count: row.count, retryAfterMs: Math.max(0, row.windowStart.getTime() + windowMs - now.getTime()) };
}

/** Forgets windows older than `maxAgeMs` (every limit here is far shorter), so the table stays small. */
export async function pruneRateLimits(db: Db, maxAgeMs = 24 * 3_600_000, now = new Date()): Promise<number> {
  const gone = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - maxAgeMs)))
    .returning({ key: rateLimits.key });
  return gone.length;
}

/** A positive integer from the environment, or the default. */
export function envLimit(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
