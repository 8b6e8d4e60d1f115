import { expect, test } from './test';
import { actAs, snap, deskIntake } from './helpers';
import { answer, openAction, openForm, submitAction, fillCustomerSummary } from './form-actions';

test('a walk-in complaint goes from intake to archive through the determinable path', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  // Desk: intake.
  await actAs(page, 'desk');
  await snap(page, testInfo, '01-desk');
  // A walk-in customer gets the receipt first (e2e/receipt.spec.ts), then the desk goes on with the form.
  await deskIntake(page, { channel: 'walk_in', name: '林小雨', phone: '13912345678', plate: '粤A·E2E01', category: 'attitude', description: '交车时服务顾问不耐烦，没有解释维修项目和费用。', request: '希望得到解释和道歉。' });
  await page.getByRole('link', { name: '返回处理单' }).click();
  await expect(page).toHaveURL(/\/complaints\/KS-\d{4}-\d{6}$/);
  const number = page.url().split('/').pop()!;
  await expect(page.getByTestId('form-state')).toHaveText('已受理');
  await snap(page, testInfo, '02-received');

  // Desk: triage to the service department (the category's default), with a follow-up call.
  const triage = await openAction(page, '分派处理');
  await expect(triage.getByLabel('责任部门')).not.toHaveValue('');
  await triage.getByLabel('紧急程度').selectOption('important');
  await answer(triage, '处理后需要回访', true);
  await submitAction(page, '分派处理', '责任认定');
  await snap(page, testInfo, '03-investigating');

  // The service department's primary handler drafts the determination…
  await actAs(page, 'liming', `/complaints/${number}`);
  const draft = page.getByRole('form', { name: '责任认定草稿' });
  // Founded or not comes first; the founded fields appear with the answer.
  await expect(draft.getByLabel('责任人')).toHaveCount(0);
  await draft.getByLabel('成立（我方有责任）').check();
  await draft.getByLabel('根本原因').fill('服务顾问未按交车流程逐项说明。');
  // The responsible person is picked from the staff directory, not typed.
  await draft.getByLabel('责任人').selectOption({ label: '马超' });
  // The remedy's kind starts unchosen (issue 17): an apology is recorded as one, not as a repair.
  await expect(draft.getByLabel('方式')).toHaveValue('');
  await draft.getByLabel('方式').selectOption('apology');
  await draft.getByLabel('具体内容').fill('服务经理当面致歉并逐项解释结算单。');
  await draft.getByLabel('预防措施').fill('交车流程加入逐项讲解检查表。');
  await draft.getByRole('button', { name: '保存草稿' }).click();
  await expect(draft.getByRole('status')).toContainText('已保存');
  await expect(page.getByTestId('form-state')).toHaveText('责任认定');
  await snap(page, testInfo, '04-draft');

  // …and the head reviews it and submits it: that is the head approving the remedy.
  await actAs(page, 'service');
  await expect(page.getByRole('link', { name: number })).toBeVisible();
  // The routing reached the head's notices too.
  await page.goto('/inbox');
  await expect(page.getByTestId('inbox')).toContainText(number);
  await page.goto('/department');
  await snap(page, testInfo, '05-department-queue');
  await openForm(page, number);
  const det = await openAction(page, '提交责任认定');
  await expect(det.getByLabel('根本原因')).toHaveValue('服务顾问未按交车流程逐项说明。');
  await expect(det.getByLabel('具体内容')).toHaveValue('服务经理当面致歉并逐项解释结算单。');
  await expect(det.getByLabel('方式')).toHaveValue('apology');
  await answer(det, '已与客户沟通', true);
  await submitAction(page, '提交责任认定', '管理部复核');
  await snap(page, testInfo, '06-management-review');

  // Management approves the opinion.
  await actAs(page, 'management', `/complaints/${number}`);
  const review = await openAction(page, '同意处理意见');
  await review.getByLabel('管理部过失处理意见').fill('同意，按服务规范第 3 条处理。');
  await submitAction(page, '同意处理意见', '总经理审批');
  await snap(page, testInfo, '07-gm-decision');

  // The general manager approves.
  await actAs(page, 'gm', `/complaints/${number}`);
  const final = await openAction(page, '批准最终意见');
  await final.getByLabel('意见').fill('同意，今日内回复客户。');
  await submitAction(page, '批准最终意见', '责任追究');
  await snap(page, testInfo, '08-accountability');

  // Management: remedy delivered, accountability recorded.
  await actAs(page, 'management', `/complaints/${number}`);
  const done = await openAction(page, '完成处理');
  await done.getByLabel('方式').selectOption('apology');
  await done.getByLabel('具体内容').fill('已当面致歉并解释结算单。');
  await done.getByRole('button', { name: '添加一条' }).click();
  await done.getByLabel('人员').selectOption({ label: '马超' });
  // Penalty or reward starts unchosen too.
  await done.getByLabel('类型').selectOption('penalty');
  await done.getByLabel('金额（元）').last().fill('100');
  await done.getByLabel('事由').fill('交车未逐项说明。');
  await done.getByLabel('根本原因').fill('服务顾问未按交车流程逐项说明。');
  await done.getByLabel('预防措施').fill('交车流程加入逐项讲解检查表。');
  await fillCustomerSummary(done);
  await submitAction(page, '完成处理', '回访');
  await snap(page, testInfo, '09-follow-up');

  // Desk: follow-up call, then the assessment.
  await actAs(page, 'desk', `/complaints/${number}`);
  const call = await openAction(page, '记录回访');
  // The rating starts unchosen and offers only the satisfied marks (3–5).
  await expect(call.getByLabel('客户满意度')).toHaveValue('');
  await expect(call.getByLabel('客户满意度').locator('option')).toHaveText(['请选择…', '5 · 非常满意', '4 · 满意', '3 · 一般']);
  await call.getByLabel('客户满意度').selectOption('5');
  await call.getByLabel('联系 / 回访情况').fill('客户表示满意。');
  await submitAction(page, '记录回访', '考核');
  const assess = await openAction(page, '考核通过');
  // The timeliness part starts from the per-step figures; the handling standard is the centre's own judgement.
  await expect(page.getByTestId('assessment-start')).toContainText('时效统计');
  await expect(assess.getByRole('radiogroup', { name: '处理及时' }).getByRole('radio', { checked: true })).toHaveCount(1);
  await expect(assess.getByRole('radiogroup', { name: '符合处理标准' }).getByRole('radio', { checked: true })).toHaveCount(0);
  await assess.getByRole('radiogroup', { name: '处理及时' }).getByLabel('是').check();
  await assess.getByRole('radiogroup', { name: '符合处理标准' }).getByLabel('是').check();
  await submitAction(page, '考核通过', '已归档');
  await snap(page, testInfo, '10-archived');
  // The history holds every step, in order (and the showing of the receipt).
  await expect(page.getByTestId('history').locator('li')).toHaveCount(9);
});
