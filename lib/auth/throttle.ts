import 'server-only';
import { and, desc, eq, gt, gte, lt, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { signInAttempts, signInThrottle } from '@/db/schema';
import { envLimit } from '@/lib/public/rate-limit';
import { noticeLock } from '@/lib/auth/lock-notices';

/**
 * Sign-in throttling on the database, so that every app instance shares it. Three counters:
 * - per (login, address): the brute-force limit proper (5 failures, then a doubling wait);
 * - per address: one address guessing many logins (20 failures);
 * - per login, from anywhere: a global lock only at a far higher count (100), which a stranger
 *   cannot use to lock the owner out, because it never applies to an address that has signed
 *   that login in successfully in the last days (KESU_SIGNIN_TRUST_DAYS). Such a known address
 *   is not counted per address either: a colleague guessing behind the same office address
 *   cannot lock the office out; the (login, address) counter still limits it.
 * An attempt first *claims* a failure on each counter that applies, in one atomic upsert each,
 * before its password is checked: twenty parallel attempts see twenty different counts, and
 * only those below the threshold are evaluated. The claim that reaches the threshold starts a
 * lock whose length doubles with every further failure (capped); during a lock nothing is
 * evaluated, not even the right password. A success gives its claims back (and clears the
 * (login, address) and login failures). An address or global login lock tells the admins once
 * (lib/auth/lock-notices.ts).
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

const maxDelayMs = () => envLimit('KESU_SIGNIN_MAX_DELAY_SECONDS', 3600) * 1000;
const forgetMs = () => envLimit('KESU_SIGNIN_FORGET_HOURS', 24) * 3_600_000;

/** One login from one address. */
export function pairRule(): ThrottleRule {
  return {
    threshold: envLimit('KESU_SIGNIN_PAIR_FAILURES', 5),
    baseDelayMs: envLimit('KESU_SIGNIN_PAIR_DELAY_SECONDS', 30) * 1000,
    maxDelayMs: maxDelayMs(),
    forgetMs: forgetMs(),
  };
}

/** One login from every address it has not signed in from lately. */
export function loginRule(): ThrottleRule {
  return {
    threshold: envLimit('KESU_SIGNIN_LOGIN_FAILURES', 100),
    baseDelayMs: envLimit('KESU_SIGNIN_LOGIN_DELAY_SECONDS', 300) * 1000,
    maxDelayMs: maxDelayMs(),
    forgetMs: forgetMs(),
  };
}

export function addressRule(): ThrottleRule {
  return {
    threshold: envLimit('KESU_SIGNIN_ADDRESS_FAILURES', 20),
    baseDelayMs: envLimit('KESU_SIGNIN_ADDRESS_DELAY_SECONDS', 60) * 1000,
    maxDelayMs: maxDelayMs(),
    forgetMs: forgetMs(),
  };
}

/** How long a successful sign-in makes its address a known one for that login (at most the 30 days attempts are kept). */
export const trustMs = () => Math.min(envLimit('KESU_SIGNIN_TRUST_DAYS', 30), 30) * 24 * 3_600_000;

export type ThrottleScope = 'login' | 'address' | 'pair';

export const normalizeLogin = (login: string) => login.trim().toLowerCase().slice(0, 100);
export const loginKey = (login: string) => `login:${normalizeLogin(login)}`;
export const addressKey = (address: string) => `address:${address}`;
// The address first: it never holds a space or a slash, a login may.
export const pairKey = (login: string, address: string) => `pair:${address} ${normalizeLogin(login)}`;

/** The scope and the subject a reader recognises (a login, an address, or "login @ address"). */
export function describeKey(key: string): { scope: ThrottleScope; subject: string; login?: string; address?: string } {
  const colon = key.indexOf(':');
  const scope = key.slice(0, colon) as ThrottleScope;
  const rest = key.slice(colon + 1);
  if (scope === 'pair') {
    const space = rest.indexOf(' ');
    const address = rest.slice(0, space);
    const login = rest.slice(space + 1);
    return { scope, subject: `${login} @ ${address}`, login, address };
  }
  return scope === 'login' ? { scope, subject: rest, login: rest } : { scope, subject: rest, address: rest };
}

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
  | { kind: 'locked'; scope: ThrottleScope; until: Date };

/** Whether this address signed this login in successfully within trustMs(). */
export async function isKnownAddress(db: Db, login: string, address: string, now = new Date()): Promise<boolean> {
  const a = signInAttempts;
  const [row] = await db
    .select({ one: sql`1` })
    .from(a)
    .where(and(eq(a.login, normalizeLogin(login)), eq(a.address, address), eq(a.outcome, 'success'), gte(a.at, new Date(now.getTime() - trustMs())), lt(a.at, now)))
    .limit(1);
  return !!row;
}

/** The claim that reached the threshold started this run of locks: the one moment to tell the admins. */
const startedLock = (c: Claim, rule: ThrottleRule) => c.allowed && c.lockedUntil !== null && c.failures === rule.threshold;

/**
 * Called before a password is checked. `evaluate`: check it, then call `finish(ok)`, which
 * records the attempt and gives the claims back on success. `locked`: refuse without checking.
 * The address is claimed first, so a locked address adds nothing to the login's counts.
 */
export async function beginSignIn(db: Db, rawLogin: string, address: string, now = new Date()): Promise<SignInDecision> {
  const login = normalizeLogin(rawLogin);
  const record = (outcome: string) => db.insert(signInAttempts).values({ login, address, outcome, at: now });
  const known = await isKnownAddress(db, login, address, now);
  const claims: { claim: Claim; rule: ThrottleRule; scope: ThrottleScope }[] = [];
  const steps: [ThrottleScope, string, ThrottleRule][] = [
    ...(known ? [] : [['address', addressKey(address), addressRule()] as [ThrottleScope, string, ThrottleRule]]),
    ['pair', pairKey(login, address), pairRule()],
    ...(known ? [] : [['login', loginKey(login), loginRule()] as [ThrottleScope, string, ThrottleRule]]),
  ];
  for (const [scope, key, rule] of steps) {
    const c = await claim(db, key, rule, now);
    if (!c.allowed) {
      await record(`locked_${scope}`);
      return { kind: 'locked', scope, until: c.lockedUntil ?? now };
    }
    claims.push({ claim: c, rule, scope });
    if (scope !== 'pair' && startedLock(c, rule)) await noticeLock(db, c, now);
  }
  return {
    kind: 'evaluate',
    async finish(ok) {
      await record(ok ? 'success' : 'wrong');
      if (ok) for (const { claim: c, scope } of claims) await giveBack(db, c, scope !== 'address');
    },
  };
}

// ---------------------------------------------------------------------------------------------
// What the administrators see and do.

export interface ThrottleLock {
  key: string;
  scope: ThrottleScope;
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
export async function loadSecurityOverview(now = new Date(), db?: Db): Promise<SecurityOverview> {
  db ??= await getDb();
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
      const { scope, subject } = describeKey(l.key);
      return { key: l.key, scope, subject, failures: l.failures, lockedUntil: l.lockedUntil! };
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
