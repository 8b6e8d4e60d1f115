/**
 * The person complained about (an involved party, DESIGN §2) takes no part in handling the
 * complaint and sees nothing of it: every read function returns nothing of the form to him and
 * every command refuses him, while a colleague of the same role who is not involved still sees
 * it and may act. Admins and management still see who is recorded as involved.
 */
import { pngBytes } from '@/tests/public/fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { complaintParties, complaints, notifications, pendingItems, remedies, users } from '@/db/schema';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { addEvidence, readEvidence } from '@/lib/complaints/attachments';
import { applyEvent, type CommandActor } from '@/lib/complaints/commands';
import { saveDeterminationDraft } from '@/lib/complaints/draft';
import { CommandError } from '@/lib/complaints/errors';
import { canSee } from '@/lib/complaints/access';
import { loadFormView } from '@/lib/complaints/form-view';
import { findEarlierForms } from '@/lib/complaints/intake';
import { loadLedger } from '@/lib/complaints/ledger';
import { ledgerExport } from '@/lib/export/lists';
import { exportLabels } from '@/lib/export/labels';
import { parseCsv, writeExport } from '@/tests/helpers/export';
import { dashboardLists, listCustomersWaiting, listQueue, loadDashboard, queueSpec } from '@/lib/complaints/queues';
import { monthlyReport } from '@/lib/complaints/reports';
import { searchComplaints } from '@/lib/complaints/search';
import { listInbox } from '@/lib/notify/inbox';
import { forEachBackend } from '@/tests/helpers/databases';
import { at, openFixture, T0, type Fixture, type FormDriver } from '@/tests/commands/fixtures';

