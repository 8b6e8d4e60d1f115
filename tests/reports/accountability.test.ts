import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture, type FormDriver } from '@/tests/commands/fixtures';
import { accountabilityEntries, sites, users } from '@/db/schema';
import { monthlyReport } from '@/lib/complaints/reports';
import { queueSummaries } from '@/lib/complaints/summaries';
import { listInbox } from '@/lib/notify/inbox';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';

forEachBackend('accountability from the staff directory', (backend) => {
  let fx: Fixture;
  let finance: StaffUser;
  let elsewhere: string; // a member of another site's staff
  const ghost = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    fx = await openFixture(backend);
    finance = (await loadStaffUser(fx.actors.finance.id, fx.db))!;
    const [east] = await fx.db.insert(sites).values({ code: 'east', name: '东区店' }).returning();
    const [u] = await fx.db
      .insert(users)
      .values({ siteId: east.id, login: 'east-tech', name: '吴涛', role: 'department', email: 'east-tech@kesu.test', passwordHash: 'not-a-hash' })
      .returning();
    elsewhere = u.id;
  });

  /** A form in `accountability`, its determination naming `responsible`. */
  async function toAccountability(start: Date, responsible: Record<string, unknown> = { responsiblePerson: 'none' }): Promise<FormDriver> {
    const form = await fx.create(start, { categoryCode: 'workmanship' });
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: false }, at(start, 0.1));
    await form.fire('submit_determination', 'service', {
      founded: true, responsibleDepartmentId: fx.dept.service, rootCause: '未按规范作业', ...responsible,
      remedyProposal: { kind: 'repair', description: '免费返修' }, preventiveAction: '班前会通报', customerContacted: true,
    }, at(start, 1));
    await form.fire('approve_opinion', 'management', { faultOpinion: '同意' }, at(start, 2));
    await form.fire('approve_final', 'gm', { opinion: '同意' }, at(start, 3));
    return form;
  }
  const handling = (accountability: unknown[]) => ({
    remedyDelivered: { kind: 'repair', description: '已返修' }, rootCause: '未按规范作业', preventiveAction: '班前会通报', accountability,
    customerWhen: '今天已修好', customerHow: '免费返修', customerCause: '装配不当', customerPrevention: '加强培训',
  });

  it('groups the month’s entries by directory person and lists each with its form number, amount and reason', async () => {
    const wu = fx.actors.sales.id; // 吴涛
    const first = await toAccountability(T0);
    // The name typed with a directory pick does not count: the directory's name is recorded.
    await first.fire('complete_handling', 'management', handling([
      { userId: wu, person: '班组长 吴涛', type: 'penalty', amountCents: 30_000, reason: '交车前未复检' },
      { person: ' 外包清洗工  老周 ', type: 'reward', amountCents: 5_000, reason: '主动返工' },
    ]), at(T0, 4));
    const second = await toAccountability(at(T0, 24));
    await second.fire('complete_handling', 'management', handling([
      { userId: wu, type: 'penalty', amountCents: 20_000, reason: '延误交车' },
      { person: '外包清洗工 老周', type: 'penalty', amountCents: 1_000, reason: '遗漏脚垫' },
    ]), at(T0, 28));
    // A fault settled at assessment names him again.
    await second.fire('flag_fault', 'desk', { fault: '回访前未通知客户' }, at(T0, 30));
    await second.fire('settle_fault', 'management', { settlement: '通报', accountability: [{ userId: wu, type: 'reward', amountCents: 2_000, reason: '主动上报' }] }, at(T0, 31));

    const stored = await fx.db.select({ person: accountabilityEntries.person, userId: accountabilityEntries.userId }).from(accountabilityEntries).where(eq(accountabilityEntries.userId, wu));
    expect(stored.map((s) => s.person)).toEqual(['吴涛', '吴涛', '吴涛']);

    const report = await monthlyReport(finance, '2026-11', 'Asia/Shanghai', fx.db);
    expect(report.accountability.map((p) => [p.userId, p.name, p.departmentName, p.penaltyCents, p.rewardCents])).toEqual([
      [wu, '吴涛', '销售部', 50_000, 2_000],
      [null, '外包清洗工 老周', null, 1_000, 5_000],
    ]);
    expect(report.accountability[0].entries.map((e) => [e.number, e.type, e.amountCents, e.reason])).toEqual([
      [first.number, 'penalty', 30_000, '交车前未复检'],
      [second.number, 'penalty', 20_000, '延误交车'],
      [second.number, 'reward', 2_000, '主动上报'],
    ]);
    expect(report.accountability[1].entries.map((e) => [e.number, e.reason])).toEqual([[first.number, '主动返工'], [second.number, '遗漏脚垫']]);

    // The summary of the 4th: the same, line by line, for finance and the GM.
    expect(await queueSummaries(fx.db, 'accountability', new Date('2026-12-04T01:00:00Z'), 'Asia/Shanghai')).toBe(2);
    const [zh] = await listInbox(fx.actors.finance.id, 'zh-CN', 5, fx.db);
    expect(zh.text.split('\n')).toEqual([
      '上月处罚合计 ¥510.00，奖励合计 ¥70.00。',
      '吴涛（销售部）：处罚 ¥500.00，奖励 ¥20.00',
      `  · ${first.number} 处罚 ¥300.00：交车前未复检`,
      `  · ${second.number} 处罚 ¥200.00：延误交车`,
      `  · ${second.number} 奖励 ¥20.00：主动上报`,
      '外包清洗工 老周（名录外人员）：处罚 ¥10.00，奖励 ¥50.00',
      `  · ${first.number} 奖励 ¥50.00：主动返工`,
      `  · ${second.number} 处罚 ¥10.00：遗漏脚垫`,
      expect.stringMatching(/^明细见报表：.*\/reports\?month=2026-11$/),
    ]);
    const [en] = await listInbox(fx.actors.gm.id, 'en', 5, fx.db);
    expect(en.text).toContain(`  · ${first.number} penalty ¥300.00: 交车前未复检`);
  });

  it('refuses a staff id that is not of the form’s site (or does not exist), and writes nothing', async () => {
    const form = await toAccountability(at(T0, 48));
    const before = (await fx.db.select().from(accountabilityEntries)).length;
    for (const userId of [ghost, elsewhere, 'u-tech']) {
      const err = await form.refused('complete_handling', 'management', handling([{ userId, type: 'penalty', amountCents: 100, reason: '测试' }]), at(T0, 52), 'unknown_reference');
      expect(err.fieldErrors).toHaveProperty('accountability');
    }
    expect((await fx.db.select().from(accountabilityEntries)).length).toBe(before);
    expect((await form.row()).status).toBe('accountability');
    // Someone outside the directory is still named by their name.
    await form.fire('complete_handling', 'management', handling([{ person: '供应商安装工', type: 'penalty', amountCents: 100, reason: '测试' }]), at(T0, 52));
  });

  describe('the responsible person of the determination', () => {
    it('is picked from the directory: its id is kept and its name recorded', async () => {
      const form = await toAccountability(at(T0, 72), { responsibleUserId: fx.actors.machao.id });
      expect(await form.row()).toMatchObject({ responsibleUserId: fx.actors.machao.id, responsiblePerson: '马超' });
    });

    it('or is nobody, or someone outside the directory by name', async () => {
      expect(await (await toAccountability(at(T0, 73))).row()).toMatchObject({ responsibleUserId: null, responsiblePerson: 'none' });
      expect(await (await toAccountability(at(T0, 74), { responsiblePerson: '外协钣金师傅' })).row()).toMatchObject({ responsibleUserId: null, responsiblePerson: '外协钣金师傅' });
    });

    it('refuses another site’s staff or an unknown id', async () => {
      for (const responsibleUserId of [elsewhere, ghost]) {
        const form = await fx.create(at(T0, 75));
        await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true }, at(T0, 75.1));
        const err = await form.refused('submit_determination', 'service', {
          founded: true, responsibleDepartmentId: fx.dept.service, rootCause: '原因', responsibleUserId,
          remedyProposal: { kind: 'apology', description: '致歉' }, preventiveAction: '培训', customerContacted: true,
        }, at(T0, 76), 'unknown_reference');
        expect(err.fieldErrors).toHaveProperty('responsibleUserId');
        expect((await form.row()).status).toBe('investigating');
      }
    });
  });

  it('refuses another site’s staff as an involved party at intake', async () => {
    const err = await fx.create(at(T0, 80), { partyUserIds: [elsewhere] }).then(() => undefined, (e: unknown) => e as { code: string });
    expect(err?.code).toBe('unknown_reference');
  });
});
