import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { departments, notifications, users } from '@/db/schema';
import { findUserForSignIn, loadStaffUser } from '@/db/queries/staff';
import { verifyPassword } from '@/lib/auth/password';
import { listNotifications, retryNotification } from '@/lib/admin/outbox';
import { createUser, listStaff, resetPassword, setDepartmentHandlers, setUserActive, updateUser } from '@/lib/admin/staff';
import { forEachBackend } from '@/tests/helpers/databases';
import { adminFixture, type AdminFixture } from './fixtures';

forEachBackend('admin: staff and outbox', (backend) => {
  let fx: AdminFixture;
  beforeAll(async () => {
    fx = await adminFixture(await backend.open());
  });
  const scope = () => ({ id: fx.adminId, role: 'admin' as const, siteId: fx.siteId });

  it('creating a user stores an argon2id hash that verifyPassword accepts', async () => {
    const { id, login } = await createUser({ login: ' New.Clerk ', name: '新员工', role: 'desk', password: 'correct-horse-1' }, scope(), fx.db);
    expect(login).toBe('new.clerk');
    const [row] = await fx.db.select().from(users).where(eq(users.id, id));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, 'correct-horse-1')).toBe(true);
    expect(await verifyPassword(row.passwordHash, 'wrong-password')).toBe(false);
    // Sign-in finds the user by login, case-insensitively.
    expect((await findUserForSignIn('NEW.CLERK', fx.db))?.id).toBe(id);

    await expect(createUser({ login: 'new.clerk', name: 'x', role: 'desk', password: 'another-pass-1' }, scope(), fx.db)).rejects.toMatchObject({
      code: 'login_taken',
      field: 'login',
    });
    await expect(createUser({ login: 'short', name: 'x', role: 'desk', password: 'too-short' }, scope(), fx.db)).rejects.toThrow();
    await expect(createUser({ login: 'nodept', name: 'x', role: 'department', password: 'long-enough-1' }, scope(), fx.db)).rejects.toThrow();

    await resetPassword({ id, password: 'reset-password-2' }, scope(), fx.db);
    const [after] = await fx.db.select().from(users).where(eq(users.id, id));
    expect(await verifyPassword(after.passwordHash, 'reset-password-2')).toBe(true);
    expect(await verifyPassword(after.passwordHash, 'correct-horse-1')).toBe(false);
  });

  it('the staff list carries no password hash', async () => {
    const list = await listStaff(scope(), fx.db);
    expect(list.length).toBeGreaterThan(1);
    for (const u of list) expect(Object.keys(u)).not.toContain('passwordHash');
  });

  it('edits role, department, absence and handlers; deactivation keeps the row and ends sign-in', async () => {
    const { id } = await createUser({ login: 'svc.head', name: '服务经理', role: 'department', departmentId: fx.dept.service, password: 'head-password-1' }, scope(), fx.db);
    const { id: other } = await createUser({ login: 'svc.two', name: '服务二', role: 'department', departmentId: fx.dept.service, password: 'head-password-1' }, scope(), fx.db);
    await setDepartmentHandlers({ departmentId: fx.dept.service, headUserId: id, primaryUserId: other, secondaryUserId: '' }, scope(), fx.db);
    expect((await loadStaffUser(id, fx.db))?.departmentPosition).toBe('head');
    // Only users of the department may hold its positions.
    await expect(
      setDepartmentHandlers({ departmentId: fx.dept.parts, headUserId: id }, scope(), fx.db),
    ).rejects.toMatchObject({ code: 'not_in_department', field: 'headUserId' });

    await updateUser({ id, role: 'department', departmentId: fx.dept.service, absentUntil: '2026-11-05' }, scope(), fx.db);
    const row = (await listStaff(scope(), fx.db)).find((u) => u.id === id)!;
    expect(row.absentThrough).toBe('2026-11-05');
    expect(row.absentUntil?.toISOString()).toBe('2026-11-05T16:00:00.000Z'); // next local midnight, Asia/Shanghai

    // Moving to another department gives up the head position of the old one.
    await updateUser({ id, role: 'department', departmentId: fx.dept.parts, absentUntil: '' }, scope(), fx.db);
    const [svc] = await fx.db.select().from(departments).where(eq(departments.id, fx.dept.service));
    expect(svc.headUserId).toBeNull();
    expect(svc.primaryUserId).toBe(other);

    await setUserActive({ id: other, active: false }, scope(), fx.db);
    expect(await loadStaffUser(other, fx.db)).toBeNull();
    expect(await findUserForSignIn('svc.two', fx.db)).toBeNull();
    const [svcAfter] = await fx.db.select().from(departments).where(eq(departments.id, fx.dept.service));
    expect(svcAfter.primaryUserId).toBeNull();
    expect((await fx.db.select().from(users).where(eq(users.id, other))).length).toBe(1);

    // The admin cannot lock themselves out.
    await expect(setUserActive({ id: fx.adminId, active: false }, scope(), fx.db)).rejects.toMatchObject({ code: 'self_lockout' });
    await expect(updateUser({ id: fx.adminId, role: 'desk' }, scope(), fx.db)).rejects.toMatchObject({ code: 'self_lockout' });
  });

  it('retrying a failed notification re-queues it; other states are refused', async () => {
    const [failed, sent] = await fx.db
      .insert(notifications)
      .values([
        { audience: 'customer', channel: 'email', address: 'a@example.com', template: 'received', payload: { number: 'KS-2026-000001' }, status: 'failed', attempts: 5, lastError: 'SMTP 550', nextAttemptAt: new Date('2030-01-01T00:00:00Z') },
        { audience: 'customer', channel: 'sms', address: '13800138001', template: 'received', payload: { number: 'KS-2026-000001' }, status: 'sent', attempts: 1, sentAt: new Date() },
      ])
      .returning();
    const now = new Date('2026-11-02T01:00:00Z');
    await retryNotification(failed.id, now, undefined, fx.db);
    const [row] = await fx.db.select().from(notifications).where(eq(notifications.id, failed.id));
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(0);
    expect(row.nextAttemptAt.toISOString()).toBe(now.toISOString());
    await expect(retryNotification(failed.id, undefined, undefined, fx.db)).rejects.toMatchObject({ code: 'not_retryable' });
    await expect(retryNotification(sent.id, undefined, undefined, fx.db)).rejects.toMatchObject({ code: 'not_retryable' });
    await expect(retryNotification('00000000-0000-4000-8000-000000000000', undefined, undefined, fx.db)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists the outbox newest first, filtered, rendered and keyset-paginated without gaps or repeats', async () => {
    await fx.db.delete(notifications);
    // 25 rows in one statement share created_at (now() of the transaction): the id breaks the tie.
    await fx.db.insert(notifications).values(
      Array.from({ length: 25 }, (_, i) => ({
        audience: 'staff',
        channel: i % 5 === 0 ? 'email' : 'inbox',
        recipientUserId: fx.desk.id,
        template: 'assigned',
        locale: i % 2 ? 'en' : 'zh-CN',
        payload: { number: `KS-2026-${String(i).padStart(6, '0')}` },
        status: i % 3 === 0 ? 'failed' : 'sent',
      })),
    );
    await fx.db.insert(notifications).values({ audience: 'customer', channel: 'sms', address: '13900000000', template: 'nope', payload: {} });

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listNotifications({ cursor, limit: 7 }, fx.db);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.next ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(26);

    const first = await listNotifications({ limit: 1 }, fx.db);
    expect(first.rows[0].template).toBe('nope'); // the newest
    expect(first.rows[0].rendered).toBeNull(); // unknown template: shown without a rendering
    expect(first.rows[0].recipient).toBe('13900000000');

    const inbox = await listNotifications({ channel: 'inbox', status: 'failed' }, fx.db);
    expect(inbox.rows.length).toBe(Array.from({ length: 25 }, (_, i) => i).filter((i) => i % 5 !== 0 && i % 3 === 0).length);
    for (const r of inbox.rows) {
      expect(r.recipient).toBe('王丽');
      expect(r.rendered?.subject).toMatch(r.locale === 'en' ? /^To do: form KS-2026-/ : /^待办：处理单 KS-2026-/);
    }
    expect(await listNotifications({ cursor: 'garbage' }, fx.db)).toMatchObject({ rows: expect.any(Array) });
  });
});
