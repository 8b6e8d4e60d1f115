/**
 * The dashboard's figures (lib/reports/dashboard.ts) against a small data set whose answers were
 * worked out by hand (below, next to each form), on PGlite and PostgreSQL: counts, medians and
 * 90th percentiles, per-step on-time rates (from step_days, migration 0019) including a form that
 * spent days pending and assessments across a holiday and a 调休 working Saturday, satisfaction,
 * repeats and reopens, category and root-cause trends, money; and that each drill-down lists
 * exactly the forms counted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { loadDashboard, type Dashboard } from '@/lib/reports/dashboard';
import { parseDashboardParams, periodOf } from '@/lib/reports/period';
import { drillHref, type Drill } from '@/lib/reports/drill';
import { parseSearchParams, searchComplaints } from '@/lib/complaints/search';
import { notFoundedDetermination, sampleInputs } from '@/lib/workflow/test-fixtures';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-12-01T00:00:00Z');
const period = periodOf('custom', '2026-12-01', { from: '2026-11-01', to: '2026-11-30' });
const summary = { customerWhen: '今天已处理完毕。', customerHow: '已按处理措施落实。', customerCause: '我们的工作疏漏。', customerPrevention: '已加强培训和检查。' };
const customer = (n: number) => ({ customerName: `客户${n}`, customerPhone: `1370000000${n}`, plate: `粤A·0000${n}`, description: `第${n}张单的独立描述，内容各不相同。` });

describe('dashboard period', () => {
  it('turns presets into local days, with the previous period of the same length', () => {
    expect(periodOf('week', '2026-11-04')).toMatchObject({ from: '2026-11-02', to: '2026-11-08', previous: { from: '2026-10-26', to: '2026-11-01' }, bucket: 'day' });
    expect(periodOf('last_month', '2026-03-15')).toMatchObject({ from: '2026-02-01', to: '2026-02-28', days: 28 });
    expect(periodOf('quarter', '2026-11-04')).toMatchObject({ from: '2026-10-01', to: '2026-12-31', bucket: 'week', previous: { from: '2026-07-01', to: '2026-09-30' } });
    expect(parseDashboardParams({ month: '9999-12' }, NOW, TZ).invalid).toBe(true);
    expect(parseDashboardParams({ month: '2026-11' }, NOW, TZ).period).toMatchObject({ preset: 'month', from: '2026-11-01', to: '2026-11-30' });
  });
});

forEachBackend('dashboard figures', (backend) => {
  let fx: Fixture;
  let management: StaffUser;
  let finance: StaffUser;
  let dash: Dashboard;
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    fx = await openFixture(backend);
    management = (await loadStaffUser(fx.actors.management.id, fx.db))!;
    finance = (await loadStaffUser(fx.actors.finance.id, fx.db))!;
    // Wed 4 and Thu 5 November off, Saturday 7 November worked instead (调休).
    fx.calendar.holidays.push('2026-11-04', '2026-11-05');
    fx.calendar.makeupWorkdays.push('2026-11-07');
    const determination = (dept: string, rootCause: string) => ({
      founded: true, responsibleDepartmentId: dept, rootCause, responsiblePerson: '某员工', remedyProposal: { kind: 'apology', description: '致歉' }, preventiveAction: '培训', customerContacted: true,
    });

    // G, October (the previous period): settled on the spot, reopened in November by a dissatisfied customer.
    const g = await fx.create(new Date('2026-10-20T01:00:00Z'), { ...customer(7), categoryCode: 'attitude' });
    await g.fire('resolve_on_spot', 'desk', { remedy: { kind: 'apology', description: '致歉' }, rootCause: '十月的原因', preventiveAction: '培训', followUpWanted: true, ...summary }, new Date('2026-10-20T02:00:00Z'));
    await g.fire('reopen', 'desk', { reason: '客户仍不满意', satisfaction: 2 }, new Date('2026-11-10T01:00:00Z'));

    // A: urgent; gm_decision late (6 h of 4); resolved at 10 h (urgent: 4 h → late); satisfaction 5;
    // assessment entered Tue 05:00 → due Mon 9 Nov 08:30 (Thu/Fri off, Sat worked) → passed 08:00, on time.
    const a = await fx.create(T0, { ...customer(1), categoryCode: 'attitude', channel: 'walk_in' });
    await a.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'urgent', followUpWanted: true }, at(T0, 0.5));
    await a.fire('submit_determination', 'service', determination(fx.dept.service, '未按规范操作'), at(T0, 2));
    await a.fire('approve_opinion', 'management', { faultOpinion: '同意' }, at(T0, 3));
    await a.fire('approve_final', 'gm', { opinion: '同意' }, at(T0, 9));
    await a.fire('complete_handling', 'management', {
      remedyDelivered: { kind: 'compensation', description: '补偿交通费', amountCents: 5000 }, rootCause: '未按规范操作', preventiveAction: '培训',
      accountability: [{ person: '服务顾问甲', type: 'penalty', amountCents: 10000, reason: '态度' }], ...summary,
    }, at(T0, 10));
    await a.fire('record_follow_up', 'desk', { satisfaction: 5, summary: '满意' }, at(T0, 20));
    await a.fire('pass_assessment', 'desk', sampleInputs.pass_assessment, new Date('2026-11-09T00:00:00Z'));

    // B: received at +1, triaged at +3 (late); pending approval 5 h (late); pending from +9 to +120
    // (111 h, on time: next contact 4 Dec); investigating again 30 h (late); resolved at +153:
    // 153 − 1 − 111 = 41 h; satisfaction 3; assessment due Thu 12 Nov 08:30, passed 08:00.
    const b = await fx.create(at(T0, 1), { ...customer(2), categoryCode: 'price', channel: 'phone' });
    await b.fire('triage', 'desk', { departmentId: fx.dept.finance, severity: 'important', followUpWanted: true }, at(T0, 3));
    await b.fire('propose_pending', 'desk', { reason: 'parts_delayed', explanation: '等配件' }, at(T0, 4));
    await b.fire('approve_pending', 'gm', { nextContactOn: '2026-12-04', comment: '同意' }, at(T0, 9));
    await b.fire('resume', 'desk', { reason: '配件到货' }, at(T0, 120));
    await b.fire('submit_determination', 'financehead', determination(fx.dept.finance, '多收费'), at(T0, 150));
    await b.fire('approve_opinion', 'management', { faultOpinion: '同意' }, at(T0, 151));
    await b.fire('approve_final', 'gm', { opinion: '同意' }, at(T0, 152));
    await b.fire('complete_handling', 'management', {
      remedyDelivered: { kind: 'apology', description: '致歉' }, rootCause: '多收费', preventiveAction: '培训',
      accountability: [{ person: '收银员乙', type: 'reward', amountCents: 2000, reason: '主动退款' }], ...summary,
    }, at(T0, 153));
    await b.fire('record_follow_up', 'desk', { satisfaction: 3, summary: '一般' }, at(T0, 160));
    await b.fire('pass_assessment', 'desk', sampleInputs.pass_assessment, new Date('2026-11-12T00:00:00Z'));

    // C: settled on the spot at +2.5 (0.5 h), no follow-up; assessment entered Mon 11:30 → due
    // Sat 7 Nov 11:30 (the 调休 Saturday counts) → passed 12:00, late.
    const c = await fx.create(at(T0, 2), { ...customer(3), categoryCode: 'quality', channel: 'web' });
    await c.fire('resolve_on_spot', 'desk', { remedy: { kind: 'compensation', description: '退款', amountCents: 28000 }, rootCause: '未按规范操作', preventiveAction: '培训', followUpWanted: false, ...summary }, at(T0, 2.5));
    await c.fire('pass_assessment', 'desk', sampleInputs.pass_assessment, new Date('2026-11-07T04:00:00Z'));

    // D: not founded, closed as rejected by the GM.
    const d = await fx.create(at(T0, 3), { ...customer(4), categoryCode: 'attitude', channel: 'phone' });
    await d.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'important', followUpWanted: true }, at(T0, 3.2));
    await d.fire('submit_determination', 'service', { ...notFoundedDetermination, rootCause: '非本店安装' }, at(T0, 5));
    await d.fire('approve_opinion', 'management', { faultOpinion: '同意' }, at(T0, 6));
    await d.fire('approve_final', 'gm', { opinion: '按不成立结案' }, at(T0, 7));

    // E and F: still at the desk, overdue by now; F is a repeat of A (same phone).
    const e = await fx.create(at(T0, 4), { ...customer(5), categoryCode: 'parts', channel: 'email' });
    const f = await fx.create(at(T0, 5), { ...customer(6), customerPhone: customer(1).customerPhone, categoryCode: 'attitude', channel: 'phone' });
    Object.assign(numbers, { a: a.number, b: b.number, c: c.number, d: d.number, e: e.number, f: f.number, g: g.number });

    dash = await loadDashboard(management, period, {}, { now: NOW, timeZone: TZ }, fx.db);
  });

  it('counts, times and satisfaction of the forms received in the period', () => {
    const h = dash.headline!;
    expect(h).toMatchObject({
      received: 6, closed: 4, open: 2, overdue: 2, resolved: 3, resolvedOnTime: 2, founded: 2, notFounded: 1, repeats: 1,
      answered: 2, surveyed: 2, satisfactionAvg: 4, satisfaction: [0, 0, 1, 0, 1],
    });
    // First responses 0.2, 0.5, 0.5, 2 h; resolutions 0.5, 10, 41 h (B's 111 h pending left out).
    expect(h.responseP50).toBeCloseTo(1800, 3);
    expect(h.responseP90).toBeCloseTo(5580, 3);
    expect(h.resolutionP50).toBeCloseTo(36_000, 3);
    expect(h.resolutionP90).toBeCloseTo(125_280, 3);
  });

  it('the on-time rate of each step, pending time and the holiday week included', () => {
    const rate = Object.fromEntries(dash.steps.map((s) => [s.step, [s.done, s.onTime]]));
    expect(rate).toEqual({
      received: [4, 3],
      investigating: [4, 3],
      pending_approval: [1, 0],
      management_review: [3, 3],
      negotiation: [0, 0],
      gm_decision: [3, 2],
      accountability: [2, 2],
      follow_up: [3, 2],
      assessment: [3, 2],
      fault_review: [0, 0],
    });
    expect(dash.reopens).toBe(1);
    expect(dash.resolvedInPeriod).toBe(3);
  });

  it('categories and root causes against the previous period, and the volume per day', () => {
    expect(dash.categories.map((c) => [c.code, c.forms, c.previous, c.notFounded, c.repeats])).toEqual([
      ['attitude', 3, 1, 1, 1],
      ['parts', 1, 0, 0, 0],
      ['price', 1, 0, 0, 0],
      ['quality', 1, 0, 0, 0],
    ]);
    expect(dash.causes.map((c) => [c.cause, c.forms, c.previous])).toEqual([['未按规范操作', 2, 0], ['多收费', 1, 0], ['非本店安装', 1, 0]]);
    expect(dash.volume).toEqual([
      { bucket: '2026-11-02', category: 'attitude', forms: 3 },
      { bucket: '2026-11-02', category: 'parts', forms: 1 },
      { bucket: '2026-11-02', category: 'price', forms: 1 },
      { bucket: '2026-11-02', category: 'quality', forms: 1 },
    ]);
    expect(dash.satisfaction).toEqual([{ bucket: '2026-11-02', answered: 2, average: 4 }]);
  });

  it('filters narrow every figure; the department load is now', async () => {
    const attitude = await loadDashboard(management, period, { category: 'attitude' }, { now: NOW, timeZone: TZ }, fx.db);
    expect(attitude.headline).toMatchObject({ received: 3, closed: 2, open: 1, notFounded: 1, repeats: 1 });
    const phone = await loadDashboard(management, period, { channel: 'phone' }, { now: NOW, timeZone: TZ }, fx.db);
    expect(phone.headline!.received).toBe(3);
    // Open now: G (service, reopened), E and F (their category's department at intake).
    expect(dash.departments.reduce((n, x) => n + x.open, 0)).toBe(3);
    expect(dash.departments.reduce((n, x) => n + x.overdue, 0)).toBe(3);
  });

  it('the money: penalties and rewards per person with their forms, compensation paid; finance sees only that', async () => {
    expect(dash.money.people.map((p) => [p.name, p.penaltyCents, p.rewardCents, p.latest.map((e) => e.number)])).toEqual([
      ['服务顾问甲', 10000, 0, [numbers.a]],
      ['收银员乙', 0, 2000, [numbers.b]],
    ]);
    expect([dash.money.compensations, dash.money.compensationCents]).toEqual([2, 33000]);
    const money = await loadDashboard(finance, period, {}, { now: NOW, timeZone: TZ }, fx.db);
    expect(money).toMatchObject({ moneyOnly: true, headline: null, categories: [], causes: [], steps: [], departments: [] });
    expect(money.money).toEqual(dash.money);
  });

  it('each drill-down lists exactly the forms counted', async () => {
    const listed = async (drill: Drill) => {
      const query = new URLSearchParams(drillHref(period, {}, drill).split('?')[1]);
      const { filters } = parseSearchParams(Object.fromEntries(query));
      const page = await searchComplaints(management, filters, { now: NOW, timeZone: TZ }, fx.db);
      return page.rows.map((r) => r.number).sort();
    };
    const n = (...keys: string[]) => keys.map((k) => numbers[k]).sort();
    expect(await listed({})).toEqual(n('a', 'b', 'c', 'd', 'e', 'f'));
    expect(await listed({ stage: 'closed' })).toEqual(n('a', 'b', 'c', 'd'));
    expect(await listed({ overdue: true })).toEqual(n('e', 'f'));
    expect(await listed({ founded: 'no' })).toEqual(n('d'));
    expect(await listed({ founded: 'yes' })).toEqual(n('a', 'b'));
    expect(await listed({ repeat: true })).toEqual(n('f'));
    expect(await listed({ satisfaction: 3 })).toEqual(n('b'));
    expect(await listed({ cause: '未按规范操作' })).toEqual(n('a', 'c'));
    expect(await listed({ category: 'attitude', from: period.previous.from, to: period.previous.to })).toEqual(n('g'));
  });

  it('each step\'s late forms link to exactly those forms (late_steps, migration 0028), with every filter', async () => {
    const listed = async (filters: Parameters<typeof drillHref>[1], drill: Drill) => {
      const query = new URLSearchParams(drillHref(period, filters, drill).split('?')[1]);
      expect(query.get('from')).toBeNull(); // by the day the step was left, not the day received
      const { filters: f } = parseSearchParams(Object.fromEntries(query));
      const page = await searchComplaints(management, f, { now: NOW, timeZone: TZ }, fx.db);
      return page.rows.map((r) => r.number).sort();
    };
    for (const s of dash.steps) {
      // Every late step here is a different form: the late forms are the late steps.
      expect(s.lateForms, s.step).toBe(s.done - s.onTime);
      expect((await listed({}, { late: s.step })).length, s.step).toBe(s.lateForms);
    }
    expect(await listed({}, { late: 'pending_approval' })).toEqual([numbers.b]);
    expect(await listed({}, { late: 'gm_decision' })).toEqual([numbers.a]);
    expect(await listed({}, { late: 'assessment' })).toEqual([numbers.c]);
    // With a filter the step_days rates ignore (category): the late forms and their list agree.
    const price = await loadDashboard(management, period, { category: 'price' }, { now: NOW, timeZone: TZ }, fx.db);
    const late = Object.fromEntries(price.steps.map((s) => [s.step, s.lateForms]));
    expect(late).toMatchObject({ received: 1, investigating: 1, pending_approval: 1, gm_decision: 0 });
    for (const s of price.steps) expect(await listed({ category: 'price' }, { late: s.step }), s.step).toHaveLength(s.lateForms);
    // A period before the steps were left lists none.
    const october = periodOf('custom', '2026-12-01', { from: '2026-10-01', to: '2026-10-31' });
    const { filters: f } = parseSearchParams(Object.fromEntries(new URLSearchParams(drillHref(october, {}, { late: 'gm_decision' }).split('?')[1])));
    expect((await searchComplaints(management, f, { now: NOW, timeZone: TZ }, fx.db)).rows).toEqual([]);
  });
});
