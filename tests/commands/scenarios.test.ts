/**
 * End-to-end scenarios of the procedure (DESIGN §2–3) through the command layer, on every
 * database backend: states, history rows, side tables and the notification outbox.
 */
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountabilityEntries, complaintEvents, notifications, pendingContacts, pendingItems, remedies, users } from '@/db/schema';
import type { State } from '@/lib/workflow';
import { loadPublicView } from '@/lib/public/tracking';
import { monthlyReport } from '@/lib/complaints/reports';
import { loadStaffUser } from '@/db/queries/staff';
import { forEachBackend } from '@/tests/helpers/databases';
import { at, T0, historyCount, notificationCount, openFixture, queuedFor, type Fixture, type FormDriver } from './fixtures';

type Step = [type: string, from: State | null, to: State];

async function expectHistory(form: FormDriver, steps: Step[]) {
  const rows = await form.history();
  expect(rows.map((r) => [r.type, r.fromState, r.toState])).toEqual(steps);
  expect(rows.map((r) => r.version)).toEqual(steps.map((_, i) => i + 1));
  expect((await form.row()).version).toBe(steps.length);
  return rows;
}

const determination = (fx: Fixture, dept: keyof Fixture['dept'] = 'service') => ({
  founded: true,
  responsibleDepartmentId: fx.dept[dept],
  rootCause: '接待高峰时段人员不足，个别员工服务意识不到位。',
  responsiblePerson: '马超',
  remedyProposal: { kind: 'compensation', description: '退还工时费', amountCents: 30_000 },
  preventiveAction: '纳入月度培训，并在班前会通报。',
  customerContacted: true,
});

/** The customer-facing summary every completion carries (DESIGN §2). */
const told = { customerWhen: '今天已处理完毕。', customerHow: '已按处理措施落实。', customerCause: '我们的工作疏漏。', customerPrevention: '已加强培训和检查。' };

const completion = (fx: Fixture) => ({
  remedyDelivered: { kind: 'compensation', description: '已退还工时费', amountCents: 30_000 },
  ...told,
  accountability: [
    { person: '马超', userId: fx.actors.machao.id, type: 'penalty', amountCents: 20_000, reason: '未按作业规范操作，造成客户投诉。' },
    { person: '李明', type: 'reward', amountCents: 5_000, reason: '及时安抚客户。' },
  ],
  rootCause: '接待高峰时段人员不足。',
  preventiveAction: '高峰时段增加一名接待。',
});

const triage = (fx: Fixture, extra: Record<string, unknown> = {}, dept: keyof Fixture['dept'] = 'service') => ({
  departmentId: fx.dept[dept],
  severity: 'important',
  major: false,
  followUpWanted: true,
  customerManagerId: fx.actors.chenchen.id,
  ...extra,
});

