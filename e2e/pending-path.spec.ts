import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './test';
import { actAs, snap, deskIntake } from './helpers';
import { answer, openAction, openForm, submitAction } from './form-actions';

test('a form goes onto the pending-items ledger with the GM approval, gets a contact, and leaves it on resume', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  // Desk: intake of a parts complaint.
  await actAs(page, 'desk');
  const number = await deskIntake(page, { channel: 'phone', name: '钱未了', phone: '13912340404', plate: '粤A·E2E04', category: 'parts', description: '预订的原厂后视镜总成一个月还没到货。', request: '告知准确到货时间。' });
  await expect(page.getByTestId('form-state')).toHaveText('已受理');

  // Desk: triage, with 王丽 (desk) as the customer manager.
  const triage = await openAction(page, '分派处理');
  await triage.getByLabel('客户经理').selectOption({ label: '王丽' });
  await answer(triage, '处理后需要回访', true);
  await submitAction(page, '分派处理', '责任认定');

  // Desk: the responsibility cannot be determined now — propose a pending item.
  const propose = await openAction(page, '申请转未了事宜');
  await propose.getByLabel('原因').selectOption('parts_delayed');
  await propose.getByLabel(/给客户的说明/).fill('原厂后视镜需从厂家调货，预计四周到货。');
  await submitAction(page, '申请转未了事宜', '待批未了');
  await snap(page, testInfo, '01-pending-approval');

  // GM: the request is at the top of the ledger; approve it on the form.
  await actAs(page, 'gm', '/ledger');
  const awaiting = page.getByTestId('ledger-awaiting');
  await expect(awaiting.getByRole('link', { name: number })).toBeVisible();
  await expect(awaiting).toContainText('配件未到');
  await snap(page, testInfo, '02-ledger-gm-awaiting');
  await openForm(page, number);
  // (openAction matches by substring, and 不批准未了事宜 contains 批准未了事宜.)
  await page.locator('summary').filter({ hasText: /^批准未了事宜$/ }).click();
  const approve = page.getByRole('form', { name: '批准未了事宜', exact: true });
  await approve.getByLabel('备注').fill('同意列入未了事宜，每月4日跟进。');
  await submitAction(page, '批准未了事宜', '未了事宜');
  await snap(page, testInfo, '03-approved');

  // Desk (the customer manager): the item is on the ledger with its reason and next contact.
  await actAs(page, 'desk', '/ledger');
  await expect(page.getByRole('heading', { level: 1, name: '未了事宜台账' })).toBeVisible();
  const card = page.getByTestId(`ledger-item-${number}`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('ledger-reason')).toContainText('配件未到');
  await expect(card.getByTestId('ledger-reason')).toContainText('原厂后视镜需从厂家调货');
  // The day as machines read it; the page writes it as a date (2027年1月4日).
  const next = (await card.getByTestId('ledger-next-contact').getAttribute('data-day'))!;
  expect(next).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(card.getByTestId('ledger-next-contact')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  expect(next > new Date().toISOString().slice(0, 10)).toBe(true);
  await expect(card).toContainText('黄志远'); // approved by
  await expect(card).toContainText('尚未联系');
  await snap(page, testInfo, '04-ledger-desk');

  // Record a contact inline (the workflow event record_contact, with the form's version).
  await card.locator('summary', { hasText: '记录客户联系' }).click();
  const contact = card.getByRole('form', { name: '记录客户联系' });
  await contact.getByLabel('联系 / 回访情况').fill('已电话联系客户，告知配件仍在途中，到货即通知。');
  await contact.getByRole('button', { name: '记录客户联系' }).click();
  await expect(card.getByTestId('ledger-contacts')).toContainText('已电话联系客户，告知配件仍在途中');
  await expect(card).not.toContainText('尚未联系');
  await snap(page, testInfo, '05-ledger-contact-recorded');

  // The CSV export holds the item (UTF-8 with BOM); the old address leads to the one export route.
  const old = await page.request.get('/ledger/export?scope=all', { maxRedirects: 0 });
  expect(old.status()).toBe(308);
  const moved = new URL(old.headers().location, 'http://x');
  expect([moved.pathname, moved.searchParams.get('format'), moved.searchParams.get('scope')]).toEqual(['/export/ledger', 'csv', 'all']);
  const csv = await page.request.get('/export/ledger?format=csv');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(body.toString('utf8')).toContain(number);
  expect(body.toString('utf8')).toContain('已电话联系客户');

  // The history holds the contact too: one truth.
  await openForm(page, number);
  await expect(page.getByTestId('history')).toContainText('记录客户联系');
  // Desk resumes the handling: back to 责任认定, and off the open ledger.
  const resume = await openAction(page, '恢复处理');
  await resume.getByLabel('原因').fill('配件已到货，客户约定本周来店。');
  await submitAction(page, '恢复处理', '责任认定');
  await snap(page, testInfo, '06-resumed');
  await page.goto('/ledger');
  await expect(page.getByTestId(`ledger-item-${number}`)).toHaveCount(0);
  await snap(page, testInfo, '07-ledger-after-resume');
  await page.goto('/ledger?closed=1');
  await expect(page.getByTestId('ledger-closed').getByTestId(`ledger-item-${number}`)).toContainText('已恢复处理');
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto('/ledger?scope=all');
  await snap(page, testInfo, '08-ledger-all-768');

  // Issue 17: a department head reaches the ledger of the department's forms (this parts form is
  // closed now, under the closed items); a role without the ledger (finance) may not open it or its export.
  await page.setViewportSize({ width: 1280, height: 900 });
  await actAs(page, 'parts', '/ledger?closed=1');
  await expect(page.getByRole('heading', { level: 1, name: '未了事宜台账' })).toBeVisible();
  await expect(page.getByTestId('ledger-closed').getByTestId(`ledger-item-${number}`)).toContainText('已恢复处理');
  expect((await page.request.get('/export/ledger')).status()).toBe(200);
  await actAs(page, 'finance', '/ledger');
  await expect(page.getByRole('heading', { name: /403/ })).toBeVisible();
  expect((await page.request.get('/export/ledger')).status()).toBe(403);
});

