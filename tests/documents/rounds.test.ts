import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';
import { notifications, sites, storedReports } from '@/db/schema';
import { loadStaffUser } from '@/db/queries/staff';
import { roundMoment } from '@/lib/documents/rounds';
import { generateDueRounds, generateRound } from '@/lib/documents/generate';
import { listStoredReports, loadStoredReport } from '@/lib/documents/read';
import { deliverDueNotifications } from '@/lib/notify/deliver';
import type { OutboundMessage, Transport } from '@/lib/notify/transports';
import type { Database } from '@/db/client';

const TZ = 'Asia/Shanghai';

describe('the moments of the rounds (09:00 business time)', () => {
  it('is the last Tuesday, 2nd or 4th at 09:00 at or before now', () => {
    // Tuesday 2026-11-03 09:00 Shanghai = 01:00Z.
    expect(roundMoment('weekly', new Date('2026-11-03T01:00:00Z'), TZ).toISOString()).toBe('2026-11-03T01:00:00.000Z');
    expect(roundMoment('weekly', new Date('2026-11-03T00:59:59Z'), TZ).toISOString()).toBe('2026-10-27T01:00:00.000Z');
    expect(roundMoment('monthly', new Date('2026-12-01T12:00:00Z'), TZ).toISOString()).toBe('2026-11-02T01:00:00.000Z');
    expect(roundMoment('accountability', new Date('2027-01-04T01:00:00Z'), TZ).toISOString()).toBe('2027-01-04T01:00:00.000Z');
  });
});

/** An e-mail transport that keeps what it was given. */
function capture() {
  const sent: OutboundMessage[] = [];
  const transport: Transport = { async send(msg) { sent.push(msg); } };
  return { sent, transport };
}

async function sheetRows(buffer: Buffer, index = 0): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[index].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