// A real 1×1 PNG: uploads are checked by content and pixel size.
const png = pngBytes();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-involved-'));
beforeAll(() => {
  process.env.KESU_ATTACHMENTS_DIR = dir;
});
afterAll(() => {
  delete process.env.KESU_ATTACHMENTS_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

const NOW = at(T0, 30);
const TZ = 'Asia/Shanghai';

forEachBackend('involved parties', (backend) => {
  let fx: Fixture;
  const u: Record<string, StaffUser> = {};
  const actor = (login: string): CommandActor => ({ ...u[login] });
  /** Service department form in investigating; involved: machao (service), chenchen (desk), management, gm. */
  let a: FormDriver;
  /** Received form, involved: chenchen; the desk's queues and intake lookups. */
  let b: FormDriver;

  async function expectRefused(p: Promise<unknown>, code = 'involved_party') {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).code).toBe(code);
  }

  beforeAll(async () => {
    fx = await openFixture(backend);
    // A second management and GM person: colleagues of the same role who are not involved.
    const [m] = await fx.db.select().from(users).where(eq(users.login, 'management'));
    await fx.db.insert(users).values([
      { siteId: m.siteId, login: 'management2', name: '管理二', role: 'management', email: 'm2@kesu.test', passwordHash: 'x' },
      { siteId: m.siteId, login: 'gm2', name: '总经理二', role: 'gm', email: 'gm2@kesu.test', passwordHash: 'x' },
    ]);
    for (const row of await fx.db.select().from(users)) u[row.login] = (await loadStaffUser(row.id, fx.db))!;

    a = await fx.create(T0, { categoryCode: 'attitude', partyUserIds: [u.machao.id, u.chenchen.id, u.management.id] });
    await a.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'important', followUpWanted: true, customerManagerId: u.desk.id, partyUserIds: [u.gm.id] }, at(T0, 0.5));
    b = await fx.create(at(T0, 1), { customerPhone: '13900000009', partyUserIds: [u.chenchen.id] });
  });

  it('refuses every command of an involved party, before the version check; a colleague may act', async () => {
    const stale = a.version - 1; // a stale-version refusal would name who acted last
    for (const login of ['machao', 'chenchen', 'management', 'gm']) {
      await expectRefused(applyEvent({ complaintId: a.id, event: 'note', input: { text: '我看看' }, actor: actor(login), expectedVersion: a.version }, { now: NOW }, fx.db));
      await expectRefused(applyEvent({ complaintId: a.id, event: 'note', input: { text: '我看看' }, actor: actor(login), expectedVersion: stale }, { now: NOW }, fx.db));
    }
    await expectRefused(saveDeterminationDraft({ complaintId: a.id, input: { rootCause: '不是我的错' }, actor: actor('machao') }, NOW, fx.db));
    await expectRefused(addEvidence({ complaintId: a.id, user: u.machao, files: [{ name: 'x.png', bytes: png }] }, NOW, fx.db));
    await expectRefused(addEvidence({ complaintId: a.id, user: u.gm, files: [{ name: 'x.png', bytes: png }] }, NOW, fx.db));
    // Nor may he be put in charge (customer manager) of a form he is involved in.
    await expectRefused(b.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true, customerManagerId: u.chenchen.id }, at(T0, 2)), 'not_assignable');

    // The same commands by colleagues of the same role go through.
    expect(await saveDeterminationDraft({ complaintId: a.id, input: { rootCause: '接待培训不足' }, actor: actor('liming') }, NOW, fx.db)).toMatchObject({ by: u.liming.name });
    await a.fire('note', 'liming', { text: '已联系客户' }, NOW);
    await a.fire('note', 'desk', { text: '已回电' }, NOW);
    // Last: an upload is an event of its own (evidence_added) and moves the form's version on.
    expect(await addEvidence({ complaintId: a.id, user: u.liming, files: [{ name: '现场.png', bytes: png }] }, NOW, fx.db)).toBe(1);
    const history = await a.history();
    expect(history.filter((h) => h.type === 'note').map((h) => h.actorName)).toEqual([u.liming.name, u.desk.name]);
  });

  it('the form page does not exist for him; admins and management see who is involved', async () => {
    for (const login of ['machao', 'chenchen', 'management', 'gm']) expect(await loadFormView(u[login], a.number, NOW, fx.db), login).toBeNull();
    for (const login of ['liming', 'service', 'desk', 'management2', 'gm2', 'admin']) {
      expect(await loadFormView(u[login], a.number, NOW, fx.db), login).not.toBeNull();
    }
    for (const login of ['admin', 'management2']) {
      const view = await loadFormView(u[login], a.number, NOW, fx.db);
      expect(view!.parties.map((p) => p.id).sort()).toEqual([u.machao.id, u.chenchen.id, u.management.id, u.gm.id].sort());
    }
    const row = (await a.row())!;
    expect(canSee(u.machao, { ...row, partyUserIds: [u.machao.id] })).toBe(false);
    expect(canSee(u.liming, { ...row, partyUserIds: [u.machao.id] })).toBe(true);
  });

  it('search finds it for colleagues only', async () => {
    const found = async (login: string, number: string) =>
      (await searchComplaints(u[login], { overdue: false, number } as never, { now: NOW, timeZone: TZ }, fx.db)).rows.map((r) => r.number);
    for (const login of ['machao', 'chenchen', 'management', 'gm']) expect(await found(login, a.number), login).toEqual([]);
    for (const login of ['liming', 'desk', 'management2', 'gm2', 'admin']) expect(await found(login, a.number), login).toEqual([a.number]);
  });

  it('is absent from every queue of his, present in his colleague’s', async () => {
    /** Every form of every list this person has (the dashboard's lists, whole), and the dashboard's first pages. */
    const queued = async (login: string, now = NOW) => {
      const user = u[login];
      const numbers: string[] = [];
      for (const name of dashboardLists(user.role)) {
        numbers.push(...(await listQueue(user, queueSpec(user, name)!, { size: 100 }, now, fx.db)).rows.map((r) => r.number));
      }
      for (const list of await loadDashboard(user, now, fx.db)) numbers.push(...list.page.rows.map((r) => r.number));
      return numbers;
    };
    expect(await queued('machao')).not.toContain(a.number);
    expect(await queued('liming')).toContain(a.number);
    // The desk: triage list (form b is received) and the "customers waiting for news" list.
    expect(await queued('desk')).toContain(b.number);
    expect(await queued('chenchen')).not.toContain(b.number);
    const waiting = async (login: string) => (await listCustomersWaiting(u[login], { size: 100 }, at(T0, 60), fx.db)).rows.map((r) => r.number);
    expect(await waiting('desk')).toEqual(expect.arrayContaining([a.number, b.number]));
    expect(await waiting('chenchen')).not.toContain(a.number);
    expect(await waiting('chenchen')).not.toContain(b.number);
    expect((await findEarlierForms(u.desk, { phone: '13900000009' }, fx.db)).map((r) => r.number)).toEqual([b.number]);
    expect(await findEarlierForms(u.chenchen, { phone: '13900000009' }, fx.db)).toEqual([]);
    // Management's and the GM's queues: put the form in their states.
    await fx.db.update(complaints).set({ status: 'management_review' }).where(eq(complaints.id, a.id));
    expect(await queued('management')).not.toContain(a.number);
    expect(await queued('management2')).toContain(a.number);
    await fx.db.update(complaints).set({ status: 'gm_decision', major: true }).where(eq(complaints.id, a.id));
    expect(await queued('gm')).not.toContain(a.number);
    const gm2 = await queued('gm2');
    expect(gm2.filter((n) => n === a.number).length).toBeGreaterThanOrEqual(2); // decisions and instructions
    await fx.db.update(complaints).set({ status: 'investigating', major: false }).where(eq(complaints.id, a.id));
  });

  it('is absent from the ledger and its CSV export', async () => {
    await fx.db.update(complaints).set({ status: 'pending' }).where(eq(complaints.id, a.id));
    await fx.db.insert(pendingItems).values({ complaintId: a.id, reason: 'parts_delayed', explanation: '配件在途', openedAt: NOW, nextContactOn: '2026-12-04' });
    const ledgerNumbers = async (login: string) => {
      const ledger = await loadLedger(u[login], { all: true, closed: true, now: NOW, timeZone: TZ }, fx.db);
      const page = [...ledger.open, ...ledger.round, ...ledger.closed, ...ledger.awaitingApproval].map((i) => i.number);
      // The export's rows (/export/ledger: lib/export).
      const table = ledgerExport(u[login], { all: true, closed: true, contactDay: 4 }, exportLabels('zh-CN'), { now: NOW, timeZone: TZ }, fx.db)!;
      const csv = parseCsv((await writeExport(table, 'csv')).toString('utf8').slice(1));
      return [...new Set([...page, ...csv.slice(1).map((r) => r[0])])];
    };
    for (const login of ['chenchen', 'management', 'gm']) expect(await ledgerNumbers(login), login).toEqual([]);
    for (const login of ['desk', 'management2', 'gm2']) expect(await ledgerNumbers(login), login).toEqual([a.number]);
    // Awaiting the GM's approval to enter the ledger.
    await fx.db.delete(pendingItems).where(eq(pendingItems.complaintId, a.id));
    await fx.db.update(complaints).set({ status: 'pending_approval' }).where(eq(complaints.id, a.id));
    for (const login of ['chenchen', 'management', 'gm']) expect(await ledgerNumbers(login), login).toEqual([]);
    for (const login of ['desk', 'management2', 'gm2']) expect(await ledgerNumbers(login), login).toEqual([a.number]);
    await fx.db.delete(pendingItems).where(eq(pendingItems.complaintId, a.id));
    await fx.db.update(complaints).set({ status: 'investigating' }).where(eq(complaints.id, a.id));
  });

  it('serves none of its attachments to him', async () => {
    const [file] = await fx.database.execute(`select id from attachments where complaint_id = '${a.id}'`);
    expect(file).toBeDefined();
    for (const login of ['machao', 'management', 'gm', 'chenchen']) expect(await readEvidence(u[login], String(file.id), fx.db), login).toBeNull();
    for (const login of ['liming', 'management2', 'desk']) expect(await readEvidence(u[login], String(file.id), fx.db), login).not.toBeNull();
  });

  it('sends him no notice about it and hides older ones from his inbox', async () => {
    const about = async (login: string, number: string) => (await listInbox(u[login].id, 'zh-CN', 500, fx.db)).filter((n) => n.number === number);
    // Queued at creation for the whole desk: the desk gets it, chenchen (involved) does not.
    expect((await about('desk', b.number)).length).toBeGreaterThan(0);
    const queued = await fx.db.select().from(notifications).where(eq(notifications.recipientUserId, u.chenchen.id));
    expect(queued.filter((n) => n.complaintId === b.id)).toEqual([]);
    // A notice queued before he was recorded as involved stays out of his inbox.
    const [notice] = await fx.db.select().from(notifications).where(and(eq(notifications.complaintId, b.id), eq(notifications.channel, 'inbox'))).limit(1);
    const { id: _id, ...copy } = notice;
    await fx.db.insert(notifications).values({ ...copy, recipientUserId: u.machao.id });
    expect(await about('machao', b.number)).toHaveLength(1);
    await fx.db.insert(complaintParties).values({ complaintId: b.id, userId: u.machao.id });
    expect(await about('machao', b.number)).toEqual([]);
    expect((await about('desk', b.number)).length).toBeGreaterThan(0);
  });

  it('leaves it out of the per-form list of the monthly report', async () => {
    await fx.db.insert(remedies).values({ complaintId: a.id, kind: 'compensation', description: '补偿 200 元', amountCents: 20000, status: 'delivered', createdAt: NOW });
    const compensated = async (login: string) => (await monthlyReport(u[login], '2026-11', TZ, fx.db)).compensation.map((c) => c.number);
    expect(await compensated('management')).toEqual([]);
    expect(await compensated('gm')).toEqual([]);
    for (const login of ['management2', 'gm2', 'finance']) expect(await compensated(login), login).toEqual([a.number]);
  });
});
