import { expect, test } from './test';
import { actAs, snap } from './helpers';

/**
 * Issue 21: 李明 (`liming`) is the named handler of two of the service department's open forms in
 * the demo data (lib/handover/demo.ts); the admin hands all of them to 赵刚 at once from the staff
 * screen (each form's history row is checked in tests/handover/handover.test.ts).
 * @alone: it moves forms that other tests may be looking at.
 */
test('a leaving person’s open forms are handed over at once', { tag: '@alone' }, async ({ page }, testInfo) => {
  await actAs(page, 'admin', '/admin/staff');
  await page.getByRole('link', { name: '编辑 李明' }).click();
  await page.getByTestId('handover-link').click();
  await expect(page).toHaveURL(/\/admin\/staff\/[0-9a-f-]+\/handover$/);
  const rows = page.getByTestId('handover-forms').getByRole('link', { name: /^KS-/ });
  await expect(rows).toHaveCount(2);

  const form = page.getByTestId('handover-all-form');
  await form.getByLabel('转交给').selectOption({ label: '赵刚 · 责任部门' });
  await form.getByLabel('原因').fill('李明调岗，其在办处理单由赵刚接手。');
  await form.getByRole('button', { name: '全部转交' }).click();
  // All handed over: the list is empty (a form that could not take the successor would stay, with the form and its reason).
  await expect(page.getByText('李明目前没有在办处理单。')).toBeVisible();
  await snap(page, testInfo, 'handed-over');
});
