import { expect, test, type Page } from './test';
import { actAs, snap, deskIntake } from './helpers';

// Issue 14: every admin act is on an append-only audit log that admins and management read at
// /admin/audit; finding 6: the outbox no longer shows a customer's access code or private link.

async function fits(page: Page, width: number) {
  await page.setViewportSize({ width, height: 900 });
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, page.url()).toBeLessThanOrEqual(width);
}

// @alone: it reads the newest entries of the audit log, which any admin act elsewhere would push down.
test('an admin act is on the audit log at once; management reads it too, the desk is refused', { tag: '@alone' }, async ({ page, browser }, testInfo) => {
  const day = '2029-05-04';
  await actAs(page, 'admin', '/admin/calendar?year=2029');
  const form = page.getByRole('form', { name: '添加日期' });
  await form.getByLabel('日期').fill(day);
  await form.getByLabel('类型').selectOption('holiday');
  await form.getByLabel(/名称/).fill('审计测试日');
  await form.getByRole('button', { name: '添加日期' }).click();
  await expect(page.getByTestId('calendar-days')).toContainText('审计测试日');
  await page.getByRole('button', { name: '删除 2029年5月4日' }).click();
  await expect(page.getByText('2029 年尚未录入')).toBeVisible();

  // From the admin navigation.
  await page.getByRole('link', { name: '操作审计日志' }).first().click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole('heading', { level: 1, name: '操作审计日志' })).toBeVisible();
  const entries = page.getByTestId('audit-entry');
  // Newest first: the removal, then the addition, each with who, the target and before → after.
  await expect(entries.nth(0)).toHaveAttribute('data-action', 'calendar_day.remove');
  await expect(entries.nth(0)).toContainText('删除日历日期');
  await expect(entries.nth(1)).toHaveAttribute('data-action', 'calendar_day.add');
  const added = entries.nth(1);
  await expect(added).toContainText('新增日历日期');
  await expect(added.getByTestId('audit-target')).toHaveText(day);
  await expect(added).toContainText('系统管理员 (admin)');
  await expect(added).toContainText('名称：— → 审计测试日');
  await expect(added).toContainText('类型：— → 节假日（休息）');
  await expect(entries.nth(0)).toContainText('名称：审计测试日 → —');

  // Filtered by act: only additions of calendar days.
  await page.getByLabel('操作', { exact: true }).selectOption('calendar_day.add');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/action=calendar_day\.add/);
  for (const action of await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))) expect(action).toBe('calendar_day.add');
  await fits(page, 390);
  await snap(page, testInfo, 'audit-390');
  // A tampered link is a 404, never a database error.
  for (const q of ['from=2026-13-40', 'to=0000-01-01', 'actor=%00', 'action=x%27--', 'cursor=garbage']) {
    expect((await page.request.get(`/admin/audit?${q}`)).status(), q).toBe(404);
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // Management: from the main navigation; a ledger export is on the log as well.
  await actAs(page, 'management');
  expect((await page.request.get('/export/ledger?format=csv&scope=all')).status()).toBe(200);
  await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '审计日志' }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(entries.nth(0)).toHaveAttribute('data-action', 'ledger.export');
  await expect(entries.nth(0)).toContainText('导出台账（表格文件）');
  await expect(page.locator('[data-action="calendar_day.add"]').filter({ hasText: day }).first()).toBeVisible();
  await fits(page, 390);

  const desk = await browser.newContext();
  const deskPage = await desk.newPage();
  await actAs(deskPage, 'desk');
  expect((await deskPage.request.get('/admin/audit', { maxRedirects: 0 })).status()).toBe(403);
  await desk.close();
});

test('the outbox shows that a message carried the access code and private link, never their value', async ({ page }, testInfo) => {
  // A walk-in complaint: the desk's receipt is where the code and the link are handed over.
  await actAs(page, 'desk');
  const number = await deskIntake(page, { channel: 'walk_in', name: '审计先生', phone: '13922223333', description: '接待时无人理睬，等候了很久。' });
  const code = (await page.getByTestId('receipt-code').textContent())!.trim();
  const token = (await page.getByTestId('receipt-link').textContent())!.trim().split('/track/')[1];
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  expect(token.length).toBeGreaterThan(16);

  await actAs(page, 'admin', '/admin/outbox?channel=sms');
  const sms = page.getByTestId('outbox-row').filter({ hasText: number }).first();
  await sms.getByText('查看消息内容').click();
  const text = sms.getByTestId('outbox-text');
  await expect(text).toContainText(number);
  await expect(text).toContainText('查询码：••••••');
  await expect(text).toContainText('/track/••••••');
  const html = await page.content();
  expect(html).not.toContain(code);
  expect(html).not.toContain(token);
  await snap(page, testInfo, 'outbox-masked');

  // The showing of the receipt is on the audit log, by the desk, without the code.
  await page.goto('/admin/audit?action=access_code.view');
  const shown = page.getByTestId('audit-entry').filter({ hasText: number }).first();
  await expect(shown).toContainText('查看查询码（回执）');
  await expect(shown).toContainText('(desk)');
  expect(await page.content()).not.toContain(code);
});
