import { beforeAll, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { users } from '@/db/schema';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { applyEvent, createComplaint } from '@/lib/complaints/commands';
import {
  contactRoundDate,
  ledgerCsvColumns,
  loadLedger,
  loadWholeLedger,
  defaultLedgerScope,
  mayOpenLedger,
  type LedgerItem,
} from '@/lib/complaints/ledger';
import { csvField } from '@/lib/export/csv';
import { ledgerExport, type ExportLabels } from '@/lib/export/lists';
import { parseCsv, writeExport } from '@/tests/helpers/export';
import type { EventName } from '@/lib/workflow';
import { forEachBackend } from '@/tests/helpers/databases';
import { openDemo } from '@/tests/helpers/demo';

/** Monday 2026-11-02 09:00 Asia/Shanghai. */
const NOW = new Date('2026-11-02T01:00:00Z');
const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const at = (h: number) => new Date(NOW.getTime() + h * HOUR);

/** Labels that show which translation each cell went through (lib/export's ledger export). */
const labels: ExportLabels = {
  t: (k) => k,
  wf: (k) => (k.startsWith('states.') ? `S:${k.slice(7)}` : k.startsWith('pendingReasons.') ? `R:${k.slice(15)}` : k),
  ledger: (k) => (k.startsWith('fields.') ? k.slice(7) : k.startsWith('outcomes.') ? `O:${k.slice(9)}` : k),
  locale: 'zh-CN',
  colon: '：',
};

forEachBackend('ledger', (backend) => {
  let database: Database;
  let db: Db;
  const staff: Record<string, StaffUser> = {};
  let extra: { id: string; number: string; version: number };

  async function fire(form: { id: string; version: number }, event: EventName, login: string, input: unknown, now: Date) {
    const { complaint } = await applyEvent({ complaintId: form.id, event, input, actor: { ...staff[login] }, expectedVersion: form.version }, { now }, db);
    form.version = complaint.version;
    return complaint;
  }

  beforeAll(async () => {
    ({ database, db } = await openDemo(backend, NOW, staff));
    // One more pending item, managed by 王丽 (desk), with an explanation that needs CSV quoting.
    const { complaint } = await createComplaint({
      channel: 'phone', customerName: '钱多多', customerPhone: '13811110000', plate: '粤A·LEDG1', categoryCode: 'parts',
      description: '预订的原厂轮毂一个月未到货。', customerRequest: '告知到货时间。',
    }, { ...staff.desk }, { now: at(-5) }, db);
    extra = { id: complaint.id, number: complaint.number, version: complaint.version };
    await fire(extra, 'triage', 'desk', { departmentId: staff.parts.departmentId, severity: 'general', followUpWanted: true, customerManagerId: staff.desk.id }, at(-4.5));
    await fire(extra, 'propose_pending', 'desk', { reason: 'parts_delayed', explanation: '=厂家缺货, 预计"四周"到货\n=到货后通知' }, at(-4));
    await fire(extra, 'approve_pending', 'gm', { comment: '同意。', nextContactOn: '2026-11-04' }, at(-3));
  });

  // Issue 17 opened the ledger to departments (their own forms' items): 'department' moved from the refused to the allowed.
  it('lets desk, department, management and gm open the ledger; not admin or finance', () => {
    expect(['desk', 'department', 'management', 'gm'].every((r) => mayOpenLedger(r as never))).toBe(true);
    expect(['admin', 'finance'].some((r) => mayOpenLedger(r as never))).toBe(false);
  });

  it("shows a department the items of its own department's forms only", async () => {
    const parts = await loadLedger(staff.parts, { now: NOW, timeZone: TZ }, db);
    const all = await loadLedger(staff.management, { now: NOW, timeZone: TZ }, db);
    expect(parts.open.map((i) => i.number)).toContain(extra.number);
    expect(parts.open.length).toBeLessThan(all.open.length);
    expect(parts.open.every((i) => !i.canRecordContact)).toBe(true);
  });

  it("opens a desk clerk's ledger on their own items, or on everything when they manage none", async () => {
    expect(await defaultLedgerScope(staff.desk, db)).toBe('mine');
    expect(await defaultLedgerScope(staff.chenchen, db)).toBe('mine');
    // A new clerk who manages no form yet.
    const [fresh] = await db.insert(users).values({ siteId: staff.desk.siteId, login: 'ledger-new-clerk', name: '新客服', role: 'desk', passwordHash: 'x' }).returning({ id: users.id });
    const clerk = (await loadStaffUser(fresh.id, db))!;
    expect(await defaultLedgerScope(clerk, db)).toBe('all');
    expect((await loadLedger(clerk, { now: NOW, timeZone: TZ }, db)).open).toEqual([]);
    expect(await defaultLedgerScope(staff.management, db)).toBe('all');
  });

  it('shows a customer manager their own items, the desk all on request, management and gm all', async () => {
    const mine = await loadLedger(staff.chenchen, { now: NOW, timeZone: TZ }, db);
    const all = await loadLedger(staff.management, { now: NOW, timeZone: TZ }, db);
    expect(mine.open.length).toBeGreaterThan(0);
    expect(mine.open.every((i) => i.managerName === '陈晨')).toBe(true);
    const deskMine = await loadLedger(staff.desk, { now: NOW, timeZone: TZ }, db);
    expect(deskMine.open.map((i) => i.number)).toEqual([extra.number]);
    const deskAll = await loadLedger(staff.desk, { all: true, now: NOW, timeZone: TZ }, db);
    expect(deskAll.open.map((i) => i.number).sort()).toEqual(all.open.map((i) => i.number).sort());
    expect(all.open.length).toBe(mine.open.length + 1);
    expect((await loadLedger(staff.gm, { now: NOW, timeZone: TZ }, db)).open.length).toBe(all.open.length);
    // Roles without the ledger get nothing even if they reach the query (a department now has
    // the ledger of its own forms, issue 17: the admin stands for the refused here).
    expect((await loadLedger(staff.admin, { now: NOW, timeZone: TZ }, db)).open).toEqual([]);
    expect((await loadLedger(staff.finance, { now: NOW, timeZone: TZ }, db)).open).toEqual([]);
  });

  it('lists every item with reason, since when, approver, last and next contact and the contacts', async () => {
    const ledger = await loadLedger(staff.management, { now: NOW, timeZone: TZ }, db);
    for (const item of ledger.open) {
      expect(item.status).toBe('pending');
      expect(item.reason).toBeTruthy();
      expect(item.explanation).toBeTruthy();
      expect(item.approvedByName).toBe('黄志远');
      expect(item.openedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(item.nextContactOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // The demo items had one contact each (made through record_contact).
    const demo = ledger.open.filter((i) => i.number !== extra.number);
    expect(demo.every((i) => i.contacts.length === 1 && i.lastContactAt !== null)).toBe(true);
    expect(demo[0].contacts[0]).toMatchObject({ byName: '王丽', summary: '已电话联系客户，告知配件仍在途中。' });
    const mine = ledger.open.find((i) => i.number === extra.number)!;
    expect(mine).toMatchObject({ reason: 'parts_delayed', nextContactOn: '2026-11-04', lastContactAt: null, contacts: [] });
  });

  it("puts items due by the 4th of this month (or overdue) in this month's contact round", async () => {
    expect(contactRoundDate(NOW, TZ)).toBe('2026-11-04');
    // 1 December 2026 00:30 in Shanghai is still 30 November in UTC: the business day counts.
    expect(contactRoundDate(new Date('2026-11-30T16:30:00Z'), TZ)).toBe('2026-12-04');
    const now = await loadLedger(staff.management, { now: NOW, timeZone: TZ }, db);
    expect(now.roundDate).toBe('2026-11-04');
    expect(now.round.map((i) => i.number)).toEqual([extra.number]);
    expect(now.round[0].overdue).toBe(false);
    // In December every item (next contact on the 4th of December) is in the round …
    const december = await loadLedger(staff.management, { now: new Date('2026-12-01T01:00:00Z'), timeZone: TZ }, db);
    expect(december.round.length).toBe(december.open.length);
    // … and after the 4th the extra one (due 4 Nov) is overdue.
    const late = await loadLedger(staff.management, { now: new Date('2026-11-10T01:00:00Z'), timeZone: TZ }, db);
    expect(late.round.find((i) => i.number === extra.number)?.overdue).toBe(true);
  });

  it('lists the forms waiting for the GM approval', async () => {
    const gm = await loadLedger(staff.gm, { now: NOW, timeZone: TZ }, db);
    expect(gm.awaitingApproval.length).toBeGreaterThan(0);
    for (const a of gm.awaitingApproval) {
      expect(a.reason).toBe('parts_delayed');
      expect(a.explanation).toBeTruthy();
      expect(a.proposedBy).toBeTruthy();
    }
  });

  it('records a contact through the workflow event, and the item leaves the round; resume closes it', async () => {
    const before = (await loadLedger(staff.desk, { now: NOW, timeZone: TZ }, db)).open[0];
    expect(before.canRecordContact).toBe(true);
    expect(before.version).toBe(extra.version);
    await fire(extra, 'record_contact', 'desk', { summary: '客户同意配件到货后再来店。' }, at(1));
    const after = await loadLedger(staff.desk, { now: NOW, timeZone: TZ }, db);
    const item = after.open[0];
    expect(item.contacts.map((c) => c.summary)).toEqual(['客户同意配件到货后再来店。']);
    expect(item.lastContactAt).toEqual(at(1));
    expect(item.nextContactOn).toBe('2026-12-04');
    expect(after.round).toEqual([]);
    // A stale version is refused (someone else changed the form meanwhile).
    await expect(applyEvent({ complaintId: extra.id, event: 'record_contact', input: { summary: 'x' }, actor: { ...staff.desk }, expectedVersion: before.version }, { now: at(2) }, db)).rejects.toMatchObject({ code: 'stale_version' });
    // Management may read but not record.
    expect((await loadLedger(staff.management, { now: NOW, timeZone: TZ }, db)).open.every((i) => !i.canRecordContact)).toBe(true);

    await fire(extra, 'resume', 'desk', { reason: '配件已到货，客户已约定来店。' }, at(3));
    const resumed = await loadLedger(staff.desk, { now: NOW, timeZone: TZ }, db);
    expect(resumed.open).toEqual([]);
    const withClosed = await loadLedger(staff.desk, { closed: true, now: NOW, timeZone: TZ }, db);
    expect(withClosed.closed.map((i) => [i.number, i.outcome])).toEqual([[extra.number, 'resumed']]);
  });

  it('exports CSV (lib/export, /export/ledger) with BOM and proper quoting that parses back to the same values', async () => {
    const ledger = await loadLedger(staff.management, { closed: true, now: NOW, timeZone: TZ }, db);
    const items: LedgerItem[] = [...ledger.open, ...ledger.closed];
    const table = ledgerExport(staff.management, { all: true, closed: true, contactDay: 4 }, labels, { now: NOW, timeZone: TZ }, db)!;
    const csv = (await writeExport(table, 'csv')).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = parseCsv(csv.slice(1));
    expect(parsed[0]).toEqual([...ledgerCsvColumns]);
    expect(parsed.length).toBe(items.length + 1);
    const col = (name: (typeof ledgerCsvColumns)[number]) => ledgerCsvColumns.indexOf(name);
    for (const r of parsed.slice(1)) expect(r.length).toBe(ledgerCsvColumns.length);
    const extraRow = parsed.find((r) => r[col('number')] === extra.number)!;
    // A cell a spreadsheet would run as a formula stays text.
    expect(extraRow[col('explanation')]).toBe('\'=厂家缺货, 预计"四周"到货\n=到货后通知');
    expect(extraRow[col('reason')]).toBe('R:parts_delayed');
    expect(extraRow[col('outcome')]).toBe('O:resumed');
    expect(extraRow[col('contacts')]).toMatch(/^2026-11-02 10:00 王丽：客户同意配件到货后再来店。$/);
    expect(extraRow[col('openedAt')]).toBe('2026-11-02 06:00');
    const demoRow = parsed.slice(1).find((r) => r[col('number')] !== extra.number)!;
    expect(demoRow[col('nextContact')]).toBe('2026-12-04');
    expect(demoRow[col('approvedBy')]).toBe('黄志远');
    // Formula-like cells stay text; quotes are doubled.
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField(null)).toBe('');
  });

  it('pages the open items by next contact, each once, and the export holds every page', async () => {
    const user = staff.management;
    const whole = await loadLedger(user, { now: NOW, timeZone: TZ, size: 500 }, db);
    expect(whole.open.length).toBeGreaterThan(2);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (; pages < 50; pages++) {
      const page = await loadLedger(user, { now: NOW, timeZone: TZ, size: 2, after }, db);
      expect(page.open.length).toBeLessThanOrEqual(2);
      expect(page.openTotal).toEqual({ count: whole.open.length, capped: false });
      seen.push(...page.open.map((i) => i.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(pages).toBeGreaterThan(0);
    expect(seen).toEqual(whole.open.map((i) => i.id));
    const dates = whole.open.map((i) => i.nextContactOn);
    expect(dates).toEqual([...dates].sort());
    const exported = await loadWholeLedger(user, { closed: true, now: NOW, timeZone: TZ }, db);
    const withClosed = await loadLedger(user, { closed: true, now: NOW, timeZone: TZ, size: 500 }, db);
    expect(exported.map((i) => i.id).sort()).toEqual([...withClosed.open, ...withClosed.closed].map((i) => i.id).sort());
    // The export's pages of two hold the same items.
    const table = ledgerExport(user, { all: true, closed: true, contactDay: 4 }, labels, { now: NOW, timeZone: TZ }, db, 2)!;
    const csvNumbers = parseCsv((await writeExport(table, 'csv')).toString('utf8').slice(1)).slice(1).map((r) => r[0]);
    expect(csvNumbers.sort()).toEqual(exported.map((i) => i.number).sort());
  });
});
