import { expect, test, type Browser, type Page, type Request } from './test';
import { answer, fillCustomerSummary, openAction, openForm, submitAction } from './form-actions';
import { actAs } from './helpers';

// Issue 14: finding 5 (the survey without JavaScript answered 500: the tracking pages' Referrer-
// Policy made the browser post with `Origin: null`) and the survey's acceptance defects (archived
// forms, a late rating over the follow-up's, false promises, the comment's label and author).

let ipSeq = 0;
const newIp = () => `198.19.${Math.floor(Math.random() * 200) + 1}.${++ipSeq}`;
let phoneSeq = 0;
const newPhone = () => `139${String(Date.now() % 100_000_000).padStart(8, '0').slice(0, 6)}${String(++phoneSeq).padStart(2, '0')}`;

/** A complaint sent from /submit with JavaScript off; returns the number and the Origin the browser sent. */
async function submitWithoutJs(page: Page, description: string) {
  await page.goto('/submit');
  await page.getByLabel('您的姓名').fill('无脚本客户');
  await page.getByLabel('手机号码').fill(newPhone());
  await page.getByLabel('投诉类别').selectOption('attitude');
  await page.getByLabel('发生了什么').fill(description);
  const [post] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/submit'),
    page.getByRole('button', { name: '提交投诉' }).click(),
  ]);
  const number = (await page.getByTestId('form-number').textContent())!.trim();
  const code = (await page.getByTestId('access-code').textContent())!.trim();
  return { number, code, origin: await post.headerValue('origin') };
}

/** The look-up by number and access code with JavaScript off: a plain form post, then a 303 to the private page. */
async function lookUpWithoutJs(page: Page, number: string, code: string) {
  await page.goto('/track');
  await page.getByLabel('处理单号').fill(number);
  await page.getByLabel('查询码').fill(code);
  const [post] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/track/lookup'),
    page.getByRole('button', { name: '查询' }).click(),
  ]);
  await expect(page).toHaveURL(/\/track\/[\w-]{20,}$/);
  return { link: new URL(page.url()).pathname, origin: await post.headerValue('origin') };
}

/** The desk settles each form on the spot and asks for a follow-up call (state 回访). */
async function resolveOnSpot(browser: Browser, numbers: string[]) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await actAs(page, 'desk');
  for (const number of numbers) {
    await openForm(page, number);
    const f = await openAction(page, '现场解决');
    await f.getByLabel('方式').selectOption('apology');
    await f.getByLabel('具体内容').fill('服务经理当面致歉。');
    await f.getByLabel('根本原因').fill('接待高峰人手不足。');
    await f.getByLabel('预防措施').fill('高峰期增加接待人员。');
    await fillCustomerSummary(f);
    await answer(f, /回访/, true);
    await submitAction(page, '现场解决', '回访');
  }
  return { page, context };
}

test('without JavaScript the survey posts with the real Origin and is recorded; Origin: null is refused with a readable 403, or served when the browser says same-origin — never a 500', async ({ browser, baseURL }) => {
  const own = new URL(baseURL!).origin;
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', extraHTTPHeaders: { 'X-Forwarded-For': newIp() } });
  const page = await context.newPage();

  // /submit and the look-up work without JavaScript; each post carried this origin.
  const a = await submitWithoutJs(page, '无脚本提交：接待人员态度冷淡。');
  const b = await submitWithoutJs(page, '无脚本提交：电话一直没人接。');
  expect(a.origin).toBe(own);
  const lookA = await lookUpWithoutJs(page, a.number, a.code);
  const lookB = await lookUpWithoutJs(page, b.number, b.code);
  expect(lookA.origin).toBe(own);
  const desk = await resolveOnSpot(browser, [a.number, b.number]);
  await desk.context.close();

  // The tracking page keeps its token from other sites, but not the Origin from itself.
  const trackPage = await page.goto(lookA.link);
  expect(trackPage!.headers()['referrer-policy']).toBe('same-origin');
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'same-origin');

  // Form A: the browser's own no-JavaScript post is caught (and not sent) to be replayed with Origin: null.
  let caught: Request | undefined;
  await page.route(`**${lookA.link}`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    caught = route.request();
    await route.abort();
  });
  await page.getByLabel(/2 — 不满意/).check();
  await page.getByLabel('意见或建议').fill('回电太晚了。');
  await page.getByRole('button', { name: '提交评价' }).click().catch(() => {});
  await expect.poll(() => caught !== undefined).toBe(true);
  await page.unroute(`**${lookA.link}`);
  expect(await caught!.headerValue('origin'), 'Chromium sends the real Origin under Referrer-Policy: same-origin').toBe(own);
  const body = caught!.postDataBuffer()!;
  const contentType = (await caught!.headerValue('content-type'))!;
  expect(contentType).toContain('multipart/form-data');
  const replay = (headers: Record<string, string>) =>
    page.request.post(lookA.link, { headers: { 'Content-Type': contentType, Accept: 'text/html', ...headers }, data: body, maxRedirects: 0 });

  // No proof of the same origin: refused before Next, with a page the customer can read.
  const foreign: Record<string, string>[] = [{ Origin: 'null' }, { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'https://evil.example' }];
  for (const headers of foreign) {
    const res = await replay(headers);
    expect(res.status(), JSON.stringify(headers)).toBe(403);
    expect(res.headers()['content-type']).toContain('text/html');
    expect(await res.text()).toContain('该请求并非来自本系统的页面，已被拒绝，未做任何更改。');
  }
  const en = await replay({ Origin: 'null', 'Accept-Language': 'en' });
  expect(await en.text()).toContain('did not come from a page of this portal');
  await page.goto(lookA.link);
  await expect(page.getByRole('button', { name: '提交评价' })).toBeVisible(); // nothing was recorded

  // Origin: null with the browser's Sec-Fetch-Site: same-origin is this origin: served, recorded.
  const served = await replay({ Origin: 'null', 'Sec-Fetch-Site': 'same-origin' });
  expect(served.status()).toBe(200);
  await page.goto(lookA.link);
  await expect(page.getByTestId('survey-given')).toContainText('您给本次处理的评分为 2 / 5');
  // The form has no customer manager: the desk receives the alert, and the page says so.
  await expect(page.getByTestId('survey-given')).toContainText('我们的客户服务中心会与您联系');
  await expect(page.getByTestId('public-history')).toContainText('回电太晚了。');

  // Form B: the plain no-JavaScript survey, as the customer sends it.
  await page.goto(lookB.link);
  await page.getByLabel(/4 — 满意/).check();
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === lookB.link),
    page.getByRole('button', { name: '提交评价' }).click(),
  ]);
  expect(res.status()).toBe(200);
  await page.goto(lookB.link);
  await expect(page.getByTestId('survey-given')).toContainText('您给本次处理的评分为 4 / 5');
  await context.close();
});

