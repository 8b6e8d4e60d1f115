import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { actAs, snap, deskIntake } from './helpers';
import { seriousViolations } from './axe';
import { answer, openAction } from './form-actions';

// Issue 17: a department without staff is flagged and refused at triage; the outbox and the form
// say a message was not sent when no provider is configured (the e2e server configures none).

const suffix = String(Date.now() % 1_000_000);
const deptCode = `nostaff${suffix}`;
const deptName = `无人部门${suffix}`;

/** The page fits at 1366 and 390 px (no sideways scroll of the page itself), screenshots of both. */
async function shoot(page: Page, testInfo: TestInfo, name: string) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `${name} at ${width} px`).toBeLessThanOrEqual(width);
    await snap(page, testInfo, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

// The second test reads the department the first one made.
test.describe.configure({ mode: 'serial' });


test('a department without staff: the admin is warned, triage to it is refused with a reason', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await actAs(page, 'admin', '/admin/departments');
  const create = page.getByRole('form', { name: '新增部门' });
  await create.getByLabel('代码').fill(deptCode);
  await create.getByLabel('中文名称').fill(deptName);
  await create.getByLabel('英文名称').fill(`No staff ${suffix}`);
  await create.getByRole('button', { name: '新增部门' }).click();
  await expect(create.getByRole('status')).toContainText(`已新增部门 ${deptCode}`);
  await page.reload();
  const warning = page.getByTestId('unstaffed-warning');
  await expect(warning).toContainText(deptName);
  await expect(warning).toContainText('没有负责人或经办人');
  const row = page.getByTestId('departments-table').getByRole('row', { name: new RegExp(deptCode) });
  await expect(row.getByTestId('unstaffed-mark')).toHaveText(/没有负责人或经办人/);
  // Staffed demo departments carry no mark.
  await expect(page.getByTestId('departments-table').getByRole('row', { name: /^service\s/ }).getByTestId('unstaffed-mark')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, testInfo, 'departments-unstaffed-zh');

  await row.getByRole('link', { name: /编辑/ }).click();
  await expect(page.getByTestId('unstaffed-warning')).toContainText(`「${deptName}」没有负责人或经办人`);
  await shoot(page, testInfo, 'department-edit-unstaffed-zh');

  // Where a category is routed, the department says it has nobody.
  await page.goto('/admin/categories');
  const cat = page.getByRole('form', { name: '新增类别' });
  await expect(cat.getByTestId('unstaffed-choice')).toHaveCount(0);
  await cat.getByLabel('默认责任部门').selectOption({ label: deptName });
  await expect(cat.getByTestId('unstaffed-choice')).toContainText(`默认部门「${deptName}」没有负责人或经办人`);
  await cat.getByLabel('默认责任部门').selectOption({ label: '服务部' });
  await expect(cat.getByTestId('unstaffed-choice')).toHaveCount(0);

  // The desk takes a phone complaint and tries to send it to that department.
  await actAs(page, 'desk');
  const number = await deskIntake(page, { channel: 'phone', name: '冯立', phone: '13912345678', category: 'attitude', description: '打电话预约保养，接线员没有回电。' });
  const form = await openAction(page, '分派处理');
  await form.getByLabel(/责任部门/).selectOption({ label: deptName });
  await answer(form, '处理后需要回访', true);
  await form.getByRole('button', { name: '分派处理' }).click();
  await expect(form.getByRole('status')).toContainText(`「${deptName}」目前没有负责人或经办人`);
  await expect(form.getByRole('status')).toContainText('系统管理员');
  await expect(page.getByTestId('form-state')).toHaveText('已受理');
  await shoot(page, testInfo, 'triage-refused-zh');

  // The customer's acknowledgement SMS is shown as not sent (no provider in this server).
  await expect(async () => {
    await page.goto(`/complaints/${number}`);
    await expect(page.getByTestId('customer-message').first()).toContainText('未发送：未配置服务商', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId('customer-messages')).not.toContainText('已发送');
  await expect(page.getByTestId('customer-messages')).toContainText('请电话联系');
  await shoot(page, testInfo, 'form-messages-unsent-zh');
});

test('the outbox says which transports are configured and shows unsent messages as such, in zh-CN and English', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await actAs(page, 'admin', '/admin/outbox');
  const transports = page.getByTestId('outbox-transports');
  await expect(transports.locator('[data-channel="sms"]')).toHaveAttribute('data-configured', 'false');
  await expect(transports).toContainText('短信：未配置短信服务商');
  await expect(transports).toContainText('邮件：未配置发信服务器');
  await expect(page.getByTestId('outbox-unsent-note')).toContainText('未发送：未配置服务商');

  await page.getByLabel('渠道').selectOption('sms');
  await page.getByRole('button', { name: '显示' }).click();
  const rows = page.getByTestId('outbox-row');
  expect(await rows.count()).toBeGreaterThan(0);
  for (const text of await rows.allTextContents()) {
    expect(text).toContain('未发送：未配置服务商');
    expect(text).not.toContain('已发送');
  }
  await expect(rows.first().getByRole('button', { name: '重发' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, testInfo, 'outbox-unsent-zh');

  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: testInfo.project.use.baseURL ?? 'http://localhost' }]);
  await page.goto('/admin/outbox?status=unsent');
  await expect(page.getByTestId('outbox-transports')).toContainText('SMS: no provider configured');
  await expect(page.getByTestId('outbox-row').first()).toContainText('Not sent: no provider configured');
  await shoot(page, testInfo, 'outbox-unsent-en');
  await page.goto('/admin/departments');
  await expect(page.getByTestId('unstaffed-warning')).toContainText('no head or handler');
  await shoot(page, testInfo, 'departments-unstaffed-en');
});

