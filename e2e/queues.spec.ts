import { expect, test } from './test';
import { actAs, snap } from './helpers';

// The e2e server runs with KESU_QUEUE_PAGE_SIZE=5 (scripts/e2e-server.mjs), so the demo
// data's lists span several pages.
// @alone: forms that others create or move meanwhile would shift the pages under it.
test('the desk pages through a whole list with next and previous, each form once', { tag: '@alone' }, async ({ page }, testInfo) => {
  await actAs(page, 'chenchen', '/desk');
  const mine = page.getByTestId('queue-mine');
  await expect(mine.getByRole('link', { name: /^KS-/ })).toHaveCount(5);
  await mine.getByRole('link', { name: /查看完整列表/ }).click();
  await expect(page).toHaveURL(/\/desk\/mine$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('我负责的案件');

  const numbersOnPage = async () => page.getByTestId('queue-list-mine').getByRole('link', { name: /^KS-/ }).allTextContents();
  const first = await numbersOnPage();
  expect(first).toHaveLength(5);
  await expect(page.getByRole('link', { name: /上一页/ })).toHaveCount(0);

  /** Clicks a pager link and waits for the page it leads to. */
  const follow = async (name: RegExp) => {
    const href = (await page.getByRole('link', { name }).getAttribute('href'))!;
    await page.getByRole('link', { name }).click();
    await page.waitForURL((url) => url.href.endsWith(href));
  };
  const seen = [...first];
  let pages = 1;
  while (await page.getByRole('link', { name: /下一页/ }).count()) {
    await follow(/下一页/);
    await expect(page).toHaveURL(/after=/);
    const numbers = await numbersOnPage();
    expect(numbers.length).toBeGreaterThan(0);
    seen.push(...numbers);
    pages++;
  }
  expect(pages).toBeGreaterThan(1);
  expect(new Set(seen).size).toBe(seen.length);
  await snap(page, testInfo, 'last-page');

  // Back to the first page.
  for (let i = 1; i < pages; i++) await follow(/上一页/);
  expect(await numbersOnPage()).toEqual(first);
});

test('a list that is not the role’s own is a 404', async ({ page }) => {
  await actAs(page, 'desk');
  const res = await page.goto('/desk/decisions');
  expect(res?.status()).toBe(404);
  const other = await page.goto('/management/management_review');
  expect(other?.status()).toBe(403);
});
