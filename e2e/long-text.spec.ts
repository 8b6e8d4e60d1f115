import { expect, test, type Page } from './test';
import { actAs, dropSession, snap } from './helpers';
import { openAction, openForm } from './form-actions';

// Text without a space (a pasted serial number, a link, a key held down) must wrap: 5,000 such
// characters once made the staff form page 49,910 px wide. Fields refuse more than their limit
// and count as you type.

/** Distinct texts (getByText matches case-insensitively): letters, digits, one repeated letter. */
const letters = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(65 + (i % 26))).join('');
const digits = (n: number) => Array.from({ length: n }, (_, i) => String(i % 10)).join('');

async function expectNoSidewaysScroll(page: Page, what: string) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const { scroll, viewport } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(scroll, `${what} at ${width} px: document ${scroll} px wide`).toBeLessThanOrEqual(viewport);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

test('a 5,000-character unbroken text leaves the form page, queue, search and tracking page no wider than the window', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const description = letters(5000);
  const name = 'z'.repeat(200);

  // The customer's own web form: the description and a name without spaces, from an address of
  // its own (other tests spend the hourly submission limit of theirs).
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': '198.18.248.1' });
  await page.goto('/submit');
  await page.getByLabel('您的姓名').fill(name);
  await page.getByLabel('手机号码').fill('13955556666');
  await page.getByLabel('投诉类别').selectOption({ index: 1 });
  await page.getByLabel('发生了什么').fill(description);
  await page.getByRole('button', { name: '提交投诉' }).click();
  const number = (await page.getByTestId('form-number').textContent())!.trim();
  const trackPath = (await page.getByTestId('track-link').getAttribute('href'))!;

  await actAs(page, 'desk', `/complaints/${number}`);
  await expect(page.getByText(description.slice(0, 100)).first()).toBeVisible();
  await expectNoSidewaysScroll(page, 'form page');

  // A customer-visible note as long as a note may be: it reaches the history and the tracking page.
  const note = await openAction(page, '添加备注');
  const text = note.getByLabel(/^内容（/);
  const longest = digits(4000);
  await text.fill(longest);
  await note.getByLabel('向客户公开（作为进度更新）').check();
  await note.getByRole('button', { name: '添加备注' }).click();
  await expect(page.getByText(longest.slice(0, 100)).first()).toBeVisible();
  await expectNoSidewaysScroll(page, 'form page with history');
  await page.setViewportSize({ width: 390, height: 900 });
  await snap(page, testInfo, 'form-page-390');
  await page.setViewportSize({ width: 1366, height: 900 });

  await page.goto('/desk');
  await expectNoSidewaysScroll(page, 'desk queues');
  await page.goto(`/complaints?q=${encodeURIComponent(number)}`);
  await expect(page.getByRole('link', { name: number })).toBeVisible();
  await expectNoSidewaysScroll(page, 'search results');
  await page.goto(`/complaints?q=${encodeURIComponent(description.slice(0, 30))}`);
  await expectNoSidewaysScroll(page, 'search for the long text');
  await dropSession(page);

  await page.goto(trackPath);
  await expect(page.getByText(longest.slice(0, 100))).toBeVisible();
  await expectNoSidewaysScroll(page, 'tracking page');
  await page.setViewportSize({ width: 390, height: 900 });
  await snap(page, testInfo, 'tracking-390');
});

test('a text box refuses more than its limit and counts the characters as you type', async ({ page }) => {
  await actAs(page, 'desk', '/desk');
  const number = (await page.getByRole('link', { name: /^KS-\d{4}-\d{6}$/ }).first().textContent())!;
  await openForm(page, number);
  const note = await openAction(page, '添加备注');
  const text = note.getByLabel(/^内容（/);
  await expect(text).toHaveAttribute('maxlength', '4000');
  const counter = note.getByTestId('char-counter');
  await expect(counter).toHaveText('0 / 4000 字');
  await text.fill('保养');
  await expect(counter).toHaveText('2 / 4000 字');
  await text.focus();
  await text.press('End');
  await page.keyboard.insertText('x'.repeat(4100));
  expect((await text.inputValue()).length).toBe(4000);
  await expect(counter).toHaveText('4000 / 4000 字');
  // The counter is read with the field.
  const describedBy = (await text.getAttribute('aria-describedby')) ?? '';
  expect(describedBy.split(' ')).toContain(await counter.getAttribute('id'));
});
