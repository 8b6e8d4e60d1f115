import { asc, eq, gt, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { adminAudit, complaints, notifications, signInThrottle, users } from '@/db/schema';
import { auditActors, auditChanges, listAudit, recordAudit } from '@/lib/admin/audit';
import { addCalendarDay, removeCalendarDay, saveCalendarSettings } from '@/lib/admin/calendar';
import { retryNotification } from '@/lib/admin/outbox';
import { endAllStaffSessions, endStaffSession } from '@/lib/admin/sessions';
import { createCategory, createDepartment, createSite, updateCategory, updateDepartment, updateSite } from '@/lib/admin/setup';
import { liftSignInLock } from '@/lib/admin/sign-in-locks';
import { saveSlaPolicy } from '@/lib/admin/sla';
import { createUser, resetPassword, setDepartmentHandlers, setUserActive, updateUser } from '@/lib/admin/staff';
import { startSession } from '@/lib/auth/session-store';
import { reissueAccessCode } from '@/lib/complaints/access-code';
import { createComplaint } from '@/lib/complaints/commands';
import { openReceipt } from '@/lib/complaints/receipt';
import { defaultSlaPolicy } from '@/lib/workflow';
import { forEachBackend } from '@/tests/helpers/databases';
import { adminFixture, complaintInput, T0, type AdminFixture } from './fixtures';

forEachBackend('admin audit log', (backend) => {
  let fx: AdminFixture;
  let admin: { id: string; role: 'admin'; siteId: string };
  /** Everything that must never reach the log. */
  const secrets: string[] = [];
  beforeAll(async () => {
    fx = await adminFixture(await backend.open());
    admin = { id: fx.adminId, role: 'admin', siteId: fx.siteId };
  });

  let seen = 0;
  /** Runs one act and returns the audit rows it added. */
  async function act(run: () => Promise<unknown>) {
    await run();
    const rows = await fx.db.select().from(adminAudit).where(gt(adminAudit.id, seen)).orderBy(asc(adminAudit.id));
    if (rows.length) seen = rows[rows.length - 1].id;
    return rows;
  }
  async function one(run: () => Promise<unknown>) {
    const rows = await act(run);
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  it('records each kind of staff change once, with who, what before and after, and never a password or hash', async () => {
    const created = await one(() => createUser({ login: 'audited', name: '审计员', role: 'desk', password: 'first-password-1' }, admin, fx.db));
    secrets.push('first-password-1');
    const [u] = await fx.db.select().from(users).where(eq(users.login, 'audited'));
    secrets.push(u.passwordHash);
    expect(created).toMatchObject({ actorUserId: fx.adminId, siteId: fx.siteId, action: 'staff.create', targetType: 'user', targetId: u.id, targetLabel: 'audited', before: null });
    expect(created.after).toEqual({ login: 'audited', name: '审计员', role: 'desk', department: null });
    expect(created.at).toBeInstanceOf(Date);

    const updated = await one(() => updateUser({ id: u.id, role: 'department', departmentId: fx.dept.service, absentUntil: '' }, admin, fx.db));
    expect(updated).toMatchObject({ action: 'staff.update', targetId: u.id, targetLabel: 'audited' });
    expect(updated.before).toMatchObject({ role: 'desk', department: null, active: true });
    expect(updated.after).toMatchObject({ role: 'department', department: 'service', active: true });
    expect(auditChanges(updated.before, updated.after).map((c) => c.field).sort()).toEqual(['department', 'role']);

    const reset = await one(() => resetPassword({ id: u.id, password: 'second-password-2' }, admin, fx.db));
    secrets.push('second-password-2');
    const [again] = await fx.db.select().from(users).where(eq(users.id, u.id));
    secrets.push(again.passwordHash);
    expect(reset).toMatchObject({ action: 'staff.password_reset', targetId: u.id, before: null, after: { sessionsEnded: 0 } });

    const handlers = await one(() =>
      setDepartmentHandlers({ departmentId: fx.dept.service, headUserId: u.id, primaryUserId: '', secondaryUserId: '' }, admin, fx.db),
    );
    expect(handlers).toMatchObject({ action: 'department.handlers', targetType: 'department', targetLabel: 'service' });
    expect((handlers.after as Record<string, unknown>).head).toBe('审计员'); // names, not ids

    const off = await one(() => setUserActive({ id: u.id, active: false }, admin, fx.db));
    expect(off).toMatchObject({ action: 'staff.deactivate', before: { active: true }, after: { active: false } });
    const on = await one(() => setUserActive({ id: u.id, active: true }, admin, fx.db));
    expect(on).toMatchObject({ action: 'staff.reactivate', before: { active: false }, after: { active: true } });

    // A refused change records nothing: the act and its record stand or fall together.
    expect(await act(() => updateUser({ id: u.id, role: 'desk', departmentId: '00000000-0000-4000-8000-000000000000', absentUntil: '' }, admin, fx.db).catch(() => null))).toHaveLength(0);
  });

  it('records sessions ended by an admin, never the session id', async () => {
    const [u] = await fx.db.select().from(users).where(eq(users.login, 'audited'));
    const a = await startSession(fx.db, u.id, {}, T0);
    const b = await startSession(fx.db, u.id, {}, T0);
    secrets.push(a, b);
    const endOne = await one(() => endStaffSession(admin, { userId: u.id, sessionId: a }, fx.db));
    expect(endOne).toMatchObject({ action: 'session.end', targetType: 'user', targetId: u.id, targetLabel: 'audited', after: { sessionsEnded: 1 } });
    const endAll = await one(() => endAllStaffSessions(admin, { userId: u.id }, fx.db));
    expect(endAll).toMatchObject({ action: 'session.end_all', after: { sessionsEnded: 1 } });
  });

  it('records sites, departments and categories created and changed', async () => {
    const site = await one(() => createSite({ code: 'north', name: '北区店' }, admin, fx.db));
    expect(site).toMatchObject({ action: 'site.create', targetType: 'site', targetLabel: 'north', after: { code: 'north', name: '北区店' } });
    const siteId = site.targetId!;
    const renamed = await one(() => updateSite({ id: siteId, name: '北区旗舰店' }, admin, fx.db));
    expect(renamed).toMatchObject({ action: 'site.update', before: { name: '北区店' }, after: { name: '北区旗舰店' } });

    const dept = await one(() => createDepartment({ code: 'audit', name: '稽核部', nameEn: 'Audit', siteId: '' }, admin, fx.db));
    expect(dept).toMatchObject({ action: 'department.create', siteId: fx.siteId, targetLabel: 'audit', after: { code: 'audit', name: '稽核部', nameEn: 'Audit' } });
    const deptUpdate = await one(() =>
      updateDepartment({ id: dept.targetId!, name: '稽核中心', nameEn: 'Audit', headUserId: '', primaryUserId: '', secondaryUserId: '' }, admin, fx.db),
    );
    expect(deptUpdate).toMatchObject({ action: 'department.update', targetLabel: 'audit' });
    expect(auditChanges(deptUpdate.before, deptUpdate.after)).toEqual([{ field: 'name', before: '稽核部', after: '稽核中心' }]);

    const cat = await one(() => createCategory({ code: 'noise', name: '噪音', nameEn: 'Noise', defaultDepartmentCode: '', defaultSeverity: 'general' }, admin, fx.db));
    expect(cat).toMatchObject({ action: 'category.create', targetLabel: 'noise' });
    const catUpdate = await one(() =>
      updateCategory({ id: cat.targetId!, name: '噪音', nameEn: 'Noise', defaultDepartmentCode: '', defaultSeverity: 'general', active: false }, admin, fx.db),
    );
    expect(auditChanges(catUpdate.before, catUpdate.after)).toEqual([{ field: 'active', before: true, after: false }]);
  });

  it('records the SLA policy, the calendar settings and calendar days', async () => {
    const sla = await one(() => saveSlaPolicy({ ...defaultSlaPolicy, 'response.general': { amount: 2, unit: 'hours' } }, fx.adminId, fx.db));
    expect(sla).toMatchObject({ action: 'sla.update', targetType: 'sla', actorUserId: fx.adminId });
    expect(auditChanges(sla.before, sla.after)).toEqual([{ field: 'response.general', before: defaultSlaPolicy['response.general'], after: { amount: 2, unit: 'hours' } }]);

    const settings = await one(() => saveCalendarSettings({ timeZone: 'Asia/Shanghai', workdayStart: '08:30', workdayEnd: '19:00' }, fx.adminId, fx.db));
    expect(settings).toMatchObject({ action: 'calendar.settings', after: { workdayEnd: '19:00' } });
    expect(auditChanges(settings.before, settings.after).map((c) => c.field)).toEqual(['workdayEnd']);

    const add = await one(() => addCalendarDay({ day: '2026-12-31', kind: 'holiday', name: '测试' }, fx.adminId, fx.db));
    expect(add).toMatchObject({ action: 'calendar_day.add', targetLabel: '2026-12-31', after: { day: '2026-12-31', kind: 'holiday', name: '测试' } });
    expect(await act(() => addCalendarDay({ day: '2026-12-31', kind: 'workday' }, fx.adminId, fx.db).catch(() => null))).toHaveLength(0);
    const remove = await one(() => removeCalendarDay('2026-12-31', fx.adminId, fx.db));
    expect(remove).toMatchObject({ action: 'calendar_day.remove', before: { day: '2026-12-31', kind: 'holiday' }, after: null });
  });

  it('records a lifted sign-in lock and a retried notification', async () => {
    await fx.db.insert(signInThrottle).values({ key: 'login:audited', failures: 5, lockedUntil: new Date(Date.now() + 60_000) });
    const lift = await one(() => liftSignInLock(fx.adminId, 'login:audited', fx.db));
    expect(lift).toMatchObject({ action: 'sign_in_lock.lift', targetLabel: 'login:audited', before: { failures: 5 }, after: { failures: 0, lockedUntil: null } });
    expect(await act(() => liftSignInLock(fx.adminId, 'login:nobody', fx.db))).toHaveLength(0);

    const [n] = await fx.db.insert(notifications).values({ audience: 'customer', channel: 'sms', address: '13900000000', template: 'received', payload: {}, status: 'failed' }).returning();
    const retry = await one(() => retryNotification(n.id, undefined, fx.adminId, fx.db));
    expect(retry).toMatchObject({ action: 'notification.retry', targetType: 'notification', targetId: n.id, before: { status: 'failed' }, after: { status: 'queued' } });
  });

  it('records every showing and reissue of an access code, never the code or the link', async () => {
    const { complaint } = await createComplaint(complaintInput, fx.desk, { now: T0 }, fx.db);
    await act(async () => {}); // the intake itself is no admin act
    const deskViewer = { ...fx.desk, departmentId: null, groupWide: false };
    const view = await one(() => openReceipt(fx.db, deskViewer as never, complaint.number));
    expect(view).toMatchObject({ action: 'access_code.view', actorUserId: fx.desk.id, siteId: fx.siteId, targetType: 'complaint', targetId: complaint.id, targetLabel: complaint.number });
    const [current] = await fx.db.select().from(complaints).where(eq(complaints.id, complaint.id));
    const reissue = await one(() => reissueAccessCode({ complaintId: complaint.id, actor: fx.desk, expectedVersion: current.version }, undefined, fx.db));
    expect(reissue).toMatchObject({ action: 'access_code.reissue', targetLabel: complaint.number });
    const [after] = await fx.db.select().from(complaints).where(eq(complaints.id, complaint.id));
    secrets.push(complaint.accessCode, after.accessCode, complaint.trackingToken);
  });

  it('holds no password, hash, session id, access code or private link anywhere', async () => {
    const all = JSON.stringify(await fx.db.select().from(adminAudit));
    expect(secrets.length).toBeGreaterThanOrEqual(9);
    for (const s of secrets) expect(all).not.toContain(s);
    expect(all).not.toMatch(/\$argon2/);
  });

  it('refuses to change or remove a recorded act', async () => {
    const [first] = await fx.db.select().from(adminAudit).orderBy(asc(adminAudit.id)).limit(1);
    await expect(fx.db.update(adminAudit).set({ action: 'nothing' }).where(eq(adminAudit.id, first.id))).rejects.toThrow();
    await expect(fx.db.delete(adminAudit).where(eq(adminAudit.id, first.id))).rejects.toThrow();
    await expect(fx.db.execute(sql`truncate admin_audit`)).rejects.toThrow();
    const [still] = await fx.db.select().from(adminAudit).where(eq(adminAudit.id, first.id));
    expect(still).toEqual(first);
  });

  it('lets only admins and management read the log, filtered and keyset-paged without gaps or repeats', async () => {
    for (const role of ['desk', 'department', 'gm', 'finance'] as const) {
      await expect(listAudit({ role, siteId: fx.siteId }, undefined, fx.db)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(auditActors({ role, siteId: fx.siteId }, fx.db)).rejects.toMatchObject({ code: 'forbidden' });
    }
    // 25 acts in one transaction share `at`: the id breaks the tie.
    await fx.db.transaction(async (tx) => {
      for (let i = 0; i < 25; i++) await recordAudit(tx, { actorUserId: fx.adminId, siteId: fx.siteId, action: 'calendar_day.add', targetType: 'calendar', targetLabel: `bulk-${i}` });
    });
    const total = (await fx.db.select().from(adminAudit)).length;
    const ids: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAudit({ role: 'management', siteId: fx.siteId }, { cursor, limit: 7 }, fx.db);
      ids.push(...page.rows.map((r) => r.id));
      cursor = page.next ?? undefined;
      pages++;
    } while (cursor && pages < 50);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids); // newest first
    expect(pages).toBe(Math.ceil(total / 7));

    const admins = await listAudit({ role: 'admin', siteId: fx.siteId }, { action: 'staff.update' }, fx.db);
    expect(admins.rows.map((r) => r.action)).toEqual(['staff.update']);
    expect(admins.rows[0]).toMatchObject({ actorName: '系统管理员', actorLogin: 'admin' });
    const group = await listAudit({ role: 'admin', siteId: fx.siteId }, { action: 'staff' }, fx.db);
    expect(group.rows.map((r) => r.action).sort()).toEqual(['staff.create', 'staff.deactivate', 'staff.password_reset', 'staff.reactivate', 'staff.update']);
    const byDesk = await listAudit({ role: 'admin', siteId: fx.siteId }, { actorId: fx.desk.id }, fx.db);
    expect(byDesk.rows.map((r) => r.action).sort()).toEqual(['access_code.reissue', 'access_code.view']);
    const today = await listAudit({ role: 'admin', siteId: fx.siteId }, { from: '2000-01-01', to: '2000-01-02' }, fx.db);
    expect(today.rows).toHaveLength(0);
    expect((await auditActors({ role: 'admin', siteId: fx.siteId }, fx.db)).map((a) => a.login).sort()).toEqual(['admin', 'desk']);
    // Another site's admin reads the installation-wide acts, not this site's; group-wide reads all.
    const [north] = await fx.db.select().from(adminAudit).where(eq(adminAudit.action, 'site.create'));
    const other = await listAudit({ role: 'admin', siteId: north.targetId! }, { limit: 200 }, fx.db);
    expect(other.rows.map((r) => r.action)).toContain('site.create');
    expect(other.rows.map((r) => r.action)).not.toContain('staff.create');
    expect((await listAudit({ role: 'admin', siteId: north.targetId!, groupWide: true }, { limit: 200 }, fx.db)).rows.length).toBe(Math.min(total, 200));
    // A tampered cursor shows the first page; a malformed filter is refused.
    expect((await listAudit({ role: 'admin', siteId: fx.siteId }, { cursor: 'garbage', limit: 3 }, fx.db)).rows.map((r) => r.id)).toEqual(ids.slice(0, 3));
    await expect(listAudit({ role: 'admin', siteId: fx.siteId }, { from: '2026-13-40' }, fx.db)).rejects.toThrow();
  });
});
