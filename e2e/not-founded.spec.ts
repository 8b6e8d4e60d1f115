import { expect, test } from './test';
import { actAs, snap, deskIntake } from './helpers';
import { answer, openAction, openForm, submitAction } from './form-actions';

// DESIGN §3: a complaint found not founded after investigation goes through management and the
// GM like any determination, and the GM's approval closes it as rejected with the explanation.
test('not founded after investigation: department → management → GM → the customer reads the finding', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const explanation = '经比对维修记录，本次拆下的雨刮片并非本店安装的配件，因此不属于本店的维修质量问题。';
  const finding = '维修档案显示该车雨刮片于外店更换，批号与本店库存不符。';

  // Desk: intake and triage to the parts department.
  await actAs(page, 'desk');
  const number = await deskIntake(page, { channel: 'phone', name: '周建国', phone: '13811112222', plate: '粤A·NF001', category: 'parts', description: '去年在你们店换的雨刮片不是原厂件，现在异响。' });
  const triage = await openAction(page, '分派处理');
  await triage.getByLabel('责任部门').selectOption({ label: '配件部' });
  await answer(triage, '处理后需要回访', true);
  await submitAction(page, '分派处理', '责任认定');

  // The parts head finds it not founded: a finding, an explanation for the customer, no remedy.
  await actAs(page, 'parts', `/complaints/${number}`);
  const det = await openAction(page, '提交责任认定');
  await expect(det.getByLabel('成立（我方有责任）')).not.toBeChecked();
  await expect(det.getByLabel('经调查不成立')).not.toBeChecked();
  await det.getByLabel('经调查不成立').check();
  await expect(det.getByText('建议处理措施')).toHaveCount(0);
  await expect(det.getByLabel('责任人（无则填 none）')).toHaveCount(0);
  await det.getByLabel('调查结论（内部，客户不可见）').fill(finding);
  await det.getByLabel(/给客户的说明/).fill(explanation);
  await answer(det, '已与客户沟通', true);
  await snap(page, testInfo, '01-not-founded-determination');
  await submitAction(page, '提交责任认定', '管理部复核');
  await expect(page.getByText('经调查不成立').first()).toBeVisible();

  await actAs(page, 'management', `/complaints/${number}`);
  const review = await openAction(page, '同意处理意见');
  await review.getByLabel('管理部过失处理意见').fill('同意部门结论：投诉不成立。');
  await submitAction(page, '同意处理意见', '总经理审批');

  await actAs(page, 'gm', `/complaints/${number}`);
  const final = await openAction(page, '批准最终意见');
  await final.getByLabel('意见').fill('同意，按不成立结案。');
  await submitAction(page, '批准最终意见', '不成立');
  // Closed: the resolution deadline counts down no more, so it can never turn overdue.
  await page.reload();
  await expect(page.getByTestId('resolution-due')).toContainText('已结案，不再计时');
  await expect(page.getByTestId('resolution-due')).not.toContainText(/剩余|超期/);
  await snap(page, testInfo, '02-rejected');

  // The customer's SMS (read in the demo outbox) carries the finding and the private link, which
  // the outbox masks (only the desk hands out a customer's credentials): the desk's receipt has it.
  await actAs(page, 'admin', '/admin/outbox?channel=sms');
  const sms = page.getByTestId('outbox-row').filter({ hasText: number }).filter({ hasText: '调查结论' }).first();
  const text = (await sms.getByTestId('outbox-text').textContent())!;
  expect(text).toContain(explanation);
  expect(text).toContain('认定投诉不成立');
  expect(text).toMatch(/\/track\/••••••/);
  await actAs(page, 'desk', `/complaints/${number}/receipt`);
  const link = (await page.getByTestId('receipt-link').textContent())!.trim();

  const customer = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 } });
  const mobile = await customer.newPage();
  await mobile.goto(new URL(link).pathname);
  await expect(mobile.getByTestId('public-state')).toHaveText(/不成立/);
  await expect(mobile.getByTestId('public-state-description')).toContainText('经调查核实');
  const history = mobile.getByTestId('public-history');
  await expect(history).toContainText('调查结论');
  await expect(history).toContainText(explanation);
  await expect(mobile.locator('body')).not.toContainText(finding); // the finding is internal
  await expect(mobile.locator('body')).not.toContainText('按不成立结案'); // so is the GM's opinion
  await expect(mobile.getByRole('button', { name: '提交评价' })).toHaveCount(0); // no survey
  await snap(mobile, testInfo, '03-track-not-founded');
  await customer.close();

  // The monthly report counts it as not founded, never as resolved.
  await actAs(page, 'management', '/reports');
  const row = page.locator('tr', { hasText: '配件供应' });
  await expect(row.getByTestId('not-founded')).toHaveText('1');
  await expect(page.getByRole('columnheader', { name: '调查后不成立' })).toBeVisible();
  await snap(page, testInfo, '04-report');
});
