import fs from 'node:fs';
import { expect, test, type Page } from './test';
import { actAs, snap, deskIntake, hydrated } from './helpers';
import { openAction, openForm } from './form-actions';

/** A customer of this test alone: a phone no demo form has. */
const phone = `135${String(Date.now()).slice(-8)}`;
const name = '隐私测试客户';

function intake(page: Page, words: string): Promise<string> {
  return deskIntake(page, { name, phone, description: words });
}

/** Fires a closing event whose only field is a text (reject: the explanation; withdraw: the reason). */
async function close(page: Page, number: string, label: string, text: string, state: string) {
  await openForm(page, number);
  const form = await openAction(page, label);
  await form.getByRole('textbox').first().fill(text);
  await form.getByRole('button', { name: label }).click();
  await expect(page.getByTestId('form-state')).toHaveText(state);
}

async function find(page: Page) {
  await page.goto('/privacy');
  await page.getByLabel('查找方式').selectOption('phone');
  await page.getByLabel('电话、邮箱或姓名').fill(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`);
  await page.getByRole('button', { name: '查找', exact: true }).click();
}

// Issue 14: the desk finds everything held about one customer, exports it, and erases it on request;
// refused while a form is open.
test('the desk finds a customer by phone, exports the data, is refused while a form is open, then erases it (390 px)', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await actAs(page, 'desk');
  const closed = await intake(page, '接待人员态度冷淡，我的电话是这个号码，请回电。');
  await close(page, closed, '判定不成立', '经核实，接待人员按规定办理，投诉不成立。', '不成立');
  const open = await intake(page, '第二次来电：仍然没有人回电。');

  await find(page);
  const list = page.getByTestId('person-forms');
  await expect(page.getByRole('heading', { name: '共有 2 张处理单含有此人的信息' })).toBeVisible();
  await expect(list.getByRole('link', { name: closed })).toBeVisible();
  await expect(list.getByRole('listitem').filter({ hasText: open })).toContainText('尚未结束');
  // Nothing overflows the phone's width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snap(page, testInfo, '01-found');

  // Export: a JSON file with the customer's data.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出为文件（JSON）' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^person-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
  expect(data.forms.map((f: { number: string }) => f.number).sort()).toEqual([closed, open].sort());
  expect(data.forms[0].customer).toMatchObject({ name, phone: `+86${phone}` });

  // Erase while a form is open: a warning before, a refusal naming the form after.
  await page.getByRole('button', { name: '删除这些信息…' }).click();
  await expect(page.getByText(`将被拒绝：${open} 尚未结束或处于法律保全中。`)).toBeVisible();
  await expect(page.getByRole('button', { name: '立即删除' })).toBeDisabled();
  await page.getByLabel(/本人已请求删除其个人信息/).check();
  await page.getByRole('button', { name: '立即删除' }).click();
  await expect(page.getByRole('status')).toContainText(`未删除：${open} 尚未结束。`);
  await snap(page, testInfo, '02-refused');

  // The complaint closes (withdrawn); now the erasure goes through.
  await close(page, open, '撤诉', '客户表示不再追究。', '已撤诉');
  await find(page);
  await page.getByRole('button', { name: '删除这些信息…' }).click();
  await page.getByLabel(/本人已请求删除其个人信息/).check();
  await page.getByRole('button', { name: '立即删除' }).click();
  await expect(page.getByRole('status')).toContainText('已删除：');
  await snap(page, testInfo, '03-erased');
  await find(page);
  await expect(page.getByRole('heading', { name: '没有处理单含有此人的信息。' })).toBeVisible();

  // The form keeps its number and history; the customer is gone from it.
  await openForm(page, closed);
  await expect(page.getByTestId('form-state')).toHaveText('不成立');
  await expect(page.getByTestId('anonymised')).toContainText('个人信息已于');
  await expect(page.getByText(name)).toHaveCount(0);
  await expect(page.getByText(phone)).toHaveCount(0);
});

test('the export answers only a signed-in desk or admin, from the portal itself', async ({ page, request, baseURL }) => {
  const post = (headers: Record<string, string>) =>
    request.post('/privacy/export', { form: { kind: 'phone', value: '13800138001' }, headers, maxRedirects: 0 });
  // Signed out; then a cross-site form post (another site's page posting to the portal).
  expect((await post({ 'sec-fetch-site': 'same-origin', origin: baseURL! })).status()).toBe(401);
  await actAs(page, 'desk');
  const asDesk = (headers: Record<string, string>) =>
    page.request.post('/privacy/export', { form: { kind: 'phone', value: '13800138001' }, headers, maxRedirects: 0 });
  expect((await asDesk({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).status()).toBe(403);
  expect((await asDesk({ origin: 'null' })).status()).toBe(403);
  expect((await asDesk({ 'sec-fetch-site': 'same-origin', origin: baseURL!, })).status()).toBe(200);
  const bad = await page.request.post('/privacy/export', { form: { kind: 'phone', value: 'not a phone' }, headers: { origin: baseURL! } });
  expect(bad.status()).toBe(400);
  await actAs(page, 'service');
  expect((await page.request.post('/privacy/export', { form: { kind: 'phone', value: '13800138001' }, headers: { origin: baseURL! } })).status()).toBe(403);
});

test('management places a legal hold with its reason and lifts it', async ({ page }) => {
  await actAs(page, 'management');
  // A demo customer's form: the newest form may be one the erasure test above is about to erase.
  await page.goto('/complaints?phone=13800138001');
  const number = (await page.getByRole('link', { name: /^KS-\d{4}-\d{6}$/ }).first().textContent())!;
  await page.goto('/holds');
  await page.getByLabel('处理单号').fill(number);
  await page.getByLabel('原因').fill('客户已向法院起诉，证据保全');
  await page.getByRole('button', { name: '设置法律保全' }).click();
  await expect(page.getByRole('status')).toContainText(`处理单 ${number} 已处于法律保全中。`);
  const held = page.getByTestId('holds').getByRole('listitem').filter({ hasText: number });
  await expect(held).toContainText('客户已向法院起诉，证据保全');
  await openForm(page, number);
  await expect(page.getByTestId('legal-hold')).toContainText('客户已向法院起诉，证据保全');
  await page.goto('/holds');
  await held.getByRole('button', { name: /解除保全/ }).click();
  await expect(page.getByTestId('holds').getByRole('listitem').filter({ hasText: number })).toHaveCount(0);
});

// @alone: the authorization matrix saves the retention period too.
test('the admin sets the retention period on its page; a value out of range is refused at its field', { tag: '@alone' }, async ({ page }) => {
  await actAs(page, 'admin', '/admin/retention');
  await expect(page.getByRole('heading', { name: '个人信息保存期限' })).toBeVisible();
  const years = page.getByLabel('结束后保存年数');
  await expect(years).toHaveValue('3');
  await hydrated(years);
  await years.fill('0');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#retention-years-error')).toBeVisible();
  await years.fill('5');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');
  await page.reload();
  await expect(page.getByLabel('结束后保存年数')).toHaveValue('5');
  await hydrated(page.getByLabel('结束后保存年数'));
  await page.getByLabel('结束后保存年数').fill('3');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');
});
