import { expect, test, type Page } from './test';
import { actAs, snap } from './helpers';

// The demo data (db/seed.ts) makes 40 forms from 10 customer stories in turn: 孙浩然's story
// ("空调出风口有异味", phone 13300133007) is on 4 of them, and no other story has 异味 or 133007.
const results = (page: Page) => page.getByTestId('search-results').locator('tbody tr');

async function search(page: Page, field: RegExp, value: string) {
  await page.goto('/complaints');
  await page.getByLabel(field).fill(value);
  await page.getByRole('button', { name: /^(查询|Search)$/ }).click();
  await expect(page).toHaveURL(/\/complaints\?/);
}

test('the desk finds the forms of a two-character Chinese word, and only those', async ({ page }, testInfo) => {
  await actAs(page, 'desk');
  await search(page, /关键词|Words/, '异味');
  await expect(results(page)).toHaveCount(4);
  for (const row of await results(page).all()) await expect(row).toContainText('孙浩然');
  await expect(page.getByTestId('search-results')).not.toContainText('刘建国');
  await snap(page, testInfo, 'search-yiwei');
  // Opening a result shows the word in the customer's own text.
  await results(page).first().getByRole('link', { name: /^KS-/ }).click();
  await expect(page.getByText(/空调出风口有异味/).first()).toBeVisible();

  // Another word (刹车片: 张海涛's story) finds other forms, none of 孙浩然's.
  await search(page, /关键词|Words/, '刹车片');
  await expect(results(page)).toHaveCount(4);
  for (const row of await results(page).all()) await expect(row).toContainText('张海涛');

  // Part of a phone number, typed with a space.
  await search(page, /联系电话|Phone/, '133 007');
  await expect(results(page)).toHaveCount(4);
  // (Shown in national format since issue 17, not as the stored +8613300133007.)
  for (const row of await results(page).all()) await expect(row).toContainText('133 0013 3007');

  // A word that no form contains.
  await search(page, /关键词|Words/, '天窗');
  await expect(results(page)).toHaveCount(0);
  await expect(page.getByText(/没有符合条件的反馈单|No form matches/)).toBeVisible();
});
