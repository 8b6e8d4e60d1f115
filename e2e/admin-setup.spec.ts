import { expect, test, type Page, type TestInfo } from './test';
import { actAs, snap, deskIntake } from './helpers';

// Unique per run: the e2e database may have seen this spec before.
const suffix = String(Date.now() % 1_000_000);
const deptCode = `bodyshop${suffix}`;
const deptName = `钣喷车间${suffix}`;
const catCode = `paint${suffix}`;
const catName = `漆面问题${suffix}`;

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `${name} at ${width} px`).toBeLessThanOrEqual(width);
    await snap(page, testInfo, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

/** The value next to a label on the form page (its <dt>/<dd> pairs). */
// The form's own fields, not the triage suggestion's (which names a department too).
const fieldValue = (page: Page, label: string) =>
  page.locator(`xpath=//dt[normalize-space()="${label}" and not(ancestor::*[@data-testid="triage-suggestion"])]/following-sibling::dd[1]`);

test('an admin adds a department and a category routed to it; the desk takes a complaint in it and it lands there', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await actAs(page, 'admin');
  await page.getByRole('link', { name: /^部门/ }).first().click();
  await expect(page).toHaveURL(/\/admin\/departments$/);
  await expect(page.getByRole('heading', { level: 1, name: '部门' })).toBeVisible();
  // One site: the page does not speak of sites beyond the quiet link at its foot.
  await expect(page.getByRole('columnheader', { name: '门店' })).toHaveCount(0);

  const create = page.getByRole('form', { name: '新增部门' });
  await create.getByLabel('代码').fill(deptCode);
  await create.getByLabel('中文名称').fill(deptName);
  await create.getByLabel('英文名称').fill(`Body shop ${suffix}`);
  await create.getByRole('button', { name: '新增部门' }).click();
  await expect(create.getByRole('status')).toContainText(`已新增部门 ${deptCode}`);
  await expect(page.getByTestId('departments-table')).toContainText(deptName);

  // The same code again is refused next to the field, in words a person can act on.
  await create.getByLabel('代码').fill(deptCode);
  await create.getByLabel('中文名称').fill('重复部门');
  await create.getByLabel('英文名称').fill('Twice');
  await create.getByRole('button', { name: '新增部门' }).click();
  await expect(create.getByText('这个代码已被使用，请换一个。').first()).toBeVisible();
  await create.getByLabel('代码').fill('1 bad');
  await create.getByRole('button', { name: '新增部门' }).click();
  await expect(create.getByText(/代码只能用小写英文字母/)).toBeVisible();
  await shoot(page, testInfo, 'departments-zh');

  await page.getByRole('navigation', { name: '设置' }).getByRole('link', { name: '投诉类别' }).click();
  await expect(page).toHaveURL(/\/admin\/categories$/);
  const cat = page.getByRole('form', { name: '新增类别' });
  await cat.getByLabel('代码').fill(catCode);
  await cat.getByLabel('中文名称').fill(catName);
  await cat.getByLabel('英文名称').fill(`Paintwork ${suffix}`);
  await cat.getByLabel('默认责任部门').selectOption({ label: deptName });
  await cat.getByLabel('默认严重程度').selectOption('important');
  await cat.getByRole('button', { name: '新增类别' }).click();
  await expect(cat.getByRole('status')).toContainText(`已新增类别 ${catCode}`);
  const row = page.getByTestId('categories-table').getByRole('row', { name: new RegExp(catCode) });
  await expect(row).toContainText(deptName);
  await expect(row).toContainText('重要');
  await shoot(page, testInfo, 'categories-zh');

  // The edit page, in English too.
  await row.getByRole('link', { name: /编辑/ }).click();
  await expect(page.getByLabel('默认责任部门')).toHaveValue(deptCode);
  await shoot(page, testInfo, 'category-edit-zh');

  // The desk takes a complaint in the new category: it lands in the new department.
  await actAs(page, 'desk');
  // A phone intake lands on the form page (a walk-in gets the receipt first).
  await deskIntake(page, { channel: 'phone', name: '高文', phone: '13912340001', category: catCode, description: '新车左前门漆面有明显色差。' });
  await expect(fieldValue(page, '责任部门')).toHaveText(deptName);
});

test('the admin pages in English, and sites once the business has a second one', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: testInfo.project.use.baseURL ?? 'http://localhost' }]);
  await actAs(page, 'admin', '/admin/departments');
  await expect(page.getByRole('heading', { level: 1, name: 'Departments' })).toBeVisible();
  await shoot(page, testInfo, 'departments-en');
  await page.getByRole('link', { name: /^Edit/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Edit department/ })).toBeVisible();
  await shoot(page, testInfo, 'department-edit-en');
  await page.goto('/admin/categories');
  await shoot(page, testInfo, 'categories-en');

  await page.goto('/admin/departments');
  await page.getByRole('link', { name: 'Set up sites' }).click();
  await expect(page).toHaveURL(/\/admin\/sites$/);
  const add = page.getByRole('form', { name: 'Add a site' });
  await add.getByLabel('Code').fill('main');
  await add.getByLabel('Site name').fill('Twice');
  await add.getByRole('button', { name: 'Add a site' }).click();
  await expect(add.getByText('This code is already in use. Choose another one.').first()).toBeVisible();
  await add.getByLabel('Code').fill(`east${suffix}`);
  await add.getByLabel('Site name').fill(`East branch ${suffix}`);
  await add.getByRole('button', { name: 'Add a site' }).click();
  await expect(add.getByRole('status')).toContainText(`Site east${suffix} added.`);
  await expect(page.getByTestId('sites-list')).toContainText(`east${suffix}`);
  // Two sites: now the navigation names them, and departments say which site they belong to.
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Sites' })).toBeVisible();
  await shoot(page, testInfo, 'sites-en');
  await page.goto('/admin/departments');
  await expect(page.getByRole('columnheader', { name: 'Site' })).toBeVisible();
});

// @alone: any new form elsewhere tells the desk too and would change the unread count under it.
test('the unread count in the navigation goes down as notices are read', { tag: '@alone' }, async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await actAs(page, 'desk');
  // A new form: every desk clerk is told.
  const number = await deskIntake(page, { channel: 'phone', name: '沈一', phone: '13912340002', category: 'attitude', description: '电话预约后到店无人接待。' });

  await page.goto('/inbox');
  const badge = page.getByTestId('nav-unread');
  await expect(badge).toBeVisible();
  const before = Number((await badge.locator('[aria-hidden]').textContent())!.replace('+', ''));
  const notice = page.getByTestId('inbox-notice').filter({ hasText: number }).first();
  await expect(notice).toHaveAttribute('data-read', 'false');
  await expect(notice).toContainText('操作人：王丽'); // who did it
  await shoot(page, testInfo, 'inbox-zh');
  await notice.getByRole('button', { name: '标为已读' }).click();
  await expect(notice).toHaveAttribute('data-read', 'true');
  if (before > 1) await expect(badge.locator('[aria-hidden]')).toHaveText(String(before - 1));
  else await expect(badge).toHaveCount(0);

  if (before > 1) {
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await expect(badge).toHaveCount(0);
  }
  await expect(page.locator('[data-testid="inbox-notice"][data-read="false"]')).toHaveCount(0);

  // The same notices in English: what changed, in the reader's language.
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: testInfo.project.use.baseURL ?? 'http://localhost' }]);
  await page.reload();
  await expect(page.getByTestId('inbox-notice').filter({ hasText: number }).first()).toContainText('By 王丽');
  await shoot(page, testInfo, 'inbox-en');
});
