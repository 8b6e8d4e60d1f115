import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { authSessions, sites, users } from '@/db/schema';
import {
  endSession,
  loadSessionStaff,
  listUserSessions,
  sessionMaxAgeSeconds,
  startSession,
  touchIntervalMs,
} from '@/lib/auth/session-store';
import { endAllStaffSessions, endStaffSession, staffSessions } from '@/lib/admin/sessions';
import { createUser, resetPassword, setUserActive, updateUser } from '@/lib/admin/staff';
import { forEachBackend } from '@/tests/helpers/databases';
import { adminFixture, T0, type AdminFixture } from '@/tests/admin/fixtures';

const MINUTE = 60_000;

forEachBackend('auth: server-side sessions', (backend) => {
  let fx: AdminFixture;
  let n = 0;
  beforeAll(async () => {
    fx = await adminFixture(await backend.open());
  });
  const scope = () => ({ id: fx.adminId, role: 'admin' as const, siteId: fx.siteId });
  const newUser = async (role: 'desk' | 'gm' = 'desk') =>
    (await createUser({ login: `user${++n}`, name: `用户${n}`, role, password: 'long-password-1' }, scope(), fx.db)).id;
  const live = (sid: string, uid: string, now = T0) => loadSessionStaff(fx.db, sid, uid, now);

  it('a sign-in opens a session that loads its user until it expires', async () => {
    const uid = await newUser();
    const sid = await startSession(fx.db, uid, { userAgent: 'Mozilla/5.0 Test', clientAddress: '203.0.113.7' }, T0);
    expect(sid).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect((await live(sid, uid))?.id).toBe(uid);
    expect((await live(sid, uid))?.role).toBe('desk');

    const [row] = await fx.db.select().from(authSessions).where(eq(authSessions.id, sid));
    expect(row).toMatchObject({ userId: uid, userAgent: 'Mozilla/5.0 Test', clientAddress: '203.0.113.7' });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(sessionMaxAgeSeconds * 1000);

    // A second before the end it still counts; at the end it does not.
    expect(await live(sid, uid, new Date(row.expiresAt.getTime() - 1000))).not.toBeNull();
    expect(await live(sid, uid, row.expiresAt)).toBeNull();
  });

  it('an unknown id, or a session paired with another user, is nobody', async () => {
    const uid = await newUser();
    const other = await newUser();
    const sid = await startSession(fx.db, uid, {}, T0);
    expect(await live('x'.repeat(43), uid)).toBeNull();
    expect(await live(sid, other)).toBeNull();
  });

  it('sign-out ends that session only', async () => {
    const uid = await newUser();
    const a = await startSession(fx.db, uid, {}, T0);
    const b = await startSession(fx.db, uid, {}, T0);
    await endSession(fx.db, a);
    expect(await live(a, uid)).toBeNull();
    expect(await live(b, uid)).not.toBeNull();
  });

  it('last_seen_at is written only when it is older than the touch interval', async () => {
    const uid = await newUser();
    const sid = await startSession(fx.db, uid, {}, T0);
    const seen = async () => (await fx.db.select().from(authSessions).where(eq(authSessions.id, sid)))[0].lastSeenAt.getTime();
    await live(sid, uid, new Date(T0.getTime() + touchIntervalMs - 1000));
    expect(await seen()).toBe(T0.getTime());
    const later = new Date(T0.getTime() + touchIntervalMs + MINUTE);
    await live(sid, uid, later);
    expect(await seen()).toBe(later.getTime());
  });

  it('a new sign-in removes the expired rows of that user', async () => {
    const uid = await newUser();
    const old = await startSession(fx.db, uid, {}, T0);
    const keep = await startSession(fx.db, uid, {}, new Date(T0.getTime() + 6 * 3600_000));
    await startSession(fx.db, uid, {}, new Date(T0.getTime() + (sessionMaxAgeSeconds + 60) * 1000));
    const ids = (await fx.db.select().from(authSessions).where(eq(authSessions.userId, uid))).map((r) => r.id);
    expect(ids).not.toContain(old);
    expect(ids).toContain(keep);
    expect(ids).toHaveLength(2);
  });

  it('a password reset ends every session of that user and no one else’s', async () => {
    const uid = await newUser();
    const bystander = await newUser();
    const s1 = await startSession(fx.db, uid, {}, T0);
    const s2 = await startSession(fx.db, uid, {}, T0);
    const other = await startSession(fx.db, bystander, {}, T0);
    await resetPassword({ id: uid, password: 'a-new-password-2' }, scope(), fx.db);
    expect(await live(s1, uid)).toBeNull();
    expect(await live(s2, uid)).toBeNull();
    expect(await live(other, bystander)).not.toBeNull();
  });

  it('a role change ends the sessions; an edit that keeps the role does not', async () => {
    const uid = await newUser('desk');
    const sid = await startSession(fx.db, uid, {}, T0);
    await updateUser({ id: uid, role: 'desk', departmentId: '', absentUntil: '2026-11-05' }, scope(), fx.db);
    expect(await live(sid, uid)).not.toBeNull();
    await updateUser({ id: uid, role: 'gm', departmentId: '', absentUntil: '' }, scope(), fx.db);
    expect(await live(sid, uid)).toBeNull();
    // A new sign-in sees the new role.
    expect((await live(await startSession(fx.db, uid, {}, T0), uid))?.role).toBe('gm');
  });

  it('deactivation ends the sessions; a session of an inactive user never loads', async () => {
    const uid = await newUser();
    const sid = await startSession(fx.db, uid, {}, T0);
    await setUserActive({ id: uid, active: false }, scope(), fx.db);
    expect(await live(sid, uid)).toBeNull();
    expect(await fx.db.select().from(authSessions).where(eq(authSessions.userId, uid))).toHaveLength(0);
    // Even a row that survived (e.g. written by a sign-in racing the deactivation) does not count.
    const raced = await startSession(fx.db, uid, {}, T0);
    expect(await live(raced, uid)).toBeNull();
  });

  it('an admin lists and ends the sessions of a user of their site', async () => {
    const uid = await newUser();
    const a = await startSession(fx.db, uid, { userAgent: 'Phone' }, T0);
    const b = await startSession(fx.db, uid, { userAgent: 'Desktop' }, new Date(T0.getTime() + MINUTE));
    const now = new Date(T0.getTime() + 2 * MINUTE);
    const list = await staffSessions(scope(), uid, now, fx.db);
    expect(list.map((s) => s.userAgent)).toEqual(['Desktop', 'Phone']); // most recently used first

    await endStaffSession(scope(), { userId: uid, sessionId: a }, fx.db);
    expect(await live(a, uid, now)).toBeNull();
    expect(await live(b, uid, now)).not.toBeNull();
    // Ending it again, or someone else's session under this user, is refused and changes nothing.
    await expect(endStaffSession(scope(), { userId: uid, sessionId: a }, fx.db)).rejects.toMatchObject({ code: 'not_found' });
    const bystander = await newUser();
    const theirs = await startSession(fx.db, bystander, {}, T0);
    await expect(endStaffSession(scope(), { userId: uid, sessionId: theirs }, fx.db)).rejects.toMatchObject({ code: 'not_found' });
    expect(await live(theirs, bystander, now)).not.toBeNull();

    expect(await endAllStaffSessions(scope(), { userId: uid }, fx.db)).toBe(1);
    expect(await listUserSessions(fx.db, uid, now)).toEqual([]);
    // A malformed session id never reaches the database.
    await expect(endStaffSession(scope(), { userId: uid, sessionId: "' or 1=1 --" }, fx.db)).rejects.toThrow();
  });

  it('an admin of another site sees and ends nothing', async () => {
    const uid = await newUser();
    const sid = await startSession(fx.db, uid, {}, T0);
    const [site] = await fx.db.insert(sites).values({ code: `other${n}`, name: 'Other' }).returning();
    const foreign = { ...scope(), siteId: site.id };
    await expect(staffSessions(foreign, uid, undefined, fx.db)).rejects.toMatchObject({ code: 'not_found' });
    await expect(endAllStaffSessions(foreign, { userId: uid }, fx.db)).rejects.toMatchObject({ code: 'not_found' });
    await expect(endStaffSession(foreign, { userId: uid, sessionId: sid }, fx.db)).rejects.toMatchObject({ code: 'not_found' });
    expect(await live(sid, uid)).not.toBeNull();
    expect((await fx.db.select().from(users).where(eq(users.id, uid))).length).toBe(1);
  });
});
