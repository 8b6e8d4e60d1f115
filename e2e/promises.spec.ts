import { expect, test } from './test';
import { contextAs, snap } from './helpers';
import { openForm } from './form-actions';

/**
 * Issue 21: the demo's first form being investigated carries an automatic progress message and
 * promises (lib/promises/demo.ts, written at start); the desk records one more on the form page,
 * and the customer reads the message and the promises on the tracking page.
 */
const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
const number = `KS-${year}-000005`;
const day = (daysAhead: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + daysAhead * 86_400_000));

test('the customer reads the automatic progress message and a promise on the tracking page', async ({ page, browser }, testInfo) => {
  const { context, page: desk } = await contextAs(browser, 'desk', { locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  await openForm(desk, number);
  const promises = desk.getByTestId('promises');
  await expect(promises.getByTestId('promise')).toHaveCount(2);
  await expect(promises.getByTestId('customer-last-update')).toBeVisible();

  const what = '明天下午三点前把维修报价发到客户手机';
  await promises.locator('summary', { hasText: '记录承诺' }).click();
  const form = promises.getByRole('form', { name: '记录承诺' });
  await form.getByLabel('承诺内容').fill(what);
  await form.getByLabel('到期日期').fill(day(1));
  await form.getByLabel(/^时间/).fill('15:00');
  await form.getByRole('button', { name: '记录承诺' }).click();
  await expect(promises.getByTestId('promise').filter({ hasText: what })).toBeVisible();

  await desk.goto(`/complaints/${number}/receipt`);
  const link = (await desk.getByTestId('receipt-link').textContent())!.trim();
  await context.close();

  await page.goto(link);
  await expect(page.getByTestId('public-history')).toContainText('暂无新进展'); // the automatic message, as sent
  const shown = page.getByTestId('public-promises');
  await expect(shown).toContainText(what);
  await expect(shown).toContainText('两天内电话告知配件到货时间和维修安排');
  await expect(shown).not.toContainText('内部');
  await expect(page.getByTestId('last-updated')).toBeVisible();
  await snap(page, testInfo, 'tracking-promises');
});
