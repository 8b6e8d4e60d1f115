import { expect, test, type Page } from './test';
import { actAs, snap } from './helpers';

/** Pages through the desk's triage list until the row of `number` is there (the e2e server shows 5 a page). */
async function triageRow(page: Page, number: string) {
  await page.goto('/desk/triage');
  for (let i = 0; i < 40; i++) {
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: number, exact: true }) });
    if (await row.count()) return row;
    const next = page.getByRole('link', { name: /下一页|Next page/ });
    if (!(await next.count())) break;
    const href = (await next.getAttribute('href'))!;
    await next.click();
    await page.waitForURL((url) => url.href.endsWith(href));
  }
  throw new Error(`${number} is not in the triage list`);
}

// DESIGN §2: a repeat complaint (same phone or plate within the period) is linked to the earlier
// forms at intake; the link is stored, shown on the form page and in the queues.
test('a customer of the demo data complains again: the phone typed with spaces links the new form to the earlier ones', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await actAs(page, 'desk');
  const intake = page.getByRole('form', { name: '登记新反馈（现场 / 电话）' });
  await intake.getByLabel('反馈渠道').selectOption('phone');
  await intake.getByLabel('客户姓名').fill('刘建国');
  // The demo data has 刘建国 as 13800138001; the desk types it as the customer reads it out.
  await intake.getByLabel('联系电话').fill('138 0013 8001');
  await intake.getByLabel('投诉类别').selectOption('quality');
  // The live warning while typing uses the same rule as the stored link.
  await expect(page.getByTestId('repeat-warning')).toBeVisible();
  await expect(page.getByTestId('repeat-warning')).toContainText('电话相同');
  await intake.getByLabel('客户反映（客户原话）').fill('上次修过的发动机故障灯又亮了，怠速还是抖。');
  await intake.getByLabel('紧急程度').selectOption('important');
  await intake.getByLabel('客户语言').selectOption('zh-CN');
  await snap(page, testInfo, '01-intake-warning');
  await intake.getByRole('button', { name: '登记并编号' }).click();
  await expect(page).toHaveURL(/\/complaints\/KS-\d{4}-\d{6}$/);
  const number = page.url().split('/').pop()!;

  // Stored in E.164 (the dial link), shown as a person reads it, and the form page links to the
  // earlier forms with their number and state.
  await expect(page.locator('a[href="tel:+8613800138001"]')).toBeVisible();
  await expect(page.locator('a[href="tel:+8613800138001"]')).toHaveText('138 0013 8001');
  const links = page.getByTestId('repeat-links');
  await expect(links.getByRole('heading', { name: '重复投诉' })).toBeVisible();
  const earlier = links.getByTestId('repeat-link');
  expect(await earlier.count()).toBeGreaterThan(0);
  await expect(earlier.first()).toContainText('电话相同');
  await snap(page, testInfo, '02-form-links');
  const earlierNumber = (await earlier.first().getByRole('link').textContent())!;
  expect(earlierNumber).not.toBe(number);

  // The earlier form knows it was repeated.
  await earlier.first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/complaints/${earlierNumber}$`));
  await expect(page.getByTestId('repeat-links').getByRole('link', { name: number })).toBeVisible();

  // The queue marks the new form as a repeat.
  const row = await triageRow(page, number);
  await expect(row.getByTestId('repeat-badge')).toHaveText('重复');
  await snap(page, testInfo, '03-queue-badge');

  // The search finds it by the digits however they are typed.
  await page.goto(`/complaints?phone=${encodeURIComponent('138-0013-8001')}`);
  await expect(page.getByRole('link', { name: number, exact: true })).toBeVisible();

  // In English too.
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
  await page.goto(`/complaints/${number}`);
  await expect(page.getByTestId('repeat-links').getByRole('heading', { name: 'Repeat complaint' })).toBeVisible();
  await expect(page.getByTestId('repeat-links')).toContainText('same phone');
  await snap(page, testInfo, '04-form-links-en');
});

test('the desk refuses a number that is not a phone number, in words', async ({ page }) => {
  await actAs(page, 'desk');
  const intake = page.getByRole('form', { name: '登记新反馈（现场 / 电话）' });
  await intake.getByLabel('客户姓名').fill('王先生');
  await intake.getByLabel('联系电话').fill('123 4567 8901');
  await intake.getByLabel('投诉类别').selectOption('quality');
  await intake.getByLabel('客户反映（客户原话）').fill('发动机故障灯亮了。');
  await intake.getByRole('button', { name: '登记并编号' }).click();
  await expect(intake.getByText('请填写有效的电话号码')).toBeVisible();
  await expect(page).toHaveURL(/\/desk$/);
});