test('a form whose department lost its only head says who can move it on', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const login = `head${suffix}`;
  const headName = `临时主管${suffix}`;
  await actAs(page, 'admin', '/admin/staff');
  const create = page.getByRole('form', { name: '新建用户' });
  await create.getByLabel('账号').fill(login);
  await create.getByLabel('姓名').fill(headName);
  await create.getByLabel('角色').selectOption('department');
  await create.getByLabel('部门', { exact: true }).selectOption({ label: deptName });
  await create.getByLabel('初始密码').fill('head-password-123');
  await create.getByRole('button', { name: '创建用户' }).click();
  await expect(page.getByRole('status').filter({ hasText: `已创建用户 ${login}` })).toBeVisible();

  await page.goto('/admin/departments');
  await page.getByTestId('departments-table').getByRole('row', { name: new RegExp(deptCode) }).getByRole('link', { name: /编辑/ }).click();
  await page.getByLabel('负责人', { exact: true }).selectOption({ label: headName });
  await page.getByRole('button', { name: '保存' }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('unstaffed-warning')).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  await actAs(page, 'desk');
  const number = await deskIntake(page, { channel: 'phone', name: '韩梅', phone: '13912345679', category: 'attitude', description: '洗车后车内物品被挪动，没有人说明。' });
  const form = await openAction(page, '分派处理');
  await form.getByLabel(/责任部门/).selectOption({ label: deptName });
  await answer(form, '处理后需要回访', true);
  await form.getByRole('button', { name: '分派处理' }).click();
  await expect(page.getByTestId('form-state')).toHaveText('责任认定');
  await expect(page.getByTestId('stuck-notice')).toHaveCount(0);

  // The head leaves: the department has nobody, the form sits there.
  await actAs(page, 'admin', '/admin/staff');
  await page.getByRole('link', { name: `编辑 ${headName}` }).click();
  await page.getByRole('button', { name: '停用' }).click();
  await expect(page.getByText('已停用。')).toBeVisible();
  await page.goto(`/complaints/${number}`);
  const notice = page.getByTestId('stuck-notice');
  await expect(notice).toContainText(`「${deptName}」目前没有负责人或经办人`);
  await expect(notice.getByRole('link')).toHaveAttribute('href', /\/admin\/departments\/[0-9a-f-]{36}$/);
  await shoot(page, testInfo, 'stuck-form-admin-zh');

  await actAs(page, 'desk', `/complaints/${number}`);
  await expect(page.getByTestId('stuck-notice')).toContainText('请联系系统管理员');
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, testInfo, 'stuck-form-desk-zh');
});
