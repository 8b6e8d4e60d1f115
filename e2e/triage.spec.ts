import { expect, test } from './test';
import { actAs, snap } from './helpers';

// Issue 20: at intake the desk sees the suggested category, department and severity with their
// confidence beside the choices (nothing preselected) and a crisis warning; the new form carries
// the crisis badge, the triage step shows the suggestion, and similar earlier forms are listed.
test('the desk types a complaint that mentions 12315 and a reporter: suggestion, crisis warning, badge and similar forms', async ({ page }, testInfo) => {
  await actAs(page, 'desk');
  const intake = page.getByRole('form', { name: '登记新反馈（现场 / 电话）' });
  await intake.getByLabel('反馈渠道').selectOption('phone');
  await intake.getByLabel('客户姓名').fill('钱多多');
  await intake.getByLabel('联系电话').fill('13955501234');
  // Words close to a demo form's (db/seed.ts), so that the similar-complaints panel has one to show.
  await intake.getByLabel('客户反映（客户原话）').fill('更换刹车片后座椅和方向盘上都是油污，地垫也被弄脏了。我已经打了12315，还联系了电视台的记者。');
  const suggestion = page.getByTestId('triage-suggestion');
  await expect(suggestion.getByTestId('suggested-category')).toContainText(/把握 \d+%/);
  await expect(suggestion.getByTestId('suggested-department')).toContainText(/把握 \d+%/);
  await expect(suggestion.getByTestId('suggested-severity')).toContainText('紧急');
  await expect(page.getByTestId('crisis-warning')).toContainText('监管部门');
  // Shown, not chosen: the category is still the desk's to pick.
  await expect(intake.getByLabel('投诉类别')).toHaveValue('');
  await snap(page, testInfo, '01-intake-suggestion');
  await intake.getByLabel('投诉类别').selectOption('workmanship');
  await intake.getByLabel('紧急程度').selectOption('urgent');
  await intake.locator('#intake-customerLocale').selectOption('zh-CN');
  await intake.getByRole('button', { name: '登记并编号' }).click();
  await expect(page).toHaveURL(/\/complaints\/KS-\d{4}-\d{6}$/);

  await expect(page.getByTestId('crisis-badge')).toHaveText('舆情风险');
  await expect(page.getByTestId('similar-complaints').getByTestId('similar-complaint').first()).toBeVisible();
  await expect(page.getByTestId('similar-complaints')).toContainText('油污');
  const actions = page.getByRole('complementary');
  const triage = actions.locator('details').filter({ has: page.locator('summary', { hasText: '分派处理' }) });
  await triage.evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await expect(triage.getByTestId('triage-suggestion').getByTestId('suggested-department')).toContainText(/把握 \d+%/);
  await expect(triage.getByTestId('crisis-warning')).toBeVisible();
  await snap(page, testInfo, '02-form-page');
});