forEachBackend('command scenarios', (backend) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  it('(a) responsibility determined and approved: received → … → archived', async () => {
    const form = await fx.create(T0, { partyUserIds: [fx.actors.machao.id] });
    expect(form.number).toBe('KS-2026-000001');
    let row = await form.row();
    expect(row).toMatchObject({ status: 'received', version: 1, severity: 'general', plate: '粤A·3K721', departmentId: fx.dept.service });
    expect(row.stepDueAt).toEqual(at(T0, 1));
    const [created] = await form.history();
    expect(await queuedFor(fx, created.id)).toEqual([
      'customer:received:email@customer',
      'customer:received:sms@customer',
      'desk:assigned:inbox@chenchen',
      'desk:assigned:inbox@desk',
    ]);

    row = await form.fire('triage', 'desk', triage(fx), at(T0, 0.25));
    expect(row).toMatchObject({ status: 'investigating', severity: 'important', customerManagerId: fx.actors.chenchen.id, major: false });
    expect(row.stepDueAt).toEqual(at(T0, 0.25 + 24));
    expect(row.responseDueAt).toEqual(at(T0, 24)); // important: 24 h / 72 h from reception
    expect(row.resolutionDueAt).toEqual(at(T0, 72));
    expect(row.firstResponseAt).toEqual(at(T0, 0.25)); // triage tells the customer who handles it and by when
    let hist = await form.history();
    expect(hist[1].customerVisible).toBe(true);
    expect(hist[1].actorId).toBe(fx.actors.desk.id);
    expect(await queuedFor(fx, hist[1].id)).toEqual([
      'customer:triaged:email@customer',
      'customer:triaged:sms@customer',
      'customer_manager:state_changed:inbox@chenchen',
      'department:state_changed:inbox@liming',
      'department:state_changed:inbox@service',
      'department:state_changed:inbox@zhaogang',
    ]);

    row = await form.fire('submit_determination', 'service', determination(fx), at(T0, 3));
    expect(row).toMatchObject({ status: 'management_review', responsiblePerson: '马超' });
    expect(row.stepDueAt).toEqual(at(T0, 7));
    row = await form.fire('approve_opinion', 'management', { faultOpinion: '同意责任部门意见。' }, at(T0, 4));
    expect(row).toMatchObject({ status: 'gm_decision', faultOpinion: '同意责任部门意见。' });
    expect(row.stepDueAt).toEqual(at(T0, 8));
    row = await form.fire('approve_final', 'gm', { opinion: '同意，三日内回复客户。' }, at(T0, 5));
    expect(row).toMatchObject({ status: 'accountability', finalOpinion: '同意，三日内回复客户。' });
    expect(row.stepDueAt).toEqual(at(T0, 13));
    row = await form.fire('complete_handling', 'management', completion(fx), at(T0, 6));
    expect(row).toMatchObject({ status: 'follow_up', rootCause: '接待高峰时段人员不足。', preventiveAction: '高峰时段增加一名接待。' });
    expect(row.resolvedAt).toEqual(at(T0, 6));
    expect(row.stepDueAt).toEqual(at(T0, 30));
    row = await form.fire('record_follow_up', 'chenchen', { satisfaction: 5, summary: '客户满意。' }, at(T0, 8));
    expect(row).toMatchObject({ status: 'assessment', satisfaction: 5 });
    // 3 working days from Monday 17:00 local → Thursday 17:00 local.
    expect(row.stepDueAt).toEqual(new Date('2026-11-05T09:00:00Z'));
    row = await form.fire('pass_assessment', 'desk', { timely: true, standardMet: true }, at(T0, 9));
    expect(row).toMatchObject({ status: 'archived', version: 8 });
    expect(row.archivedAt).toEqual(at(T0, 9));
    expect(row.stepDueAt).toBeNull();

    hist = await expectHistory(form, [
      ['create', null, 'received'],
      ['triage', 'received', 'investigating'],
      ['submit_determination', 'investigating', 'management_review'],
      ['approve_opinion', 'management_review', 'gm_decision'],
      ['approve_final', 'gm_decision', 'accountability'],
      ['complete_handling', 'accountability', 'follow_up'],
      ['record_follow_up', 'follow_up', 'assessment'],
      ['pass_assessment', 'assessment', 'archived'],
    ]);
    expect(hist.map((h) => h.actorRole)).toEqual(['desk', 'desk', 'department', 'management', 'gm', 'management', 'desk', 'desk']);
    expect(hist[2].payload).toMatchObject({ rootCause: determination(fx).rootCause, responsiblePerson: '马超' });

    const rems = await fx.db.select().from(remedies).where(eq(remedies.complaintId, form.id)).orderBy(asc(remedies.createdAt));
    expect(rems.map((r) => [r.status, r.kind, r.amountCents, r.eventId])).toEqual([
      ['proposed', 'compensation', 30_000, hist[2].id],
      ['delivered', 'compensation', 30_000, hist[5].id],
    ]);
    const acc = await fx.db.select().from(accountabilityEntries).where(eq(accountabilityEntries.complaintId, form.id));
    expect(acc.map((a) => [a.person, a.userId, a.type, a.amountCents, a.eventId]).sort()).toEqual([
      ['李明', null, 'reward', 5_000, hist[5].id],
      ['马超', fx.actors.machao.id, 'penalty', 20_000, hist[5].id],
    ]);
    // Each step queued the notices of its next owner.
    expect(await queuedFor(fx, hist[2].id)).toEqual(['management:state_changed:inbox@management']);
    expect(await queuedFor(fx, hist[3].id)).toEqual(['gm:state_changed:inbox@gm']);
    expect(await queuedFor(fx, hist[5].id)).toEqual([
      'customer:resolved:email@customer',
      'customer:resolved:sms@customer',
      'desk:state_changed:inbox@chenchen',
      'desk:state_changed:inbox@desk',
    ]);
    expect(await queuedFor(fx, hist[7].id)).toEqual([]);
  });

  it('(b) disputed by management: signed negotiation within the review deadline, then the GM', async () => {
    const form = await fx.create(T0);
    await form.fire('triage', 'desk', triage(fx), at(T0, 0.2));
    const review = await form.fire('submit_determination', 'service', determination(fx), at(T0, 2));
    expect(review.stepDueAt).toEqual(at(T0, 6));
    let row = await form.fire('dispute_opinion', 'management', { reason: '处罚与损失不成比例。' }, at(T0, 3));
    expect(row.status).toBe('negotiation');
    expect(row.stepDueAt).toEqual(review.stepDueAt); // the same 4 h, not a new 4 h
    expect(row.stateEnteredAt).toEqual(at(T0, 3));

    // Unsigned: refused, nothing written.
    const err = await form.refused(
      'record_negotiation',
      'management',
      { participants: ['刘洋（管理部）', '张强（服务部）', '陈晨（客户经理）'], opinion: '双方共同责任。', signed: false },
      at(T0, 4),
      'invalid_input',
    );
    expect(Object.keys(err.fieldErrors ?? {})).toContain('signed');
    await form.refused('record_negotiation', 'service', { participants: ['a', 'b'], opinion: 'x', signed: true }, at(T0, 4), 'wrong_role');

    row = await form.fire(
      'record_negotiation',
      'management',
      { participants: ['刘洋（管理部）', '张强（服务部）', '陈晨（客户经理）'], opinion: '双方共同责任，按协商意见处理。', signed: true },
      at(T0, 4),
    );
    expect(row).toMatchObject({ status: 'gm_decision', faultOpinion: '双方共同责任，按协商意见处理。' });
    expect(row.stepDueAt).toEqual(at(T0, 8));
    row = await form.fire('approve_final', 'gm', { opinion: '按协商意见执行。' }, at(T0, 5));
    expect(row.status).toBe('accountability');

    const hist = await expectHistory(form, [
      ['create', null, 'received'],
      ['triage', 'received', 'investigating'],
      ['submit_determination', 'investigating', 'management_review'],
      ['dispute_opinion', 'management_review', 'negotiation'],
      ['record_negotiation', 'negotiation', 'gm_decision'],
      ['approve_final', 'gm_decision', 'accountability'],
    ]);
    expect(hist[4].payload).toMatchObject({ signed: true, participants: ['刘洋（管理部）', '张强（服务部）', '陈晨（客户经理）'] });
    expect(hist[3].customerVisible).toBe(false);
    // Negotiation convenes management, the customer manager and the department.
    expect(await queuedFor(fx, hist[3].id)).toEqual([
      'customer_manager:state_changed:inbox@chenchen',
      'department:state_changed:inbox@liming',
      'department:state_changed:inbox@service',
      'department:state_changed:inbox@zhaogang',
      'management:state_changed:inbox@management',
    ]);
  });

  it('(c) pending item: GM approval, ledger, contact on the 4th, resume with the clock paused, finish', async () => {
    // 2026-11-30 22:00 local; approval at 2026-12-01 01:00 local (still November in UTC).
    const t = new Date('2026-11-30T14:00:00Z');
    const form = await fx.create(t, { categoryCode: 'parts' });
    expect((await form.row()).departmentId).toBe(fx.dept.parts);
    await form.fire('triage', 'desk', triage(fx, {}, 'parts'), at(t, 1));
    const before = await form.row();
    expect(before.resolutionDueAt).toEqual(at(t, 72));

    let row = await form.fire('propose_pending', 'chenchen', { reason: 'parts_delayed', explanation: '原厂配件需从厂家调货。' }, at(t, 2));
    expect(row.status).toBe('pending_approval');
    expect(row.stepDueAt).toEqual(at(t, 6));
    await form.refused('approve_pending', 'desk', { comment: '同意' }, at(t, 3), 'wrong_role');
    await form.refused('approve_pending', 'management', { comment: '同意' }, at(t, 3), 'wrong_role');

    const approvedAt = at(t, 3);
    row = await form.fire('approve_pending', 'gm', { comment: '同意列入未了事宜。' }, approvedAt);
    expect(row.status).toBe('pending');
    expect(row.pausedAt).toEqual(approvedAt);
    // The 4th of next month in business time: December 1 local → January 4 (a UTC month would give December 4).
    expect(row.stepDueAt).toEqual(new Date('2027-01-04T00:30:00Z')); // 08:30 local
    let [item] = await fx.db.select().from(pendingItems).where(eq(pendingItems.complaintId, form.id));
    expect(item).toMatchObject({
      reason: 'parts_delayed',
      explanation: '原厂配件需从厂家调货。',
      approvedById: fx.actors.gm.id,
      nextContactOn: '2027-01-04',
      closedAt: null,
      lastContactAt: null,
    });
    expect(item.openedAt).toEqual(approvedAt);
    let hist = await form.history();
    expect(hist[3].payload).toMatchObject({ reason: 'parts_delayed', explanation: '原厂配件需从厂家调货。', nextContactOn: '2027-01-04' });
    expect(hist[3].customerVisible).toBe(true);
    expect(await queuedFor(fx, hist[3].id)).toEqual([
      'customer:pending:email@customer',
      'customer:pending:sms@customer',
      // chenchen is the customer manager and at the desk: one notice, not one per audience.
      'customer_manager:state_changed:inbox@chenchen',
      'desk:state_changed:inbox@desk',
    ]);

    // The monthly contact on the 4th.
    const contactAt = new Date('2027-01-04T02:00:00Z');
    row = await form.fire('record_contact', 'chenchen', { summary: '已电话联系客户，配件仍在途中。' }, contactAt);
    expect(row.status).toBe('pending');
    expect(row.stepDueAt).toEqual(new Date('2027-02-04T00:30:00Z'));
    [item] = await fx.db.select().from(pendingItems).where(eq(pendingItems.complaintId, form.id));
    expect(item.nextContactOn).toBe('2027-02-04');
    expect(item.lastContactAt).toEqual(contactAt);
    const contacts = await fx.db.select().from(pendingContacts).where(eq(pendingContacts.pendingItemId, item.id));
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ byId: fx.actors.chenchen.id, summary: '已电话联系客户，配件仍在途中。', nextContactOn: '2027-02-04' });
    expect(contacts[0].at).toEqual(contactAt);

    // The part arrived: back to investigating, the resolution deadline moves by the paused time.
    const resumeAt = new Date('2027-01-06T02:00:00Z');
    row = await form.fire('resume', 'desk', { reason: '配件已到货。' }, resumeAt);
    const paused = resumeAt.getTime() - approvedAt.getTime();
    expect(row.status).toBe('investigating');
    expect(row.pausedAt).toBeNull();
    expect(row.pausedMs).toBe(paused);
    expect(row.resolutionDueAt).toEqual(new Date(before.resolutionDueAt.getTime() + paused));
    expect(row.responseDueAt).toEqual(before.responseDueAt);
    expect(row.stepDueAt).toEqual(at(resumeAt, 24));
    [item] = await fx.db.select().from(pendingItems).where(eq(pendingItems.complaintId, form.id));
    expect(item.closedAt).toEqual(resumeAt);
    expect(item.outcome).toBe('resumed');

    // Finish the case.
    let now = resumeAt;
    await form.fire('submit_determination', 'parts', determination(fx, 'parts'), (now = at(now, 2)));
    await form.fire('approve_opinion', 'management', { faultOpinion: '同意。' }, (now = at(now, 1)));
    await form.fire('approve_final', 'gm', { opinion: '同意。' }, (now = at(now, 1)));
    await form.fire('complete_handling', 'management', completion(fx), (now = at(now, 1)));
    await form.fire('record_follow_up', 'chenchen', { satisfaction: 4, summary: '客户基本满意。' }, (now = at(now, 2)));
    row = await form.fire('pass_assessment', 'desk', { timely: false, standardMet: true, comment: '配件延误' }, (now = at(now, 2)));
    expect(row.status).toBe('archived');
    expect(row.pausedMs).toBe(paused);
    hist = await expectHistory(form, [
      ['create', null, 'received'],
      ['triage', 'received', 'investigating'],
      ['propose_pending', 'investigating', 'pending_approval'],
      ['approve_pending', 'pending_approval', 'pending'],
      ['record_contact', 'pending', 'pending'],
      ['resume', 'pending', 'investigating'],
      ['submit_determination', 'investigating', 'management_review'],
      ['approve_opinion', 'management_review', 'gm_decision'],
      ['approve_final', 'gm_decision', 'accountability'],
      ['complete_handling', 'accountability', 'follow_up'],
      ['record_follow_up', 'follow_up', 'assessment'],
      ['pass_assessment', 'assessment', 'archived'],
    ]);
    expect(hist[4].payload).toMatchObject({ nextContactOn: '2027-02-04' });
  });

  it('(d2) not founded after investigation: department → management → GM → rejected with the explanation', async () => {
    const form = await fx.create(T0, { categoryCode: 'parts' });
    await form.fire('triage', 'desk', triage(fx, {}, 'parts'), at(T0, 0.25));
    const explanation = '经比对维修记录，拆下的配件并非本店安装，因此不属于本店责任，已电话向客户说明。';
    const finding = { founded: false, rootCause: '维修记录显示该配件为外店更换。', customerExplanation: explanation, customerContacted: true };
    // A not-founded finding carries no remedy: the same schema as the form refuses one.
    await form.refused('submit_determination', 'parts', { ...finding, remedyProposal: { kind: 'certificate', description: '出具证明' } }, at(T0, 1), 'invalid_input');
    let row = await form.fire('submit_determination', 'parts', finding, at(T0, 2));
    expect(row).toMatchObject({ status: 'management_review', founded: false, rejectionExplanation: explanation, responsiblePerson: null });
    expect(row.firstResponseAt).toEqual(at(T0, 0.25));
    row = await form.fire('approve_opinion', 'management', { faultOpinion: '同意部门结论：投诉不成立。' }, at(T0, 3));
    expect(row.status).toBe('gm_decision');
    row = await form.fire('approve_final', 'gm', { opinion: '同意，按不成立结案。' }, at(T0, 4));
    expect(row).toMatchObject({ status: 'rejected', founded: false, rejectionExplanation: explanation, finalOpinion: '同意，按不成立结案。' });
    expect(row.stepDueAt).toBeNull();
    expect(row.resolvedAt).toBeNull(); // never counted as resolved
    expect(row.lastCustomerUpdateAt).toEqual(at(T0, 4));
    const hist = await expectHistory(form, [
      ['create', null, 'received'],
      ['triage', 'received', 'investigating'],
      ['submit_determination', 'investigating', 'management_review'],
      ['approve_opinion', 'management_review', 'gm_decision'],
      ['approve_final', 'gm_decision', 'rejected'],
    ]);
    expect(hist[4]).toMatchObject({ customerVisible: true, payload: { explanation } });
    expect(await queuedFor(fx, hist[4].id)).toEqual(['customer:not_founded:email@customer', 'customer:not_founded:sms@customer']);
    const [msg] = await fx.db.select().from(notifications).where(eq(notifications.eventId, hist[4].id));
    expect(msg.payload).toMatchObject({ status: 'rejected', message: explanation });
    expect(await fx.db.select().from(remedies).where(eq(remedies.complaintId, form.id))).toEqual([]);
    expect(await fx.db.select().from(accountabilityEntries).where(eq(accountabilityEntries.complaintId, form.id))).toEqual([]);
    await form.refused('complete_handling', 'management', completion(fx), at(T0, 5), 'terminal');

    // The customer reads the finding, not the GM's opinion, and is offered no survey.
    const view = await loadPublicView(row.trackingToken, fx.db);
    expect(view).toMatchObject({ status: 'rejected', survey: { open: false }, stepDueAt: null });
    expect(view!.history.at(-1)).toMatchObject({ type: 'approve_final', text: explanation });
    expect(JSON.stringify(view)).not.toContain('同意，按不成立结案');

    // The monthly report counts it as not founded, never as resolved.
    const report = await monthlyReport((await loadStaffUser(fx.actors.management.id, fx.db))!, '2026-11', 'Asia/Shanghai', fx.db);
    const parts = report.received.find((r) => r.category === '配件供应');
    expect(parts).toMatchObject({ notFounded: 1 });
    expect(report.received.reduce((n, r) => n + r.notFounded, 0)).toBe(1);
  });

  it('(d3) a founded determination after a return clears the not-founded explanation', async () => {
    const form = await fx.create(T0);
    await form.fire('triage', 'desk', triage(fx), at(T0, 0.25));
    await form.fire('submit_determination', 'service', { founded: false, rootCause: '初查未见问题。', customerExplanation: '经核查未发现问题。', customerContacted: false }, at(T0, 1));
    await form.fire('return_to_department', 'management', { reason: '监控显示确有问题，请重新认定。' }, at(T0, 2));
    let row = await form.fire('submit_determination', 'service', determination(fx), at(T0, 3));
    expect(row).toMatchObject({ founded: true, rejectionExplanation: null, responsiblePerson: '马超' });
    await form.fire('approve_opinion', 'management', { faultOpinion: '同意。' }, at(T0, 4));
    row = await form.fire('approve_final', 'gm', { opinion: '同意。' }, at(T0, 5));
    expect(row.status).toBe('accountability');
    expect((await fx.db.select().from(remedies).where(eq(remedies.complaintId, form.id))).map((r) => r.status)).toEqual(['proposed']);
  });

  it('(d) rejected as unfounded, explanation shown to the customer, then reopened → received', async () => {
    const form = await fx.create(T0);
    const explanation = '经核查，该项目属于车辆正常磨损，不在保修范围内，已向客户详细说明。';
    let row = await form.fire('reject', 'desk', { explanation }, at(T0, 0.5));
    expect(row).toMatchObject({ status: 'rejected', rejectionExplanation: explanation });
    expect(row.stepDueAt).toBeNull();
    expect(row.firstResponseAt).toEqual(at(T0, 0.5));
    expect(row.lastCustomerUpdateAt).toEqual(at(T0, 0.5));
    let hist = await form.history();
    expect(hist[1]).toMatchObject({ type: 'reject', fromState: 'received', toState: 'rejected', customerVisible: true, payload: { explanation } });
    expect(await queuedFor(fx, hist[1].id)).toEqual(['customer:rejected:email@customer', 'customer:rejected:sms@customer']);
    const [msg] = await fx.db.select().from(notifications).where(eq(notifications.eventId, hist[1].id));
    expect(msg.payload).toMatchObject({ number: form.number, status: 'rejected', message: explanation });

    await form.refused('triage', 'desk', triage(fx), at(T0, 1), 'terminal');
    await form.refused('reopen', 'gm', { reason: '客户补充了证据。' }, at(T0, 20), 'wrong_role');
    row = await form.fire('reopen', 'desk', { reason: '客户补充了证据。' }, at(T0, 24));
    expect(row.status).toBe('received');
    expect(row.stepDueAt).toEqual(at(T0, 25));
    hist = await expectHistory(form, [
      ['create', null, 'received'],
      ['reject', 'received', 'rejected'],
      ['reopen', 'rejected', 'received'],
    ]);
    expect(hist[2].customerVisible).toBe(true);
    expect(await queuedFor(fx, hist[2].id)).toEqual([
      'customer:reopened:email@customer',
      'customer:reopened:sms@customer',
      'desk:state_changed:inbox@chenchen',
      'desk:state_changed:inbox@desk',
    ]);
  });

  it('(e) settled on the spot: skips the department and management', async () => {
    const form = await fx.create(T0, { channel: 'walk_in' });
    let row = await form.fire(
      'resolve_on_spot',
      'desk',
      { remedy: { kind: 'apology', description: '当面致歉并赠送洗车。' }, rootCause: '休息区未及时清洁。', preventiveAction: '每小时巡检休息区。', followUpWanted: false, ...told },
      at(T0, 0.2),
    );
    expect(row).toMatchObject({ status: 'assessment', followUpWanted: false, rootCause: '休息区未及时清洁。', preventiveAction: '每小时巡检休息区。' });
    expect(row.resolvedAt).toEqual(at(T0, 0.2));
    row = await form.fire('pass_assessment', 'desk', { timely: true, standardMet: true }, at(T0, 1));
    expect(row.status).toBe('archived');
    const hist = await expectHistory(form, [
      ['create', null, 'received'],
      ['resolve_on_spot', 'received', 'assessment'],
      ['pass_assessment', 'assessment', 'archived'],
    ]);
    expect(hist.every((h) => h.actorRole === 'desk')).toBe(true);
    const rems = await fx.db.select().from(remedies).where(eq(remedies.complaintId, form.id));
    expect(rems.map((r) => [r.kind, r.status, r.eventId])).toEqual([['apology', 'delivered', hist[1].id]]);
    const audiences = await fx.db.select({ audience: notifications.audience }).from(notifications).where(eq(notifications.complaintId, form.id));
    expect(new Set(audiences.map((a) => a.audience))).toEqual(new Set(['customer', 'desk']));

    // With follow-up wanted it goes to the follow-up call first.
    const other = await fx.create(T0);
    row = await other.fire(
      'resolve_on_spot',
      'desk',
      { remedy: { kind: 'discount', description: '工时费八折。' }, rootCause: '报价未说明。', preventiveAction: '报价单列明工时。', followUpWanted: true, ...told },
      at(T0, 0.3),
    );
    expect(row.status).toBe('follow_up');
    expect(row.stepDueAt).toEqual(at(T0, 24.3));
  });

  it('(f) dissatisfied at the follow-up call: reopen → investigating', async () => {
    const form = await fx.create(T0);
    await form.fire('triage', 'desk', triage(fx), at(T0, 0.2));
    await form.fire('submit_determination', 'service', determination(fx), at(T0, 1));
    await form.fire('approve_opinion', 'management', { faultOpinion: '同意。' }, at(T0, 2));
    await form.fire('approve_final', 'gm', { opinion: '同意。' }, at(T0, 3));
    let row = await form.fire('complete_handling', 'management', { ...completion(fx), accountability: [], noAccountabilityReason: '客观原因。' }, at(T0, 4));
    expect(row.status).toBe('follow_up');
    expect(row.resolvedAt).toEqual(at(T0, 4));
    expect(await fx.db.select().from(accountabilityEntries).where(eq(accountabilityEntries.complaintId, form.id))).toEqual([]);
    await form.refused('reopen', 'management', { reason: 'x' }, at(T0, 5), 'wrong_role');
    // A 1–2 rating is not a completed follow-up: it reopens, and the reopen needs the rating.
    await form.refused('record_follow_up', 'chenchen', { satisfaction: 1, summary: '很不满意。' }, at(T0, 5), 'invalid_input');
    await form.refused('reopen', 'chenchen', { reason: '客户表示异响仍然存在，不满意。' }, at(T0, 5), 'rating_required');
    row = await form.fire('reopen', 'chenchen', { reason: '客户表示异响仍然存在，不满意。', satisfaction: 1 }, at(T0, 6));
    expect(row.status).toBe('investigating');
    expect(row.satisfaction).toBe(1);
    expect(row.resolvedAt).toBeNull();
    expect(row.stepDueAt).toEqual(at(T0, 30));
    const hist = await form.history();
    expect(hist.at(-1)).toMatchObject({ type: 'reopen', fromState: 'follow_up', toState: 'investigating', customerVisible: true });
    expect(await queuedFor(fx, hist.at(-1)!.id)).toEqual([
      'customer:reopened:email@customer',
      'customer:reopened:sms@customer',
      'customer_manager:state_changed:inbox@chenchen',
      'department:state_changed:inbox@liming',
      'department:state_changed:inbox@service',
      'department:state_changed:inbox@zhaogang',
    ]);
    // The department can determine again.
    row = await form.fire('submit_determination', 'service', determination(fx), at(T0, 8));
    expect(row.status).toBe('management_review');
  });

  it('(g) a major complaint cannot leave investigating before the GM instructs', async () => {
    const form = await fx.create(T0);
    let row = await form.fire('triage', 'desk', triage(fx, { major: true }), at(T0, 0.2));
    expect(row.major).toBe(true);
    let hist = await form.history();
    expect(await queuedFor(fx, hist[1].id)).toContain('gm:major_needs_instruction:inbox@gm');

    await form.refused('submit_determination', 'service', determination(fx), at(T0, 1), 'needs_gm_instruction');
    await form.refused('propose_pending', 'desk', { reason: 'parts_delayed', explanation: '配件延误' }, at(T0, 1), 'needs_gm_instruction');
    await form.refused('withdraw', 'desk', { reason: '客户撤诉' }, at(T0, 1), 'needs_gm_instruction');
    await form.refused('instruct', 'desk', { instruction: '明天拜访客户' }, at(T0, 1), 'wrong_role');
    await form.refused('instruct', 'management', { instruction: '明天拜访客户' }, at(T0, 1), 'wrong_role');
    expect((await form.row()).version).toBe(2);

    row = await form.fire('instruct', 'gm', { instruction: '明天与服务经理一起拜访客户。' }, at(T0, 2));
    expect(row).toMatchObject({ status: 'investigating', version: 3 });
    expect(row.gmInstructedAt).toEqual(at(T0, 2));
    expect(row.stepDueAt).toEqual(at(T0, 24.2)); // instruct changes no state and no deadline
    hist = await form.history();
    expect(hist[2]).toMatchObject({ type: 'instruct', fromState: 'investigating', toState: 'investigating', actorRole: 'gm', payload: { instruction: '明天与服务经理一起拜访客户。' } });
    expect(await queuedFor(fx, hist[2].id)).toEqual([
      'customer_manager:gm_instruction:inbox@chenchen',
      'department:gm_instruction:inbox@liming',
      'department:gm_instruction:inbox@service',
      'department:gm_instruction:inbox@zhaogang',
    ]);

    row = await form.fire('submit_determination', 'service', determination(fx), at(T0, 3));
    expect(row.status).toBe('management_review');
    // A form that is not major needs no instruction.
    const plain = await fx.create(T0);
    await plain.fire('triage', 'desk', triage(fx), at(T0, 0.2));
    await plain.refused('instruct', 'gm', { instruction: '无' }, at(T0, 1), 'not_major');
  });

  it('(h) customer unreachable: the investigating deadline moves from 24 h to 48 h after entry', async () => {
    const form = await fx.create(T0);
    const entered = at(T0, 0.5);
    let row = await form.fire('triage', 'desk', triage(fx), entered);
    expect(row.stepDueAt).toEqual(at(entered, 24));
    row = await form.fire('note', 'chenchen', { text: '两次致电客户未接通。', customerUnreachable: true }, at(entered, 20));
    expect(row).toMatchObject({ status: 'investigating', customerUnreachable: true });
    expect(row.stepDueAt).toEqual(at(entered, 48)); // entry + 48 h, not the note's time + 48 h
    expect(row.stateEnteredAt).toEqual(entered);
    // Saying it again changes nothing.
    row = await form.fire('note', 'desk', { text: '仍未接通。', customerUnreachable: true }, at(entered, 30));
    expect(row.stepDueAt).toEqual(at(entered, 48));
    const hist = await expectHistory(form, [
      ['create', null, 'received'],
      ['triage', 'received', 'investigating'],
      ['note', 'investigating', 'investigating'],
      ['note', 'investigating', 'investigating'],
    ]);
    expect(hist[2].customerVisible).toBe(false);
    expect(await queuedFor(fx, hist[2].id)).toEqual([]);

    // Sent back to the department later: a fresh 24 h, the flag cleared.
    await form.fire('submit_determination', 'service', determination(fx), at(entered, 40));
    row = await form.fire('return_to_department', 'management', { reason: '根本原因不充分。' }, at(entered, 41));
    expect(row).toMatchObject({ status: 'investigating', customerUnreachable: false });
    expect(row.stepDueAt).toEqual(at(entered, 65));
  });

  it('(i) assessment finds a fault: flag_fault → fault_review → settle_fault → archived', async () => {
    const form = await fx.create(T0);
    await form.fire('triage', 'desk', triage(fx, { followUpWanted: false }), at(T0, 0.2));
    await form.fire('submit_determination', 'service', determination(fx), at(T0, 1));
    await form.fire('approve_opinion', 'management', { faultOpinion: '同意。' }, at(T0, 2));
    await form.fire('approve_final', 'gm', { opinion: '同意。' }, at(T0, 3));
    let row = await form.fire('complete_handling', 'management', completion(fx), at(T0, 4));
    expect(row.status).toBe('assessment'); // no follow-up asked for
    row = await form.fire('flag_fault', 'desk', { fault: '责任部门超过24小时才提交处理意见。' }, at(T0, 5));
    expect(row.status).toBe('fault_review');
    // 3 working days from Monday 14:00 local → Thursday 14:00 local.
    expect(row.stepDueAt).toEqual(new Date('2026-11-05T06:00:00Z'));
    await form.refused('settle_fault', 'desk', { settlement: 'x' }, at(T0, 6), 'wrong_role');
    row = await form.fire(
      'settle_fault',
      'management',
      { settlement: '对责任部门延误处理予以通报。', accountability: [{ person: '张强', userId: fx.actors.service.id, type: 'penalty', amountCents: 10_000, reason: '处理延误。' }] },
      at(T0, 7),
    );
    expect(row.status).toBe('archived');
    expect(row.archivedAt).toEqual(at(T0, 7));
    const hist = await expectHistory(form, [
      ['create', null, 'received'],
      ['triage', 'received', 'investigating'],
      ['submit_determination', 'investigating', 'management_review'],
      ['approve_opinion', 'management_review', 'gm_decision'],
      ['approve_final', 'gm_decision', 'accountability'],
      ['complete_handling', 'accountability', 'assessment'],
      ['flag_fault', 'assessment', 'fault_review'],
      ['settle_fault', 'fault_review', 'archived'],
    ]);
    const acc = await fx.db.select().from(accountabilityEntries).where(eq(accountabilityEntries.eventId, hist[7].id));
    expect(acc.map((a) => [a.person, a.userId, a.type, a.amountCents])).toEqual([['张强', fx.actors.service.id, 'penalty', 10_000]]);
    expect(await queuedFor(fx, hist[6].id)).toEqual(['management:state_changed:inbox@management']);
  });

  it('pending: the GM may refuse, an explicit contact date is kept, a withdrawal closes the ledger', async () => {
    const form = await fx.create(T0, { customerEmail: undefined });
    await form.fire('triage', 'desk', triage(fx), at(T0, 0.2));
    await form.fire('propose_pending', 'service', { reason: 'customer_absent', explanation: '客户出差一个月。' }, at(T0, 1));
    let row = await form.fire('refuse_pending', 'gm', { reason: '责任可以认定。' }, at(T0, 2));
    expect(row.status).toBe('investigating');
    expect(row.stepDueAt).toEqual(at(T0, 26));
    await form.fire('propose_pending', 'desk', { reason: 'customer_absent', explanation: '客户出差两个月。' }, at(T0, 3));
    row = await form.fire('approve_pending', 'gm', { nextContactOn: '2026-11-16', comment: '两周后联系。' }, at(T0, 4));
    expect(row.stepDueAt).toEqual(new Date('2026-11-16T00:30:00Z'));
    let items = await fx.db.select().from(pendingItems).where(eq(pendingItems.complaintId, form.id));
    // The latest proposal is the one on the ledger.
    expect(items.map((i) => [i.reason, i.explanation, i.nextContactOn])).toEqual([['customer_absent', '客户出差两个月。', '2026-11-16']]);
    const hist = await form.history();
    // No email address: the customer is told by SMS only.
    expect(await queuedFor(fx, hist.at(-1)!.id)).toContain('customer:pending:sms@customer');
    expect((await queuedFor(fx, hist.at(-1)!.id)).filter((n) => n.startsWith('customer:'))).toEqual(['customer:pending:sms@customer']);

    const withdrawnAt = at(T0, 48);
    row = await form.fire('withdraw', 'desk', { reason: '客户自行解决。' }, withdrawnAt);
    expect(row).toMatchObject({ status: 'withdrawn', withdrawReason: '客户自行解决。', pausedAt: null, pausedMs: withdrawnAt.getTime() - at(T0, 4).getTime() });
    items = await fx.db.select().from(pendingItems).where(eq(pendingItems.complaintId, form.id));
    expect(items[0]).toMatchObject({ outcome: 'withdrawn', closedAt: withdrawnAt });
    await form.refused('note', 'desk', { text: '补记' }, at(T0, 49), 'withdrawn_no_notes');
    await form.refused('reopen', 'desk', { reason: '再开' }, at(T0, 49), 'terminal');
  });

  it('admin repairs are flagged in the history and reported to management', async () => {
    const form = await fx.create(T0);
    await form.fire('triage', 'desk', triage(fx), at(T0, 0.2));
    const row = await form.fire('submit_determination', 'admin', determination(fx), at(T0, 1));
    expect(row.status).toBe('management_review');
    const hist = await form.history();
    expect(hist.at(-1)).toMatchObject({ actorRole: 'admin', payload: { adminRepair: true } });
    // One notice per person per step: the repair notice, which also says what changed.
    expect(await queuedFor(fx, hist.at(-1)!.id)).toEqual(['management:admin_repair:inbox@management']);
  });

  it('numbers forms by the business-time year', async () => {
    // 2026-12-31 17:30 UTC is 2027-01-01 01:30 in Asia/Shanghai.
    const form = await fx.create(new Date('2026-12-31T17:30:00Z'));
    expect(form.number).toBe('KS-2027-000001');
    const next = await fx.create(new Date('2026-12-31T15:00:00Z')); // 23:00 local, still 2026
    expect(next.number).toMatch(/^KS-2026-0000\d\d$/);
    const bad = await fx.create(T0, { categoryCode: 'no-such-category' }).then(
      () => undefined,
      (e: unknown) => e as { code: string },
    );
    expect(bad?.code).toBe('unknown_reference');
  });

  describe('refusals', () => {
    it('refuses a department that is not the form’s (and finance): for them the form does not exist', async () => {
      const form = await fx.create(T0);
      await form.fire('triage', 'desk', triage(fx), at(T0, 0.2));
      await form.refused('submit_determination', 'parts', determination(fx), at(T0, 1), 'not_found');
      await form.refused('note', 'parts', { text: '看一下' }, at(T0, 1), 'not_found');
      await form.refused('propose_pending', 'quality', { reason: 'parts_delayed', explanation: 'x' }, at(T0, 1), 'not_found');
      await form.refused('note', 'finance', { text: '看一下' }, at(T0, 1), 'not_found');
      // Not even a stale version tells them that someone acted on it.
      form.version = 1;
      await form.refused('note', 'parts', { text: '看一下' }, at(T0, 1), 'not_found');
      expect(await historyCount(fx.db, form.id)).toBe(2);
    });

    it('refuses an involved party, even a note, and will not make them customer manager', async () => {
      const form = await fx.create(T0, { partyUserIds: [fx.actors.machao.id] });
      await form.refused(
        'triage',
        'desk',
        triage(fx, { customerManagerId: fx.actors.chenchen.id, partyUserIds: [fx.actors.chenchen.id] }),
        at(T0, 0.1),
        'not_assignable',
      );
      await form.fire('triage', 'desk', triage(fx, { partyUserIds: [fx.actors.desk.id] }), at(T0, 0.2));
      await form.refused('note', 'machao', { text: '我来解释一下' }, at(T0, 1), 'involved_party');
      // The desk user added as a party at triage is now out too.
      await form.refused('note', 'desk', { text: '我来跟进' }, at(T0, 1), 'involved_party');
      await form.fire('note', 'chenchen', { text: '我来跟进' }, at(T0, 1));
      expect(await historyCount(fx.db, form.id)).toBe(3);
    });

    it('only the head signs the determination, or the secondary while the head is absent', async () => {
      const form = await fx.create(T0);
      await form.fire('triage', 'desk', triage(fx), at(T0, 0.2));
      const now = at(T0, 2);
      await form.refused('submit_determination', 'liming', determination(fx), now, 'needs_head');
      await form.refused('submit_determination', 'zhaogang', determination(fx), now, 'needs_head');
      await form.refused('submit_determination', 'machao', determination(fx), now, 'needs_head');
      // The head is away until tomorrow: the secondary stands in, the primary still may not.
      await fx.db.update(users).set({ absentUntil: at(now, 24) }).where(eq(users.id, fx.actors.service.id));
      try {
        await form.refused('submit_determination', 'liming', determination(fx), now, 'needs_head');
        const row = await form.fire('submit_determination', 'zhaogang', determination(fx), now);
        expect(row.status).toBe('management_review');
        const hist = await form.history();
        expect(hist.at(-1)).toMatchObject({ type: 'submit_determination', actorId: fx.actors.zhaogang.id, actorName: '赵刚' });
      } finally {
        await fx.db.update(users).set({ absentUntil: null }).where(eq(users.id, fx.actors.service.id));
      }
      // Once the absence is over (absent_until in the past) the secondary may not sign again.
      const other = await fx.create(T0);
      await other.fire('triage', 'desk', triage(fx), at(T0, 0.2));
      await fx.db.update(users).set({ absentUntil: at(now, -1) }).where(eq(users.id, fx.actors.service.id));
      try {
        await other.refused('submit_determination', 'zhaogang', determination(fx), now, 'needs_head');
      } finally {
        await fx.db.update(users).set({ absentUntil: null }).where(eq(users.id, fx.actors.service.id));
      }
    });

    it('invalid input: invalid_input with field errors and nothing written', async () => {
      const form = await fx.create(T0);
      await form.fire('triage', 'desk', triage(fx), at(T0, 0.2));
      const before = await form.row();
      const events = await historyCount(fx.db, form.id);
      const notes = await notificationCount(fx.db, form.id);
      const err = await form.refused(
        'submit_determination',
        'service',
        { ...determination(fx), rootCause: '   ', remedyProposal: { kind: 'compensation', description: '补偿' }, customerContacted: undefined },
        at(T0, 1),
        'invalid_input',
      );
      expect(Object.keys(err.fieldErrors ?? {}).sort()).toEqual(['customerContacted', 'remedyProposal.amountCents', 'rootCause']);
      const unknownField = await form.refused('note', 'desk', { text: 'hi', sneaky: true }, at(T0, 1), 'invalid_input');
      expect(unknownField.fieldErrors).toBeDefined();
      await form.refused('triage', 'desk', triage(fx), at(T0, 1), 'wrong_state');

      const after = await form.row();
      expect(after).toEqual(before);
      expect(await historyCount(fx.db, form.id)).toBe(events);
      expect(await notificationCount(fx.db, form.id)).toBe(notes);
      expect(await fx.db.select().from(remedies).where(eq(remedies.complaintId, form.id))).toEqual([]);

      // createComplaint validates too, and writes nothing.
      const count = async () => (await fx.db.select({ id: complaintEvents.id }).from(complaintEvents)).length;
      const total = await count();
      const bad = await fx.create(T0, { customerPhone: 'abc', description: 'x' }).then(
        () => undefined,
        (e: unknown) => e as { code: string; fieldErrors: Record<string, string[]> },
      );
      expect(bad?.code).toBe('invalid_input');
      expect(Object.keys(bad?.fieldErrors ?? {}).sort()).toEqual(['customerPhone', 'description']);
      expect(await count()).toBe(total);
    });

    it('unknown users in the input are refused as unknown_reference, nothing written', async () => {
      const form = await fx.create(T0);
      const ghost = '00000000-0000-4000-8000-000000000000';
      for (const partyUserIds of [['not-a-uuid'], [ghost], [fx.actors.machao.id, ghost]]) {
        const err = await form.refused('triage', 'desk', triage(fx, { partyUserIds }), at(T0, 0.1), 'unknown_reference');
        expect(err.fieldErrors).toHaveProperty('partyUserIds');
      }
      await form.refused('triage', 'desk', triage(fx, { customerManagerId: ghost }), at(T0, 0.1), 'unknown_reference');
      await form.refused('triage', 'desk', triage(fx, { departmentId: 'dep-service' }), at(T0, 0.1), 'unknown_reference');
      expect(await historyCount(fx.db, form.id)).toBe(1);
      await form.fire('triage', 'desk', triage(fx, { partyUserIds: [fx.actors.machao.id] }), at(T0, 0.2));
      await form.fire('submit_determination', 'service', determination(fx), at(T0, 1));
      await form.fire('approve_opinion', 'management', { faultOpinion: '同意。' }, at(T0, 2));
      await form.fire('approve_final', 'gm', { opinion: '同意。' }, at(T0, 3));
      const bad = completion(fx);
      bad.accountability[0].userId = 'u-tech';
      const err = await form.refused('complete_handling', 'management', bad, at(T0, 4), 'unknown_reference');
      expect(err.fieldErrors).toHaveProperty('accountability');
      expect(await fx.db.select().from(remedies).where(eq(remedies.complaintId, form.id))).toHaveLength(1);
      expect((await form.row()).status).toBe('accountability');
    });

    it('a stale version is refused and not applied', async () => {
      const form = await fx.create(T0);
      await form.fire('note', 'desk', { text: '一' }, at(T0, 0.1));
      form.version = 1; // what another tab still shows
      const err = await form.refused('note', 'chenchen', { text: '二' }, at(T0, 0.2), 'stale_version');
      expect(err.params).toMatchObject({ by: '王丽', at: at(T0, 0.1).toISOString() });
      expect(await historyCount(fx.db, form.id)).toBe(2);
    });
  });

  it('the desk marks a form major after triage; it then waits for the GM like any major form', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude' });
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'important', followUpWanted: true }, at(T0, 1));
    await form.refused('note', 'management', { text: '升级', markMajor: true }, at(T0, 2), 'wrong_role');
    const marked = await form.fire('note', 'desk', { text: '客户已向媒体反映，升级为重大投诉。', markMajor: true }, at(T0, 2));
    expect(marked.major).toBe(true);
    expect(marked.status).toBe('investigating');
    await form.refused('submit_determination', 'service', determination(fx), at(T0, 3), 'needs_gm_instruction');
    await form.fire('instruct', 'gm', { instruction: '客户经理与服务经理当面拜访客户。' }, at(T0, 4));
    expect((await form.fire('submit_determination', 'service', determination(fx), at(T0, 5))).status).toBe('management_review');
  });
});
