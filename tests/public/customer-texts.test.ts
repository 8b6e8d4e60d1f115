/**
 * What is labelled customer-visible reaches the customer: the pending item's explanation and the
 * summary written at completion, on the tracking page and in the outbox; and every message the
 * customer gets on the way says something specific (DESIGN §2; issue 10).
 */
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { departments, notifications } from '@/db/schema';
import { loadPublicView } from '@/lib/public/tracking';
import { renderTemplate } from '@/lib/notify/templates';
import { forEachBackend } from '@/tests/helpers/databases';
import { at, openFixture, T0, type Fixture, type FormDriver } from '@/tests/commands/fixtures';

const explanation = '原厂后视镜需从厂家调货，预计四周到货。';
const gmComment = '同意列入未了事宜（内部：供应商已两次延误）。';
const summary = {
  customerWhen: '12 月 8 日已为您更换完毕。',
  customerHow: '为您免费更换原厂后视镜总成，并退还等待期间的代步车费用。',
  customerCause: '我们订货时没有加急，厂家区域仓又恰好缺货。',
  customerPrevention: '缺货配件今后当天加急订货，每周向客户通报到货进度。',
};
const rootCause = '订货员漏选加急选项（内部）。';

forEachBackend('customer texts', (backend) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  /** The customer's messages (SMS rows) queued by the form's latest event, rendered as sent. */
  async function lastCustomerMessage(form: FormDriver, template: string) {
    const rows = await fx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.complaintId, form.id), eq(notifications.audience, 'customer'), eq(notifications.channel, 'sms'), eq(notifications.template, template)))
      .orderBy(asc(notifications.id));
    const row = rows.at(-1);
    expect(row, `a ${template} message to the customer`).toBeDefined();
    return { payload: row!.payload as Record<string, unknown>, ...renderTemplate(template, row!.locale, row!.payload as Record<string, unknown>) };
  }

  it('the pending explanation and the completion summary reach the tracking page and the customer', async () => {
    const form = await fx.create(T0, { categoryCode: 'parts', customerLocale: 'zh-CN' });
    const [parts] = await fx.db.select({ name: departments.name }).from(departments).where(eq(departments.id, fx.dept.parts));

    await form.fire('triage', 'desk', { departmentId: fx.dept.parts, severity: 'important', followUpWanted: true, customerManagerId: fx.actors.chenchen.id }, at(T0, 0.5));
    const triaged = await lastCustomerMessage(form, 'triaged');
    expect(triaged.text).toContain(`已交由${parts.name}负责处理`);
    expect(triaged.text).toMatch(/将在 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前完成调查/);
    expect((await form.row()).firstResponseAt).toEqual(at(T0, 0.5));
    expect((await loadPublicView((await form.row()).trackingToken, fx.db))!.departmentName).toBe(parts.name);

    await form.fire('propose_pending', 'chenchen', { reason: 'parts_delayed', explanation }, at(T0, 1));
    // Not yet approved: the customer does not read it.
    const token = (await form.row()).trackingToken;
    expect(JSON.stringify(await loadPublicView(token, fx.db))).not.toContain(explanation);

    await form.fire('approve_pending', 'gm', { comment: gmComment }, at(T0, 2));
    let view = (await loadPublicView(token, fx.db))!;
    expect(view.status).toBe('pending');
    expect(view.pendingExplanation).toBe(explanation);
    expect(view.history.find((h) => h.type === 'approve_pending')?.text).toBe(explanation);
    expect(JSON.stringify(view)).not.toContain('供应商已两次延误');
    const pending = await lastCustomerMessage(form, 'pending');
    expect(pending.payload.message).toBe(explanation);
    expect(pending.text).toContain(`原因：${explanation}`);
    expect(pending.text).toMatch(/我们将在 \d{4}年\d{1,2}月\d{1,2}日 再次与您联系/);
    expect(pending.text).not.toContain('供应商已两次延误');

    await form.fire('resume', 'desk', { reason: '后视镜已到货，请您本周来店更换。' }, at(T0, 30));
    const resumed = await lastCustomerMessage(form, 'resumed');
    expect(resumed.text).toContain('已恢复处理：后视镜已到货，请您本周来店更换。');
    view = (await loadPublicView(token, fx.db))!;
    expect(view.history.find((h) => h.type === 'resume')?.text).toBe('后视镜已到货，请您本周来店更换。');
    expect(view.pendingExplanation).toBeNull();

    await form.fire('submit_determination', 'parts', {
      founded: true, responsibleDepartmentId: fx.dept.parts, rootCause, responsiblePerson: 'none',
      remedyProposal: { kind: 'exchange', description: '免费更换后视镜总成' }, preventiveAction: '订货单加急选项设为必填（内部）。', customerContacted: true,
    }, at(T0, 31));
    await form.fire('approve_opinion', 'management', { faultOpinion: '同意。' }, at(T0, 32));
    await form.fire('approve_final', 'gm', { opinion: '同意。' }, at(T0, 33));
    await form.fire('complete_handling', 'management', {
      remedyDelivered: { kind: 'exchange', description: '已免费更换后视镜总成' }, accountability: [], noAccountabilityReason: '厂家缺货为主因。',
      rootCause, preventiveAction: '订货单加急选项设为必填（内部）。', ...summary,
    }, at(T0, 34));

    view = (await loadPublicView(token, fx.db))!;
    expect(view.status).toBe('follow_up');
    expect(view.summary).toMatchObject({ when: summary.customerWhen, how: summary.customerHow, cause: summary.customerCause, prevention: summary.customerPrevention });
    expect(view.summary!.at).toEqual(at(T0, 34));
    const seen = JSON.stringify(view);
    expect(seen).not.toContain(rootCause);
    expect(seen).not.toContain('订货单加急选项');
    expect(seen).not.toContain('厂家缺货为主因');

    const resolved = await lastCustomerMessage(form, 'resolved');
    for (const [key, value] of Object.entries(summary)) expect(resolved.payload[key]).toBe(value);
    expect(resolved.text).toContain(`何时解决：${summary.customerWhen}`);
    expect(resolved.text).toContain(`如何解决：${summary.customerHow}`);
    expect(resolved.text).toContain(`问题原因：${summary.customerCause}`);
    expect(resolved.text).toContain(`今后如何避免：${summary.customerPrevention}`);
    expect(resolved.text).not.toContain(rootCause);

    // A reopen sends it back to handling: the old summary no longer stands, the reason is told.
    await form.fire('reopen', 'desk', { reason: '更换后仍有异响，请再检查。', satisfaction: 2 }, at(T0, 40));
    view = (await loadPublicView(token, fx.db))!;
    expect(view.summary).toBeNull();
    expect(view.history.find((h) => h.type === 'reopen')?.text).toBe('更换后仍有异响，请再检查。');
    const reopened = await lastCustomerMessage(form, 'reopened');
    expect(reopened.text).toContain('原因：更换后仍有异响，请再检查。');
    expect(reopened.text).toMatch(/下一步预计在 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前完成/);
  });

  it('an English-speaking customer reads the same in English', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude', customerLocale: 'en' });
    const [service] = await fx.db.select({ nameEn: departments.nameEn }).from(departments).where(eq(departments.id, fx.dept.service));
    const received = await lastCustomerMessage(form, 'received');
    expect(received.text).toMatch(/We will contact you by [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}\./);
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true }, at(T0, 0.5));
    expect((await lastCustomerMessage(form, 'triaged')).text).toContain(`Your form ${form.number} is now handled by our ${service.nameEn}.`);
  });
});
