import { beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';
import { monthRange, monthlyReport } from '@/lib/complaints/reports';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';

it('a month runs from midnight to midnight in the business time zone', () => {
  expect(monthRange('2026-11', 'Asia/Shanghai')).toEqual({
    start: new Date('2026-10-31T16:00:00Z'),
    end: new Date('2026-11-30T16:00:00Z'),
  });
  expect(monthRange('2026-12', 'Asia/Shanghai').end).toEqual(new Date('2026-12-31T16:00:00Z'));
});

forEachBackend('monthly report', (backend) => {
  let fx: Fixture;
  let finance: StaffUser;
  beforeAll(async () => {
    fx = await openFixture(backend);
    finance = (await loadStaffUser(fx.actors.finance.id, fx.db))!;
  });

  it('sums the forms by category, the penalties per person and the compensation paid in the month', async () => {
    const form = await fx.create(T0, { categoryCode: 'price' });
    await form.fire('resolve_on_spot', 'desk', {
      remedy: { kind: 'compensation', description: '退还多收的清洗费', amountCents: 28000 },
      rootCause: '未经确认增加项目',
      preventiveAction: '结算前逐项确认',
      followUpWanted: false,
      customerWhen: '今天已处理完毕。', customerHow: '已按处理措施落实。', customerCause: '我们的工作疏漏。', customerPrevention: '已加强培训和检查。',
    }, at(T0, 1));
    const other = await fx.create(T0, { categoryCode: 'attitude' });
    await other.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true }, at(T0, 1));
    await other.fire('submit_determination', 'service', {
      founded: true, responsibleDepartmentId: fx.dept.service, rootCause: '态度', responsiblePerson: '服务顾问甲',
      remedyProposal: { kind: 'apology', description: '致歉' }, preventiveAction: '培训', customerContacted: true,
    }, at(T0, 2));
    await other.fire('approve_opinion', 'management', { faultOpinion: '同意' }, at(T0, 3));
    await other.fire('approve_final', 'gm', { opinion: '同意' }, at(T0, 4));
    await other.fire('complete_handling', 'management', {
      remedyDelivered: { kind: 'apology', description: '已致歉' }, rootCause: '态度', preventiveAction: '培训',
      accountability: [{ person: '服务顾问甲', type: 'penalty', amountCents: 10000, reason: '态度' }],
      customerWhen: '今天已处理完毕。', customerHow: '已按处理措施落实。', customerCause: '我们的工作疏漏。', customerPrevention: '已加强培训和检查。',
    }, at(T0, 5));

    const report = await monthlyReport(finance, '2026-11', 'Asia/Shanghai', fx.db);
    expect(report.received.map((r) => [r.category, r.forms, r.resolved])).toEqual(
      expect.arrayContaining([['价格收费', 1, 1], ['服务态度', 1, 1]]),
    );
    expect(report.accountability.map((p) => [p.name, p.penaltyCents, p.entries.map((e) => [e.number, e.reason])])).toEqual([['服务顾问甲', 10000, [[other.number, '态度']]]]);
    expect(report.compensation.map((c) => [c.number, c.amountCents])).toEqual([[form.number, 28000]]);
    // Nothing leaks into the month before.
    const october = await monthlyReport(finance, '2026-10', 'Asia/Shanghai', fx.db);
    expect(october.received).toEqual([]);
  });
});
