import { expect, test, type Page } from './test';
import { actAs, dropSession, hydrated, snap } from './helpers';

const adminPages = ['/admin/outbox', '/admin/sla', '/admin/calendar', '/admin/staff'] as const;

/** The page fits a 768 px wide screen: wide tables scroll inside their own box. */
async function fitsWidth(page: Page, width = 768) {
  await page.setViewportSize({ width, height: 1024 });
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, page.url()).toBeLessThanOrEqual(width);
}

test('admin reads the demo messages in the outbox', async ({ page }, testInfo) => {
  await actAs(page, 'admin');
  await page.getByRole('link', { name: /消息发件箱/ }).first().click();
  await expect(page).toHaveURL(/\/admin\/outbox$/);
  await expect(page.getByRole('heading', { level: 1, name: '消息发件箱' })).toBeVisible();
  const rows = page.getByTestId('outbox-row');
  expect(await rows.count()).toBeGreaterThan(0);
  // Open a message with the keyboard: the summary is a focusable disclosure.
  const first = page.locator('[data-testid="outbox-row"][data-rendered="true"]').first();
  await first.getByText('查看消息内容').focus();
  await page.keyboard.press('Enter');
  await expect(first.getByTestId('outbox-text')).toBeVisible();
  await expect(first.getByTestId('outbox-text')).toContainText(/KS-\d{4}-\d{6}/);
  await snap(page, testInfo, 'admin-outbox');

  // Filter: staff inbox messages that were sent.
  await page.getByLabel('渠道').selectOption('inbox');
  await page.getByLabel('状态').selectOption('sent');
  await page.getByRole('button', { name: '显示' }).click();
  await expect(page).toHaveURL(/channel=inbox/);
  expect(await rows.count()).toBeGreaterThan(0);
  for (const text of await rows.allTextContents()) {
    expect(text).toContain('站内待办');
    expect(text).toContain('已发送');
  }
  // Keyset pagination: the next page holds other (older) messages.
  const next = page.getByRole('link', { name: /更早的消息/ });
  if (await next.count()) {
    const firstPage = await rows.first().textContent();
    await next.click();
    await expect(page).toHaveURL(/cursor=/);
    expect(await rows.first().textContent()).not.toBe(firstPage);
  }
  await fitsWidth(page);
  await snap(page, testInfo, 'admin-outbox-768');
});

// @alone: for its length the policy is not the demo's, and the authorization matrix saves the policy too.
test('admin changes an SLA value and sees it saved; invalid values are refused next to the field', { tag: '@alone' }, async ({ page }, testInfo) => {
  await actAs(page, 'admin', '/admin/sla');
  await expect(page.getByTestId('sla-effective')).toContainText('下一次计算的时限');
  const amount = page.locator('#sla-step-received-amount');
  const unit = page.locator('#sla-step-received-unit');
  const original = await amount.inputValue();
  await hydrated(amount);

  await amount.fill('0');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#sla-step-received-amount-error')).toBeVisible();
  await expect(amount).toHaveAttribute('aria-describedby', 'sla-step-received-amount-error');

  await amount.fill('2');
  await unit.selectOption('hours');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  await page.reload();
  await expect(page.locator('#sla-step-received-amount')).toHaveValue('2');
  await hydrated(page.locator('#sla-step-received-amount'));
  await snap(page, testInfo, 'admin-sla');
  await fitsWidth(page);

  // Put the demo policy back for the other browser tests.
  await page.locator('#sla-step-received-amount').fill(original);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
});

test('admin adds a holiday and removes it; a day already on the calendar is refused', async ({ page }, testInfo) => {
  await actAs(page, 'admin', '/admin/calendar?year=2027');
  await expect(page.getByRole('heading', { name: '2027 年节假日与调休上班日' })).toBeVisible();
  const form = page.getByRole('form', { name: '添加日期' });
  await form.getByLabel('日期').fill('2027-10-01');
  await form.getByLabel('类型').selectOption('holiday');
  await form.getByLabel(/名称/).fill('国庆节（测试）');
  await form.getByRole('button', { name: '添加日期' }).click();
  const table = page.getByTestId('calendar-days');
  await expect(table.getByRole('row', { name: /2027年10月1日/ })).toContainText('国庆节（测试）');
  await expect(table.getByRole('row', { name: /2027年10月1日/ })).toContainText('节假日');
  await snap(page, testInfo, 'admin-calendar');

  // 2026-10-01 is in the demo calendar already.
  await form.getByLabel('日期').fill('2026-10-01');
  await form.getByRole('button', { name: '添加日期' }).click();
  await expect(page.locator('#day-day-error')).toContainText('该日期已在日历中');
  await expect(form.getByLabel('日期')).toHaveAttribute('aria-describedby', 'day-day-error');

  await page.getByRole('button', { name: '删除 2027年10月1日' }).click();
  await expect(page.getByText('2027 年尚未录入')).toBeVisible();

  // Working hours: the end must come after the start.
  const settings = page.getByRole('form', { name: '时区与工作时间' });
  await settings.getByLabel('下班时间').fill('07:00');
  await settings.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#cal-workdayEnd-error')).toContainText('下班时间必须晚于上班时间');
  await fitsWidth(page);
});

test('admin creates a user who can then sign in', async ({ page }, testInfo) => {
  const login = `e2e${Date.now().toString(36)}`;
  const password = 'e2e-password-123';
  await actAs(page, 'admin', '/admin/staff');
  const form = page.getByRole('form', { name: '新建用户' });
  await form.getByLabel('账号').fill(login);
  await form.getByLabel('姓名').fill('测试专员');
  await form.getByLabel('角色').selectOption('desk');
  await form.getByLabel('初始密码').fill('short');
  await form.getByRole('button', { name: '创建用户' }).click();
  await expect(form.getByLabel('初始密码')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#new-password-error')).toBeVisible();
  await form.getByLabel('初始密码').fill(password);
  await form.getByRole('button', { name: '创建用户' }).click();
  await expect(page.getByRole('status').filter({ hasText: `已创建用户 ${login}` })).toBeVisible();
  await expect(page.getByTestId('staff-table').getByRole('row', { name: new RegExp(login) })).toContainText('测试专员');
  // No password hash ever reaches the browser.
  expect(await page.content()).not.toContain('$argon2');
  await snap(page, testInfo, 'admin-staff');
  await fitsWidth(page);

  await page.getByRole('link', { name: '编辑 测试专员' }).click();
  await expect(page.getByRole('heading', { name: '编辑 测试专员' })).toBeVisible();
  await snap(page, testInfo, 'admin-staff-edit');
  await dropSession(page);
  await page.goto('/login');

  await page.getByLabel(/账号|Login/).fill(login);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(page.getByTestId('current-user')).toContainText('测试专员');
  await expect(page).toHaveURL(/\/desk/);
});

test('a desk user gets 403 on every admin page', async ({ page }) => {
  await actAs(page, 'desk');
  for (const path of [...adminPages, '/admin/staff/00000000-0000-4000-8000-000000000000']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { name: /403/ })).toBeVisible();
  }
});