test('a late rating stands beside the follow-up; an archived form offers no survey and no upload; the comment reads as the customer\'s, shown to the customer', async ({ browser }) => {
  const customer = await browser.newContext({ locale: 'zh-CN', extraHTTPHeaders: { 'X-Forwarded-For': newIp() } });
  const mobile = await customer.newPage();
  await mobile.goto('/submit');
  await mobile.getByLabel('您的姓名').fill('周先生');
  await mobile.getByLabel('手机号码').fill(newPhone());
  await mobile.getByLabel('投诉类别').selectOption('workmanship');
  await mobile.getByLabel('发生了什么').fill('保养后底盘异响。');
  await mobile.getByRole('button', { name: '提交投诉' }).click();
  await expect(mobile.getByRole('heading', { name: /已收到您的投诉/ })).toBeFocused();
  const number = (await mobile.getByTestId('form-number').textContent())!.trim();
  const link = (await mobile.getByTestId('track-link').getAttribute('href'))!;

  // The desk settles it and records the follow-up call: satisfied (4).
  const { page: desk, context: staff } = await resolveOnSpot(browser, [number]);
  const call = await openAction(desk, '记录回访');
  await call.getByLabel('客户满意度').selectOption('4');
  await call.getByLabel('联系 / 回访情况').fill('客户电话中表示满意。');
  await submitAction(desk, '记录回访', '考核');

  // Afterwards the customer rates 1 on the tracking page: recorded, alerting the desk (no customer manager).
  await mobile.goto(link);
  await mobile.getByLabel(/1 — 非常不满意/).check();
  await mobile.getByLabel('意见或建议').fill('回访后异响又出现了。');
  await mobile.getByRole('button', { name: '提交评价' }).click();
  const given = mobile.getByTestId('survey-given');
  await expect(given).toContainText('您给本次处理的评分为 1 / 5');
  await expect(given).toContainText('我们的客户服务中心会与您联系');
  await expect(given).not.toContainText('客户经理');

  // The form page: the follow-up's rating stands, the customer's beside it.
  await desk.reload();
  const field = (label: string) => desk.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd');
  await expect(field('客户满意度')).toHaveText('4 · 满意');
  await expect(field('客户自评（查询页）')).toHaveText('1 · 非常不满意');
  // The survey row: shown to the customer, the comment not marked internal, the author said once.
  const row = desk.getByTestId('history').locator('li', { hasText: '客户满意度评价' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('客户可见');
  await expect(row.locator('p', { hasText: '回访后异响又出现了。' })).not.toContainText('内部');
  await expect(row.locator('div.text-xs')).toHaveText(/ · 客户$/);
  await expect(row.locator('div.text-xs')).not.toContainText('客户 · 客户');

  // Evidence is taken while the form is open, and not offered once it is archived.
  await expect(desk.getByRole('form', { name: '证据材料' })).toHaveCount(1);
  const assess = await openAction(desk, '考核通过');
  await assess.getByRole('radiogroup', { name: '处理及时' }).getByLabel('是').check();
  await assess.getByRole('radiogroup', { name: '符合处理标准' }).getByLabel('是').check();
  await submitAction(desk, '考核通过', '已归档');
  await expect(desk.getByRole('form', { name: '证据材料' })).toHaveCount(0);
  await expect(field('客户满意度')).toHaveText('4 · 满意');
  await staff.close();

  // The archived form: closed, no survey offered; the rating stays in the history.
  await mobile.goto(link);
  await expect(mobile.getByTestId('public-state')).toHaveText(/已结案/);
  await expect(mobile.getByRole('heading', { name: '您对处理结果满意吗？' })).toHaveCount(0);
  await expect(mobile.getByRole('button', { name: '提交评价' })).toHaveCount(0);
  await expect(mobile.getByTestId('public-history')).toContainText('回访后异响又出现了。');
  await customer.close();
});
