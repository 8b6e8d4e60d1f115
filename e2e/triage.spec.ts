import { expect, test } from './test';
import { actAs, snap } from './helpers';

// Issue 20: at intake the desk sees the suggested category, department and severity with their
// confidence beside the choices (nothing preselected) and a crisis warning, and flags the crisis;
// the new form carries the crisis badge, the triage step shows the suggestion, and similar earlier
// forms are listed.
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
  // The desk decides the crisis flag, with its reason (the history keeps it).
  await intake.getByTestId('intake-crisis').check();
  await intake.getByLabel('舆情风险的原因').fill('客户已投诉12315并联系电视台记者');
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

// A customer's own words are screened: a web complaint that mentions 12315 and a reporter is a
// crisis, urgent, and the GM finds it in the inbox at once.
test('a /submit complaint mentioning 12315 and a reporter shows as a crisis in the GM\'s inbox', async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': `198.19.${Math.floor(Math.random() * 200) + 1}.7` });
  await page.goto('/submit');
  await page.getByLabel('您的姓名').fill('孙悦');
  await page.getByLabel('手机号码').fill('139 5550 2468');
  await page.getByLabel('投诉类别').selectOption('quality');
  await page.getByLabel('发生了什么').fill('新车天窗漏水修了三次都没修好，我已经打了12315投诉，电视台的记者明天来采访。');
  await page.getByRole('button', { name: '提交投诉' }).click();
  const number = (await page.getByTestId('form-number').textContent())!.trim();

  await page.setExtraHTTPHeaders({});
  await actAs(page, 'gm', `/inbox?form=${number}`);
  const notice = page.getByTestId('inbox-notice').filter({ hasText: '舆情风险' });
  await expect(notice).toContainText(number);
  await expect(notice).toContainText('紧急');
});
