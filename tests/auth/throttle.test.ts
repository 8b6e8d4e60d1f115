import { beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { and, eq, sql } from 'drizzle-orm';
import { notifications, sites, users } from '@/db/schema';
import { listLockNotices } from '@/lib/auth/lock-notices';
import { addressKey, beginSignIn, liftLock, loadSecurityOverview, loginKey, pairKey, pruneSignInAttempts, type SignInDecision } from '@/lib/auth/throttle';
import { renderTemplate } from '@/lib/notify/templates';
import { forEachBackend } from '@/tests/helpers/databases';

const seconds = (t0: Date, s: number) => new Date(t0.getTime() + s * 1000);

forEachBackend('sign-in throttle', (backend) => {
  let database: Database;
  let other: Database; // a second app instance (a second pool on the same PostgreSQL; PGlite: the same one)
  beforeAll(async () => {
    database = await backend.open();
    other = backend.shared ? await backend.open() : database;
    // Two administrators to tell (and one deactivated, who is not told).
    const [site] = await database.db.insert(sites).values({ code: 'T1', name: '测试' }).returning();
    await database.db.insert(users).values(
      ['sec-admin-1', 'sec-admin-2', 'sec-admin-gone'].map((login) => ({ siteId: site.id, login, name: login, role: 'admin', passwordHash: 'x', active: login !== 'sec-admin-gone' })),
    );
  });
  /** The admins' inbox notices about the lock of `key` (one per admin per lock). */
  const notices = async (key: string) =>
    database.db
      .select({ recipient: notifications.recipientUserId, channel: notifications.channel, payload: notifications.payload, locale: notifications.locale })
      .from(notifications)
      .where(and(eq(notifications.template, 'sign_in_locked'), sql`${notifications.payload}->>'key' = ${key}`));
  let seq = 0;
  const fresh = () => ({ login: `user${++seq}`, address: `192.0.2.${seq}` });
  /** One sign-in attempt; `right` says whether its password would be right. */
  const attempt = async (db: Database, login: string, address: string, right: boolean, now: Date) => {
    const d = await beginSignIn(db.db, login, address, now);
    if (d.kind === 'evaluate') await d.finish(right);
    return d;
  };

  // Issue 14 finding 3: the 5-failure lock is per (login, address) now, not per login from anywhere.
  it('20 parallel wrong passwords for one login from one address: 5 are evaluated, the rest refused without a check', async () => {
    const { login, address } = fresh();
    const now = new Date('2026-05-04T08:00:00Z');
    const decisions: SignInDecision[] = await Promise.all(Array.from({ length: 20 }, (_, i) => beginSignIn((i % 2 ? other : database).db, login, address, now)));
    const evaluated = decisions.filter((d) => d.kind === 'evaluate');
    expect(evaluated).toHaveLength(5);
    await Promise.all(evaluated.map((d) => d.kind === 'evaluate' && d.finish(false)));
    for (const d of decisions) if (d.kind === 'locked') expect(d).toEqual({ kind: 'locked', scope: 'pair', until: seconds(now, 30) });
    // The right password is refused during the lock too, from that address …
    expect((await attempt(database, login, address, true, seconds(now, 29))).kind).toBe('locked');
    // … but not from another one: the owner is not locked out.
    expect((await attempt(database, login, '203.0.113.1', true, seconds(now, 29))).kind).toBe('evaluate');
  });

  it('a stranger cannot lock the owner out: wrong passwords from 99 addresses lock nothing; the global lock at 100 spares the addresses the owner signed in from; the admins are told once', async () => {
    const { login } = fresh();
    const office = `198.51.100.${seq}`;
    const t0 = new Date('2026-05-04T10:00:00Z');
    expect((await attempt(database, login, office, true, t0)).kind).toBe('evaluate');
    for (let i = 0; i < 99; i++) expect((await attempt(database, login, `10.${seq}.0.${i}`, false, seconds(t0, 1))).kind).toBe('evaluate');
    // Five per address would have locked the login for every address before; now a new address still gets in.
    expect((await beginSignIn(database.db, login, '203.0.113.200', seconds(t0, 2))).kind).toBe('evaluate');
    // (that attempt was given up unchecked: it counts as the 100th failure and starts the global lock)
    expect(await beginSignIn(database.db, login, '203.0.113.201', seconds(t0, 3))).toEqual({ kind: 'locked', scope: 'login', until: seconds(t0, 2 + 300) });
    // The owner's office, and only it, still signs in, even with a typo first.
    expect((await attempt(database, login, office, false, seconds(t0, 4))).kind).toBe('evaluate');
    expect((await attempt(database, login, office, true, seconds(t0, 5))).kind).toBe('evaluate');
    expect((await beginSignIn(database.db, login, '203.0.113.202', seconds(t0, 6))).kind).toBe('locked');
    // An address that signed in more than 30 days ago is a new one again.
    expect((await beginSignIn(database.db, login, office, seconds(t0, 31 * 86400))).kind).toBe('evaluate');
    // Each active admin got one inbox notice for this lock; the refusals added none.
    const told = await notices(loginKey(login));
    expect(told).toHaveLength(2);
    expect(told.every((n) => n.channel === 'inbox')).toBe(true);
    const text = renderTemplate('sign_in_locked', 'zh-CN', told[0].payload as Record<string, unknown>);
    expect(text.subject).toBe(`账号 ${login} 已暂停从新地址登录`);
    expect(text.text).toContain('登录失败已达 100 次');
    const shown = (await listLockNotices(seconds(t0, 10), undefined, database.db)).filter((n) => n.key === loginKey(login));
    expect(shown).toEqual([{ key: loginKey(login), scope: 'login', subject: login, failures: 100, startedAt: seconds(t0, 2), until: seconds(t0, 302) }]);
  });

  it('20 parallel wrong passwords for one login from 20 new addresses: only the global threshold are evaluated, one notice per admin', async () => {
    const { login } = fresh();
    process.env.KESU_SIGNIN_LOGIN_FAILURES = '8';
    try {
      const now = new Date('2026-05-04T11:00:00Z');
      const decisions = await Promise.all(Array.from({ length: 20 }, (_, i) => beginSignIn((i % 2 ? other : database).db, login, `10.${seq}.1.${i}`, now)));
      expect(decisions.filter((d) => d.kind === 'evaluate')).toHaveLength(8);
      expect(decisions.filter((d) => d.kind === 'locked' && d.scope === 'login')).toHaveLength(12);
      expect(await notices(loginKey(login))).toHaveLength(2);
    } finally {
      delete process.env.KESU_SIGNIN_LOGIN_FAILURES;
    }
  });

  it('after 5 failures the login waits 30 s, then 60 s, then 120 s …; a success clears its failures', async () => {
    const { login, address } = fresh();
    const t0 = new Date('2026-05-04T09:00:00Z');
    for (let i = 0; i < 5; i++) expect((await attempt(database, login, address, false, seconds(t0, i))).kind).toBe('evaluate');
    expect(await beginSignIn(database.db, login, address, seconds(t0, 5))).toEqual({ kind: 'locked', scope: 'pair', until: seconds(t0, 34) });
    // Lock over: one more try, and the next failure doubles the wait.
    expect((await attempt(database, login, address, false, seconds(t0, 35))).kind).toBe('evaluate');
    expect(await beginSignIn(database.db, login, address, seconds(t0, 36))).toMatchObject({ kind: 'locked', until: seconds(t0, 95) });
    expect((await attempt(database, login, address, false, seconds(t0, 96))).kind).toBe('evaluate');
    expect(await beginSignIn(database.db, login, address, seconds(t0, 97))).toMatchObject({ kind: 'locked', until: seconds(t0, 216) });
    // The right password after the lock: in, and the count starts again.
    expect((await attempt(database, login, address, true, seconds(t0, 217))).kind).toBe('evaluate');
    for (let i = 0; i < 4; i++) expect((await attempt(database, login, address, false, seconds(t0, 218 + i))).kind).toBe('evaluate');
    expect((await attempt(database, login, address, true, seconds(t0, 223))).kind).toBe('evaluate');
  });

  it('the wait is capped (KESU_SIGNIN_MAX_DELAY_SECONDS) and failures are forgotten after a day', async () => {
    const { login, address } = fresh();
    process.env.KESU_SIGNIN_MAX_DELAY_SECONDS = '100';
    try {
      const t0 = new Date('2026-05-05T09:00:00Z');
      let t = 0;
      for (let i = 0; i < 12; i++) {
        const d = await attempt(database, login, address, false, seconds(t0, t));
        expect(d.kind).toBe('evaluate');
        t += i < 4 ? 1 : 101; // from the 5th failure on, wait out each lock (at most 100 s)
      }
      expect(await beginSignIn(database.db, login, address, seconds(t0, t - 101 + 99))).toMatchObject({ kind: 'locked', until: seconds(t0, t - 101 + 100) });
      // A day after the last failure the count starts from one again.
      const later = seconds(t0, t + 24 * 3600);
      for (let i = 0; i < 4; i++) expect((await attempt(database, login, address, false, seconds(later, i))).kind).toBe('evaluate');
      expect((await attempt(database, login, address, true, seconds(later, 5))).kind).toBe('evaluate');
    } finally {
      delete process.env.KESU_SIGNIN_MAX_DELAY_SECONDS;
    }
  });

  it('an address trying many logins is slowed too; other addresses are not; its own successes do not hide its failures', async () => {
    const { address } = fresh();
    const t0 = new Date('2026-05-06T09:00:00Z');
    // A success in between gives back only its own claim.
    expect((await attempt(database, `own${seq}`, address, true, t0)).kind).toBe('evaluate');
    for (let i = 0; i < 20; i++) expect((await attempt(database, `guess${seq}-${i}`, address, false, seconds(t0, 1))).kind).toBe('evaluate');
    expect(await beginSignIn(database.db, `another${seq}`, address, seconds(t0, 2))).toEqual({ kind: 'locked', scope: 'address', until: seconds(t0, 61) });
    expect((await beginSignIn(database.db, `another${seq}`, '203.0.113.77', seconds(t0, 2))).kind).toBe('evaluate');
    // The login that signed in from this address lately is not held by the address's lock (an
    // office behind one address is not locked out by one guesser); its own limit still holds.
    expect((await attempt(database, `own${seq}`, address, true, seconds(t0, 3))).kind).toBe('evaluate');
    // The admins were told once about the address.
    const told = await notices(addressKey(address));
    expect(told).toHaveLength(2);
    expect(renderTemplate('sign_in_locked', 'en', told[0].payload as Record<string, unknown>).subject).toBe(`Address ${address}: signing in is paused`);
  });

  it('20 parallel wrong passwords from one address for 20 logins: at most 20 evaluated, then the address waits', async () => {
    const { address } = fresh();
    process.env.KESU_SIGNIN_ADDRESS_FAILURES = '10';
    try {
      const now = new Date('2026-05-07T09:00:00Z');
      const decisions = await Promise.all(Array.from({ length: 20 }, (_, i) => beginSignIn((i % 2 ? other : database).db, `p${seq}-${i}`, address, now)));
      expect(decisions.filter((d) => d.kind === 'evaluate')).toHaveLength(10);
      expect(decisions.filter((d) => d.kind === 'locked' && d.scope === 'address')).toHaveLength(10);
    } finally {
      delete process.env.KESU_SIGNIN_ADDRESS_FAILURES;
    }
  });

  it('admins see the locks and the failed attempts by login and address, and can lift a lock', async () => {
    const { login, address } = fresh();
    const now = new Date();
    for (let i = 0; i < 6; i++) await attempt(database, login, address, false, now);
    const overview = await loadSecurityOverview(now, database.db);
    const lock = overview.locks.find((l) => l.key === pairKey(login, address));
    expect(lock).toMatchObject({ scope: 'pair', subject: `${login} @ ${address}`, failures: 5 });
    expect(overview.byLogin.find((s) => s.subject === login)).toMatchObject({ failures: 6 });
    expect(overview.byAddress.find((s) => s.subject === address)).toMatchObject({ failures: 6 });
    expect(overview.recent.filter((r) => r.login === login).map((r) => r.outcome).sort()).toEqual(['locked_pair', 'wrong', 'wrong', 'wrong', 'wrong', 'wrong']);
    expect(await liftLock(database.db, pairKey(login, address))).toBe(true);
    expect(await liftLock(database.db, addressKey('never-seen'))).toBe(false);
    expect((await loadSecurityOverview(now, database.db)).locks.find((l) => l.key === pairKey(login, address))).toBeUndefined();
    expect((await attempt(database, login, address, true, now)).kind).toBe('evaluate');
    // Attempts older than 30 days go.
    expect(await pruneSignInAttempts(database.db, new Date(now.getTime() + 31 * 24 * 3_600_000))).toBeGreaterThanOrEqual(7);
  });
});
