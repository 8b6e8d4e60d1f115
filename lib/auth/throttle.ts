import { and, desc, eq, gt, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { signInAttempts, signInThrottle } from '@/db/schema';
import { envLimit } from '@/lib/public/rate-limit';

/**
 * Sign-in throttling, per login and per address, on the database so that every app instance
 * shares it. An attempt first *claims* a failure on both keys in one atomic upsert each, before
 * its password is checked: twenty parallel attempts see twenty different counts, and only those
 * below the threshold are evaluated. The claim that reaches the threshold starts a lock whose
 * length doubles with every further failure (capped); during a lock nothing is evaluated, not
 * even the right password. A success gives its claim back (and clears the login's failures).
 */
export interface ThrottleRule {
  /** Failures (within `forgetMs` of each other) that start a lock. */
  threshold: number;
  /** The first lock's length; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetMs: number;
}

export function loginRule(): ThrottleRule {
  return {
    threshold: envLimit('KESU_SIGNIN_LOGIN_FAILURES', 5),
    baseDelayMs: envLimit('KESU_SIGNIN_LOGIN_DELAY_SECONDS', 30) * 1000,
    maxDelayMs: envLimit('KESU_SIGNIN_MAX_DELAY_SECONDS', 3600) * 1000,
    forgetMs: envLimit('KESU_SIGNIN_FORGET_HOURS', 24) * 3_600_000,
  };
}

export function addressRule(): ThrottleRule {
  return {
    threshold: envLimit('KESU_SIGNIN_ADDRESS_FAILURES', 20),
    baseDelayMs: envLimit('KESU_SIGNIN_ADDRESS_DELAY_SECONDS', 60) * 1000,
    maxDelayMs: envLimit('KESU_SIGNIN_MAX_DELAY_SECONDS', 3600) * 1000,
    forgetMs: envLimit('KESU_SIGNIN_FORGET_HOURS', 24) * 3_600_000,
  };
}

export const loginKey = (login: string) => `login:${normalizeLogin(login)}`;
export const addressKey = (address: string) => `address:${address}`;
export const normalizeLogin = (login: string) => login.trim().toLowerCase().slice(0, 100);

export interface Claim {
  key: string;
  allowed: boolean;
  /** The lock in force (refused) or the lock this claim started (allowed, at the threshold). */
  lockedUntil: Date | null;
  failures: number;
}

/** Counts one failure on `key` unless it is locked; one statement, serialised by the row lock. */
export async function claim(db: Db, key: string, rule: ThrottleRule, now = new Date()): Promise<Claim> {
  const t = signInThrottle;
  const nowTs = sql`${now.toISOString()}::timestamptz`;
  const forgetBefore = sql`${new Date(now.getTime() - rule.forgetMs).toISOString()}::timestamptz`;
  const locked = sql`coalesce(${t.lockedUntil} > ${nowTs}, false)`;
  const next = sql`(case when ${t.lastFailureAt} is null or ${t.lastFailureAt} <= ${forgetBefore} then 1 else ${t.failures} + 1 end)`;
  const lockFor = (failures: SQL) =>
    sql`(case when ${failures} >= ${rule.threshold}::int then ${nowTs} + least(${rule.maxDelayMs}::float8, ${rule.baseDelayMs}::float8 * power(2::float8, least(${failures} - ${rule.threshold}::int, 40)::float8)) * interval '1 millisecond' else null end)`;
  const [row] = await db
    .insert(t)
    .values({ key, failures: 1, lockedUntil: rule.threshold <= 1 ? new Date(now.getTime() + Math.min(rule.baseDelayMs, rule.maxDelayMs)) : null, lastFailureAt: now, lastAllowed: true })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        lastAllowed: sql`not ${locked}`,
        failures: sql`case when ${locked} then ${t.failures} else ${next} end`,
        lockedUntil: sql`case when ${locked} then ${t.lockedUntil} else ${lockFor(next)} end`,
        lastFailureAt: sql`case when ${locked} then ${t.lastFailureAt} else ${nowTs} end`,
      },
    })
    .returning({ allowed: t.lastAllowed, lockedUntil: t.lockedUntil, failures: t.failures });
  return { key, allowed: row.allowed, lockedUntil: row.lockedUntil, failures: row.failures };
}

/** Gives a claim back after the right password; a login's failures are cleared altogether. */
async function giveBack(db: Db, c: Claim, clearAll: boolean): Promise<void> {
  const t = signInThrottle;
  await db
    .update(t)
    .set({
      failures: clearAll ? 0 : sql`greatest(${t.failures} - 1, 0)`,
      // Only the lock this very claim started is lifted; an older one stays.
      lockedUntil: clearAll ? null : c.lockedUntil ? sql`case when ${t.lockedUntil} = ${c.lockedUntil.toISOString()}::timestamptz then null else ${t.lockedUntil} end` : t.lockedUntil,
    })
    .where(eq(t.key, c.key));
}