test('search finds the demo form by phone and by a Chinese word, with filters in the URL', async ({ page }, testInfo) => {
  await actAs(page, 'desk', '/complaints');
  await expect(page.getByRole('heading', { level: 1, name: '查询反馈单' })).toBeVisible();
  await snap(page, testInfo, '10-search');
  const search = page.getByRole('search');
  await search.getByLabel('联系电话').fill('13300133007');
  await search.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/phone=13300133007/);
  const results = page.getByTestId('search-results');
  await expect(results.locator('tbody tr').first()).toBeVisible();
  for (const row of await results.locator('tbody tr').all()) await expect(row).toContainText('孙浩然');
  await snap(page, testInfo, '11-search-phone');

  await page.getByRole('link', { name: '清空条件' }).click();
  await page.getByRole('search').getByLabel('关键词').fill('异味');
  await page.getByRole('search').getByLabel('关键词').press('Enter');
  await expect(page).toHaveURL(/q=%E5%BC%82%E5%91%B3/);
  await expect(results.locator('tbody tr').first()).toBeVisible();
  await expect(results).toContainText('孙浩然');
  await snap(page, testInfo, '12-search-chinese');

  // The state filter from the URL, and paging links at 768 px.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto('/complaints?state=archived');
  await expect(page.getByRole('search').getByLabel('状态')).toHaveValue('archived');
  for (const row of await results.locator('tbody tr').all()) await expect(row).toContainText('已归档');
  await snap(page, testInfo, '13-search-state-768');

  // No WCAG 2.1 A/AA violations on the search and the ledger.
  for (const path of ['/complaints?q=%E5%BC%82%E5%91%B3', '/ledger?scope=all&closed=1']) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});