forEachBackend('the scheduled rounds as documents', (backend) => {
  let fx: Fixture;
  const tuesday = new Date('2026-11-03T01:00:00Z'); // Tuesday 09:00 Shanghai
  const count = async (db = fx.db) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(storedReports).where(eq(storedReports.kind, 'weekly')))[0].n;

  beforeAll(async () => {
    fx = await openFixture(backend);
    // The portal has run since January (the make-up does not invent rounds from before it existed).
    await fx.db.update(sites).set({ createdAt: new Date('2026-01-01T00:00:00Z') });
    // The week before that Tuesday: three forms received, one resolved on the spot.
    const form = await fx.create(T0, { categoryCode: 'attitude' }); // Monday 2026-11-02
    await fx.create(at(T0, 2), { categoryCode: 'price' });
    await fx.create(at(T0, 3), { categoryCode: 'parts' });
    await form.fire('resolve_on_spot', 'desk', {
      remedy: { kind: 'apology', description: '致歉' }, rootCause: '态度', preventiveAction: '培训', followUpWanted: false,
      customerWhen: '今天已处理完毕。', customerHow: '已按处理措施落实。', customerCause: '我们的工作疏漏。', customerPrevention: '已加强培训和检查。',
    }, at(T0, 4));
  });

  it('is generated once at its moment, with frozen figures, an inbox notice and an e-mail carrying the XLSX', async () => {
    // A second before the moment the latest round is last week's: this week's is not made early.
    await generateRound(fx.db, 'weekly', new Date(tuesday.getTime() - 1000), TZ);
    expect((await fx.db.select().from(storedReports)).map((r) => r.periodFrom)).toEqual(['2026-10-20']);
    const before = await count();
    const first = await generateRound(fx.db, 'weekly', tuesday, TZ);
    expect(first.generated).toBe(1); // one site
    expect(first.queued).toBe(4); // GM and management: inbox + e-mail each
    expect(await count()).toBe(before + 1);
    // The same moment again (a second tick, a retry): nothing new.
    expect(await generateRound(fx.db, 'weekly', at(tuesday, 0.5), TZ)).toEqual({ generated: 0, queued: 0 });
    expect(await count()).toBe(before + 1);

    const gm = (await loadStaffUser(fx.actors.gm.id, fx.db))!;
    const [listed] = (await listStoredReports(gm, {}, fx.db)).rows;
    expect(listed).toMatchObject({ kind: 'weekly', periodFrom: '2026-10-27', periodLast: '2026-11-02' });
    const report = (await loadStoredReport(gm, listed.id, fx.db))!;
    expect(report.figures).toMatchObject({ received: 3, resolved: 1 });
    // Frozen: a form received later does not change the stored figures.
    await fx.create(at(T0, 5));
    expect((await loadStoredReport(gm, listed.id, fx.db))!.figures.received).toBe(3);
    // Finance does not read the weekly summary; a department head reads no report.
    expect(await loadStoredReport((await loadStaffUser(fx.actors.finance.id, fx.db))!, listed.id, fx.db)).toBeNull();
    expect((await listStoredReports((await loadStaffUser(fx.actors.service.id, fx.db))!, {}, fx.db)).rows).toEqual([]);

    const { sent, transport } = capture();
    await deliverDueNotifications(fx.database, { transports: { email: transport }, batch: 100 });
    const mails = sent.filter((m) => m.template === 'summary_weekly' && m.attachments?.[0].filename.endsWith('2026-10-27.xlsx'));
    expect(mails.map((m) => m.to).sort()).toEqual(['gm@kesu.test', 'management@kesu.test']);
    const mail = mails.find((m) => m.to === 'gm@kesu.test')!;
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments![0].filename).toBe('kesu-weekly-2026-10-27.xlsx');
    const rows = await sheetRows(mail.attachments![0].content);
    expect(rows[0]).toEqual(['项目', '单数', '金额（元）']);
    expect(rows).toContainEqual(['期间受理', 3]);
    expect(rows).toContainEqual(['期间解决', 1]);
    expect(rows).toContainEqual(['处罚', undefined, 0]);
    expect(mail.text).toContain(`/reports/documents/${listed.id}`);
  });

  it('a restart that missed the moment makes it up, once; rounds from before the portal existed are not invented', async () => {
    const monthly = () => fx.db.select().from(storedReports).where(eq(storedReports.kind, 'monthly'));
    // No instance ran on 2026-12-02 at 09:00; one starts at 11:30 and makes the round up.
    const restart = new Date('2026-12-02T03:30:00Z');
    const made = await generateDueRounds(fx.db, restart, TZ);
    expect(made.monthly.generated).toBe(1);
    const [report] = await monthly();
    expect(report).toMatchObject({ periodFrom: '2026-11-01', periodTo: '2026-12-01' });
    expect(report.dueAt.toISOString()).toBe('2026-12-02T01:00:00.000Z');
    expect(report.generatedAt.toISOString()).toBe(restart.toISOString());
    // Another restart: nothing twice.
    expect((await generateDueRounds(fx.db, at(restart, 1), TZ)).monthly.generated).toBe(0);
    expect(await monthly()).toHaveLength(1);
    // A portal installed after the round's moment does not make it up.
    await fx.db.update(sites).set({ createdAt: new Date('2026-12-03T00:00:00Z') });
    expect((await generateDueRounds(fx.db, new Date('2026-12-03T02:00:00Z'), TZ)).accountability.generated).toBe(0);
    await fx.db.update(sites).set({ createdAt: new Date('2026-01-01T00:00:00Z') });
  });

  it('the penalties and rewards of the 4th list every entry with its form, in the XLSX finance receives', async () => {
    const form = await fx.create(at(T0, 6), { categoryCode: 'workmanship' });
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: false }, at(T0, 6.1));
    await form.fire('submit_determination', 'service', {
      founded: true, responsibleDepartmentId: fx.dept.service, rootCause: '未按规范作业', responsiblePerson: 'none',
      remedyProposal: { kind: 'repair', description: '免费返修' }, preventiveAction: '班前会通报', customerContacted: true,
    }, at(T0, 7));
    await form.fire('approve_opinion', 'management', { faultOpinion: '同意' }, at(T0, 8));
    await form.fire('approve_final', 'gm', { opinion: '同意' }, at(T0, 9));
    await form.fire('complete_handling', 'management', {
      remedyDelivered: { kind: 'repair', description: '已返修' }, rootCause: '未按规范作业', preventiveAction: '班前会通报',
      accountability: [{ userId: fx.actors.sales.id, type: 'penalty', amountCents: 30_000, reason: '交车前未复检' }],
      customerWhen: '今天已修好', customerHow: '免费返修', customerCause: '装配不当', customerPrevention: '加强培训',
    }, at(T0, 10));
    const result = await generateRound(fx.db, 'accountability', new Date('2026-12-04T01:00:00Z'), TZ);
    expect(result.generated).toBe(1);
    const { sent, transport } = capture();
    await deliverDueNotifications(fx.database, { transports: { email: transport }, batch: 100 });
    const mail = sent.find((m) => m.to === 'finance@kesu.test' && m.attachments?.[0].filename === 'kesu-accountability-2026-11-01.xlsx')!;
    expect(mail.text).toContain('¥300.00');
    expect(await sheetRows(mail.attachments![0].content)).toContainEqual(['处罚', undefined, 300]);
    const entries = await sheetRows(mail.attachments![0].content, 1);
    expect(entries[0]).toEqual(['人员', '部门', '客诉单号', '类型', '金额（元）', '事由', '记录时间']);
    expect(entries.slice(1).map((r) => r.slice(0, 6))).toEqual([['吴涛', '销售部', form.number, '处罚', 300, '交车前未复检']]);
  });

  it('a restart that missed several moments makes up every one of them, oldest first, each once', async () => {
    const periods = async (kind: 'weekly' | 'monthly') =>
      (await fx.db.select({ from: storedReports.periodFrom }).from(storedReports).where(eq(storedReports.kind, kind))).map((r) => r.from).sort();
    const weeklyBefore = await periods('weekly');
    const monthlyBefore = await periods('monthly');
    expect(weeklyBefore.at(-1)).toBe('2026-11-24'); // the Tuesday 1 December round, made up on 2 December
    expect(monthlyBefore.at(-1)).toBe('2026-11-01');
    // Nothing ran from 2 December until Sunday 3 January: four Tuesdays and one 2nd were missed.
    const restart = new Date('2027-01-03T03:00:00Z');
    const made = await generateDueRounds(fx.db, restart, TZ);
    expect(made.weekly.generated).toBe(4);
    expect(made.monthly.generated).toBe(1);
    expect(made.accountability.generated).toBe(0); // its 4 December round was made on time
    expect((await periods('weekly')).slice(weeklyBefore.length)).toEqual(['2026-12-01', '2026-12-08', '2026-12-15', '2026-12-22']);
    expect((await periods('monthly')).slice(monthlyBefore.length)).toEqual(['2026-12-01']);
    // Each was stored at its own moment, generated now.
    const [dec15] = await fx.db.select().from(storedReports).where(and(eq(storedReports.kind, 'weekly'), eq(storedReports.periodFrom, '2026-12-08')));
    expect(dec15.dueAt.toISOString()).toBe('2026-12-15T01:00:00.000Z');
    expect(dec15.generatedAt.toISOString()).toBe(restart.toISOString());
    // Again (another instance, the hourly catch-up): nothing twice.
    const again = await generateDueRounds(fx.db, at(restart, 1), TZ);
    expect([again.weekly.generated, again.monthly.generated, again.accountability.generated]).toEqual([0, 0, 0]);
    expect(new Set(await periods('weekly')).size).toBe((await periods('weekly')).length);
  });

  if (backend.kind === 'postgres') {
    it('two app instances on one PostgreSQL generate and send it once', async () => {
      const other: Database = await backend.open(); // a second pool: a second app instance
      const moment = new Date('2027-01-04T01:00:00Z');
      const results = await Promise.all([generateRound(fx.db, 'accountability', moment, TZ), generateRound(other.db, 'accountability', moment, TZ)]);
      expect(results.map((r) => r.generated).sort()).toEqual([0, 1]);
      const reports = await fx.db.select().from(storedReports).where(and(eq(storedReports.kind, 'accountability'), eq(storedReports.periodFrom, '2026-12-01')));
      expect(reports).toHaveLength(1);
      const mails = await fx.db.select().from(notifications).where(and(
        eq(notifications.template, 'summary_accountability'), eq(notifications.channel, 'email'), sql`${notifications.payload}->>'reportId' = ${reports[0].id}`,
      ));
      expect(mails).toHaveLength(2); // the GM and finance, once each
      // Both deliver: each e-mail goes out once.
      const a = capture();
      const b = capture();
      await Promise.all([
        deliverDueNotifications(fx.database, { transports: { email: a.transport }, batch: 100 }),
        deliverDueNotifications(other, { transports: { email: b.transport }, batch: 100 }),
      ]);
      const sent = [...a.sent, ...b.sent].filter((m) => m.attachments?.[0].filename === 'kesu-accountability-2026-12-01.xlsx');
      expect(sent.map((m) => m.to).sort()).toEqual(['finance@kesu.test', 'gm@kesu.test']);
      const rows = await sheetRows(sent[0].attachments![0].content);
      expect(rows[0]).toEqual(['项目', '单数', '金额（元）']);
    });
  }

});