export type SignInDecision =
  | { kind: 'evaluate'; finish: (ok: boolean) => Promise<void> }
  | { kind: 'locked'; scope: 'login' | 'address'; until: Date };

/**
 * Called before a password is checked. `evaluate`: check it, then call `finish(ok)`, which
 * records the attempt and gives the claims back on success. `locked`: refuse without checking.
 * The address is claimed first, so a locked address adds nothing to the login's count.
 */
export async function beginSignIn(db: Db, rawLogin: string, address: string, now = new Date()): Promise<SignInDecision> {
  const login = normalizeLogin(rawLogin);
  const record = (outcome: string) => db.insert(signInAttempts).values({ login, address, outcome, at: now });
  const byAddress = await claim(db, addressKey(address), addressRule(), now);
  if (!byAddress.allowed) {
    await record('locked_address');
    return { kind: 'locked', scope: 'address', until: byAddress.lockedUntil ?? now };
  }
  const byLogin = await claim(db, loginKey(login), loginRule(), now);
  if (!byLogin.allowed) {
    await record('locked_login');
    return { kind: 'locked', scope: 'login', until: byLogin.lockedUntil ?? now };
  }
  return {
    kind: 'evaluate',
    async finish(ok) {
      await record(ok ? 'success' : 'wrong');
      if (ok) {
        await giveBack(db, byLogin, true);
        await giveBack(db, byAddress, false);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// What the administrators see and do.

export interface ThrottleLock {
  key: string;
  scope: 'login' | 'address';
  subject: string;
  failures: number;
  lockedUntil: Date;
}

export interface FailureSummary {
  subject: string;
  failures: number;
  lastAt: Date;
}

export interface SecurityOverview {
  locks: ThrottleLock[];
  byLogin: FailureSummary[];
  byAddress: FailureSummary[];
  recent: { at: Date; login: string; address: string; outcome: string }[];
}

/** Current locks and the last day's failed attempts, by login and by address (top 50 each). */
export async function loadSecurityOverview(db: Db, now = new Date()): Promise<SecurityOverview> {
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const locks = await db
    .select()
    .from(signInThrottle)
    .where(gt(signInThrottle.lockedUntil, now))
    .orderBy(desc(signInThrottle.lockedUntil))
    .limit(200);
  const failed = sql`${signInAttempts.outcome} <> 'success'`;
  const summary = (col: typeof signInAttempts.login | typeof signInAttempts.address) =>
    db
      .select({ subject: col, failures: sql<number>`count(*)::int`, lastAt: sql<Date>`max(${signInAttempts.at})`.mapWith(signInAttempts.at) })
      .from(signInAttempts)
      .where(and(gte(signInAttempts.at, since), failed))
      .groupBy(col)
      .orderBy(desc(sql`count(*)`))
      .limit(50);
  const [byLogin, byAddress, recent] = await Promise.all([
    summary(signInAttempts.login),
    summary(signInAttempts.address),
    db
      .select({ at: signInAttempts.at, login: signInAttempts.login, address: signInAttempts.address, outcome: signInAttempts.outcome })
      .from(signInAttempts)
      .where(and(gte(signInAttempts.at, since), failed))
      .orderBy(desc(signInAttempts.at), desc(signInAttempts.id))
      .limit(50),
  ]);
  return {
    locks: locks.map((l) => {
      const scope = l.key.startsWith('login:') ? 'login' : 'address';
      return { key: l.key, scope, subject: l.key.slice(scope.length + 1), failures: l.failures, lockedUntil: l.lockedUntil! };
    }),
    byLogin,
    byAddress,
    recent,
  };
}

/** An administrator lifts a lock: the key starts again from no failures. Returns whether one was lifted. */
export async function liftLock(db: Db, key: string): Promise<boolean> {
  const rows = await db
    .update(signInThrottle)
    .set({ failures: 0, lockedUntil: null, lastFailureAt: null })
    .where(eq(signInThrottle.key, key))
    .returning({ key: signInThrottle.key });
  return rows.length > 0;
}

/** Forgets attempts older than 30 days and throttle rows with nothing left to remember. */
export async function pruneSignInAttempts(db: Db, now = new Date()): Promise<number> {
  const gone = await db
    .delete(signInAttempts)
    .where(lt(signInAttempts.at, new Date(now.getTime() - 30 * 24 * 3_600_000)))
    .returning({ id: signInAttempts.id });
  await db
    .delete(signInThrottle)
    .where(
      and(
        sql`coalesce(${signInThrottle.lockedUntil} < ${now.toISOString()}::timestamptz, true)`,
        sql`coalesce(${signInThrottle.lastFailureAt} < ${new Date(now.getTime() - 7 * 24 * 3_600_000).toISOString()}::timestamptz, true)`,
      ),
    );
  return gone.length;
}
