import { expect, test, type Page } from './test';
import { actAs, snap } from './helpers';
import { seriousViolations } from './axe';
import { answer, fillCustomerSummary } from './form-actions';

// Customers never sign in, and many of them are on a phone.
test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
test.describe.configure({ mode: 'serial' });

// Every test comes from its own address, so the per-IP limits of one do not touch another.
let ipSeq = 0;
const newIp = () => `198.18.${Math.floor(Math.random() * 200) + 1}.${++ipSeq}`;
const fromOwnAddress = async (page: Page) => page.setExtraHTTPHeaders({ 'X-Forwarded-For': newIp() });

// 1×1 PNG, named .jpg on purpose: the server goes by content.
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ff8a0d6a5c0000000049454e44ae426082', 'hex');

interface Submitted {
  number: string;
  code: string;
  link: string;
}
let submitted: Submitted | undefined;

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function submitComplaint(page: Page, description: string): Promise<Submitted> {
  await page.goto('/submit');
  await page.getByLabel('您的姓名').fill('林小姐');
  await page.getByLabel('手机号码').fill('138 0013 8000');
  await page.getByLabel('车牌号').fill('粤A·12345');
  await page.getByLabel('投诉类别').selectOption('attitude');
  await page.getByLabel('发生了什么').fill(description);
  await page.getByLabel('您的诉求').fill('希望接待人员道歉。');
  await page.getByLabel('照片').setInputFiles({ name: 'scratch.jpg', mimeType: 'image/jpeg', buffer: png });
  await page.getByRole('button', { name: '提交投诉' }).click();
  await expect(page.getByRole('heading', { name: /已收到您的投诉/ })).toBeFocused();
  const number = (await page.getByTestId('form-number').textContent())!.trim();
  const code = (await page.getByTestId('access-code').textContent())!.trim();
  const link = (await page.getByTestId('track-link').getAttribute('href'))!;
  expect(number).toMatch(/^KS-\d{4}-\d{6}$/);
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  expect(link).toMatch(/^\/track\/[\w-]{20,}$/);
  return { number, code, link };
}

test('a customer on a phone submits a complaint and gets the number, the access code and the private link', async ({ page }, testInfo) => {
  await fromOwnAddress(page);
  await page.goto('/submit');
  await expectNoSidewaysScroll(page);
  // Nothing filled in: the errors stand next to their fields and are announced.
  await page.getByRole('button', { name: '提交投诉' }).click();
  const name = page.getByLabel('您的姓名');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#customerName-error')).toHaveText(/请填写您的姓名/);
  await expect(name).toHaveAttribute('aria-describedby', /customerName-error/);
  await expect(page.locator('#customerName-error')).toHaveAttribute('aria-live', 'polite');
  await snap(page, testInfo, 'submit-errors-360');

  submitted = await submitComplaint(page, '前台接待在我询问维修进度时态度冷淡，多次打断我说话。');
  await expect(page.getByText(submitted.number)).toBeVisible();
  await expectNoSidewaysScroll(page);
  await snap(page, testInfo, 'submit-success-360');
});

