import { expect, test, type Browser, type Page, type TestInfo } from './test';
import { contextAs, snap, type SharedLogin } from './helpers';
import { answer, fillCustomerSummary, openAction, openForm, submitAction, type CustomerSummaryText } from './form-actions';

// What staff mark as customer-visible is what the customer reads on the tracking page (issue 10).
test.describe.configure({ mode: 'serial' });

/** A test artifact; with E2E_SHOTS_DIR=<dir> also a file there, to look at by hand. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  await snap(page, testInfo, name);
  if (process.env.E2E_SHOTS_DIR) await page.screenshot({ path: `${process.env.E2E_SHOTS_DIR}/${name}.png`, fullPage: true });
}

let ipSeq = 0;
const newIp = () => `198.19.${Math.floor(Math.random() * 200) + 1}.${++ipSeq}`;

/** A customer files a complaint on the public form; returns its number and private link. */
async function submitComplaint(page: Page, category: string, description: string) {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': newIp() });
  await page.goto('/submit');
  await page.getByLabel('您的姓名').fill('何女士');
  await page.getByLabel('手机号码').fill('13800990011');
  await page.getByLabel('投诉类别').selectOption(category);
  await page.getByLabel('发生了什么').fill(description);
  await page.getByRole('button', { name: '提交投诉' }).click();
  await expect(page.getByRole('heading', { name: /已收到您的投诉/ })).toBeFocused();
  const number = (await page.getByTestId('form-number').textContent())!.trim();
  const link = (await page.getByTestId('track-link').getAttribute('href'))!;
  return { number, link };
}

async function staffPage(browser: Browser, login: SharedLogin) {
  const { context, page } = await contextAs(browser, login, { locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  return { page, close: () => context.close() };
}

test('the customer reads the explanation of the pending item the GM approved', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const explanation = '您订的原厂后视镜总成需从厂家调货，预计四周内到货，到货当天我们会通知您。';
  const gmComment = '同意列入未了事宜（内部：该供应商本月已两次延误）。';
  const form = await submitComplaint(page, 'parts', '预订的原厂后视镜总成一个月还没到货。');

  const desk = await staffPage(browser, 'desk');
  await openForm(desk.page, form.number);
  const triage = await openAction(desk.page, '分派处理');
  await triage.getByLabel('客户经理').selectOption({ label: '王丽' });
  // A web form's severity is nobody's choice until triage.
  await triage.getByLabel('紧急程度').selectOption('important');
  await answer(triage, '处理后需要回访', true);
  await submitAction(desk.page, '分派处理', '责任认定');
  const propose = await openAction(desk.page, '申请转未了事宜');
  // The label says when the customer reads it: once the GM approves.
  await expect(propose.getByLabel('给客户的说明（总经理批准后客户可见：显示在查询页并发送给客户）')).toBeVisible();
  await propose.getByLabel('原因').selectOption('parts_delayed');
  await propose.getByLabel(/给客户的说明/).fill(explanation);
  await submitAction(desk.page, '申请转未了事宜', '待批未了');
  await desk.close();

  // Before the GM's approval the customer does not read it.
  await page.goto(form.link);
  await expect(page.getByTestId('public-state')).toBeVisible();
  await expect(page.locator('body')).not.toContainText(explanation);

  const gm = await staffPage(browser, 'gm');
  await openForm(gm.page, form.number);
  await gm.page.locator('summary').filter({ hasText: /^批准未了事宜$/ }).click();
  const approve = gm.page.getByRole('form', { name: '批准未了事宜', exact: true });
  await approve.getByLabel('备注（内部）').fill(gmComment);
  await submitAction(gm.page, '批准未了事宜', '未了事宜');
  await gm.close();

  await page.reload();
  await expect(page.getByTestId('public-state')).toHaveText(/持续跟进中/);
  await expect(page.getByTestId('pending-explanation')).toContainText(explanation);
  await expect(page.getByTestId('public-history')).toContainText(explanation);
  await expect(page.locator('body')).not.toContainText('该供应商本月已两次延误');
  await expect(page.getByTestId('public-department')).toBeVisible();
  await shot(page, testInfo, 'track-pending-1366');
});

test('after completion the customer reads the four answers, and not the internal root cause', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const summary: CustomerSummaryText = {
    when: '今天下午已当场为您处理完毕。',
    how: '客服主管当面向您致歉，并为您优先安排了本周六的保养。',
    cause: '那天的预约排班没有按实际接待人数安排，电话排队过长。',
    prevention: '预约名额今后按当班接待人数开放，排队超过五分钟会有专人回电。',
  };
  const rootCause = '排班表由主管手工维护（内部），未与系统同步。';
  const form = await submitComplaint(page, 'attitude', '电话预约保养时客服让我等了二十分钟，最后说预约不上。');

  const desk = await staffPage(browser, 'desk');
  await openForm(desk.page, form.number);
  const done = await openAction(desk.page, '现场解决');
  // The labels say which answers the customer reads.
  await expect(done.getByLabel('根本原因（内部，客户不可见）')).toBeVisible();
  await expect(done.getByLabel('告诉客户：问题原因（客户可见）')).toBeVisible();
  await done.getByLabel('方式').selectOption('apology');
  await done.getByLabel('具体内容').fill('客服主管当面致歉，优先安排保养。');
  await done.getByLabel(/根本原因/).fill(rootCause);
  await done.getByLabel(/预防措施/).fill('排班表接入预约系统（内部）。');
  await fillCustomerSummary(done, summary);
  await answer(done, '处理后需要回访', true);
  await shot(desk.page, testInfo, 'staff-resolve-on-spot-form-1366');
  await submitAction(desk.page, '现场解决', '回访');
  // The history marks the root cause internal on a customer-visible row.
  const row = desk.page.getByTestId('history').locator('li', { hasText: rootCause });
  await expect(row).toContainText('客户可见');
  await expect(row.locator('p', { hasText: rootCause })).toContainText('内部');
  await shot(desk.page, testInfo, 'staff-history-1366');
  await desk.close();

  await page.goto(form.link);
  const answers = page.getByTestId('customer-summary');
  await expect(answers).toBeVisible();
  await expect(answers.getByTestId('summary-when')).toHaveText(summary.when);
  await expect(answers.getByTestId('summary-how')).toHaveText(summary.how);
  await expect(answers.getByTestId('summary-cause')).toHaveText(summary.cause);
  await expect(answers.getByTestId('summary-prevention')).toHaveText(summary.prevention);
  await expect(answers).toContainText('今后如何避免再次发生');
  await expect(page.locator('body')).not.toContainText('排班表由主管手工维护');
  await expect(page.locator('body')).not.toContainText('排班表接入预约系统');
  await shot(page, testInfo, 'track-summary-zh-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, testInfo, 'track-summary-zh-390');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // The same answers, headed in English for an English reader.
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: new URL(page.url()).origin }]);
  await page.reload();
  await expect(page.getByTestId('customer-summary')).toContainText('What we do so that it does not happen again');
  await expect(page.getByTestId('summary-cause')).toHaveText(summary.cause);
  await shot(page, testInfo, 'track-summary-en-390');
  await page.setViewportSize({ width: 1366, height: 900 });
  await shot(page, testInfo, 'track-summary-en-1366');
});