test('the customer tracks the complaint by number and access code, and by the private link', async ({ page }, testInfo) => {
  test.skip(!submitted, 'needs the complaint of the first test');
  await fromOwnAddress(page);
  await page.goto('/track');
  await page.getByLabel('处理单号').fill(submitted!.number.toLowerCase());
  await page.getByLabel('查询码').fill(submitted!.code);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(new RegExp(`${submitted!.link}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`投诉 ${submitted!.number}`);
  await expect(page.getByTestId('public-state')).toHaveText(/已受理/);
  await expect(page.getByTestId('public-state-description')).toHaveText(/我们已收到您的投诉/);
  await expect(page.getByTestId('resolution-due')).not.toBeEmpty();
  await expect(page.getByTestId('public-history')).toContainText('投诉已受理');
  await expect(page.getByTestId('public-history')).toContainText('您');
  await expectNoSidewaysScroll(page);
  await snap(page, testInfo, 'track-360');

  await page.goto(submitted!.link);
  await expect(page.getByTestId('public-state')).toHaveText(/已受理/);
  // In English too, through the language switch.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('public-state-description')).toHaveText('We have received your complaint and are deciding who will handle it.');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByTestId('public-state')).toHaveText(/已受理/);

  // Without JavaScript the lookup is a plain form post answered by a 303 to the private page.
  const res = await page.request.post('/track/lookup', {
    form: { number: submitted!.number, code: submitted!.code },
    headers: { 'X-Forwarded-For': newIp() },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(303);
  expect(res.headers()['location']).toBe(submitted!.link);
});

test('a wrong number and a wrong access code get one and the same answer', async ({ page, request }) => {
  test.skip(!submitted, 'needs the complaint of the first test');
  const ip = newIp();
  const post = (number: string, code: string) => request.post('/track/lookup', { form: { number, code }, headers: { 'X-Forwarded-For': ip }, maxRedirects: 0 });
  const wrongCode = await post(submitted!.number, 'ZZZZ2222');
  const wrongNumber = await post('KS-1999-000777', submitted!.code);
  expect(wrongCode.status()).toBe(404);
  expect(wrongNumber.status()).toBe(wrongCode.status());
  expect(await wrongNumber.text()).toBe(await wrongCode.text());
  expect(await wrongCode.text()).toContain('未找到与该处理单号和查询码相符的投诉');

  // The enhanced form shows the same sentence in place.
  await fromOwnAddress(page);
  await page.goto('/track');
  await page.getByLabel('处理单号').fill('KS-1999-000777');
  await page.getByLabel('查询码').fill('ZZZZ2222');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByTestId('track-message')).toHaveText(/未找到与该处理单号和查询码相符的投诉/);
  await expect(page).toHaveURL(/\/track$/);
});

test('too many lookups from one address get a real 429', async ({ request }) => {
  const limit = Number(process.env.KESU_TRACK_IP_LIMIT || 10);
  const headers = { 'X-Forwarded-For': newIp() };
  for (let i = 0; i < limit; i++) {
    const res = await request.post('/track/lookup', { form: { number: `KS-1999-00000${i}`, code: 'ABCDEFGH' }, headers, maxRedirects: 0 });
    expect(res.status()).toBe(404);
  }
  const limited = await request.post('/track/lookup', { form: { number: 'KS-1999-000001', code: 'ABCDEFGH' }, headers, maxRedirects: 0 });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
  expect(await limited.text()).toContain('查询次数过多');
  const json = await request.post('/track/lookup', { data: { number: 'KS-1999-000001', code: 'ABCDEFGH' }, headers: { ...headers, Accept: 'application/json' } });
  expect(json.status()).toBe(429);
  expect(await json.json()).toMatchObject({ ok: false, error: 'rate_limited' });
  // Another address is not affected.
  const other = await request.post('/track/lookup', { form: { number: 'KS-1999-000001', code: 'ABCDEFGH' }, headers: { 'X-Forwarded-For': newIp() }, maxRedirects: 0 });
  expect(other.status()).toBe(404);
});

for (const path of ['/submit', '/track']) {
  test(`axe finds no serious or critical violations on ${path}`, async ({ page }) => {
    await fromOwnAddress(page);
    await page.goto(path);
    if (path === '/submit') await page.getByRole('button', { name: '提交投诉' }).click(); // with the errors shown
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('axe finds no serious or critical violations on the private tracking page', async ({ page }) => {
  test.skip(!submitted, 'needs the complaint of the first test');
  await page.goto(submitted!.link);
  expect(await seriousViolations(page)).toEqual([]);
});

test('staff handle the form; the customer sees the reply, not the internals, and rates the handling', async ({ page, browser }, testInfo) => {
  await fromOwnAddress(page);
  const form = await submitComplaint(page, '电话预约保养时客服让我等了二十分钟。');

  // The desk answers the customer and settles it on the spot (staff portal, desktop).
  const staffContext = await browser.newContext({ locale: 'zh-CN' });
  const staff = await staffContext.newPage();
  await actAs(staff, 'desk', `/complaints/${form.number}`);
  const fire = async (event: string, fill: (f: ReturnType<Page['getByRole']>) => Promise<void>) => {
    const details = staff.locator('details', { has: staff.locator('summary', { hasText: event }) });
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    const f = staff.getByRole('form', { name: event });
    await fill(f);
    const history = staff.getByTestId('history').locator('li');
    const before = await history.count();
    await f.getByRole('button', { name: event }).click();
    // The form of an event that moves the form on disappears with the refresh: watch the history.
    await expect(history).toHaveCount(before + 1);
  };
  await fire('添加备注', async (f) => {
    await f.getByLabel('内容').fill('内部：接待员当班人数不足');
  });
  await fire('添加备注', async (f) => {
    await f.getByLabel('内容').fill('您好，我们已核实情况，明天上午给您回电。');
    await f.getByLabel(/向客户公开/).check();
  });
  await fire('现场解决', async (f) => {
    await f.getByLabel('方式').selectOption('apology');
    await f.getByLabel('具体内容').fill('客服主管回电致歉，并优先安排保养。');
    await f.getByLabel('根本原因').fill('预约系统排班未与接待人数同步。');
    await f.getByLabel('预防措施').fill('按接待人数开放预约名额。');
    await fillCustomerSummary(f);
    await answer(f, /回访/, true);
  });
  await staffContext.close();

  // The customer's page: plain-words state, the reply, the remedy; no internal note, no names.
  await page.goto(form.link);
  await expect(page.getByTestId('public-state')).toHaveText(/已解决/);
  const history = page.getByTestId('public-history');
  await expect(history).toContainText('明天上午给您回电');
  await expect(history).toContainText('客服主管回电致歉');
  await expect(history).toContainText('客服中心');
  await expect(page.locator('body')).not.toContainText('内部：接待员当班人数不足');
  await expect(page.locator('body')).not.toContainText('王丽');
  await expect(page.locator('body')).not.toContainText('预约系统排班'); // the root cause is internal
  await snap(page, testInfo, 'track-resolved-360');

  // Rating: only the explicit POST records it; a low one is acknowledged.
  await page.reload();
  await page.getByLabel(/2 — 不满意/).check();
  await page.getByLabel('意见或建议').fill('回电太晚了。');
  await page.getByRole('button', { name: '提交评价' }).click();
  const given = page.getByTestId('survey-given');
  await expect(given).toContainText('您给本次处理的评分为 2 / 5');
  // No customer manager on this form: the desk gets the alert, and the page promises the desk.
  await expect(given).toContainText('客户服务中心会与您联系');
  await page.reload();
  await expect(given).toContainText('您给本次处理的评分为 2 / 5');
  await expect(page.getByRole('button', { name: '提交评价' })).toHaveCount(0);
  await expect(history).toContainText('回电太晚了');
});

test('without JavaScript the customer can still submit and look the complaint up', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 360, height: 740 }, extraHTTPHeaders: { 'X-Forwarded-For': newIp() } });
  const page = await context.newPage();
  await page.goto('/submit');
  await page.getByLabel('您的姓名').fill('无脚本客户');
  await page.getByLabel('手机号码').fill('13900000000');
  await page.getByLabel('投诉类别').selectOption('price');
  await page.getByLabel('发生了什么').fill('结算单多收了一项费用。');
  await page.getByRole('button', { name: '提交投诉' }).click();
  const number = (await page.getByTestId('form-number').textContent())!.trim();
  const code = (await page.getByTestId('access-code').textContent())!.trim();
  await page.goto('/track');
  await page.getByLabel('处理单号').fill(number);
  await page.getByLabel('查询码').fill(code);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/\/track\/[\w-]{20,}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`投诉 ${number}`);
  await context.close();
});
