import { expect, test } from './test';
import { actAs, snap } from './helpers';
import { seriousViolations } from './axe';

/**
 * Issue 21: management fills a discipline of the demo's open 8D report (lib/eightd/demo.ts) and
 * prints it: on paper the report's table stays, the forms and buttons go; the XLSX downloads.
 */
test('the 8D report of a product-quality form is filled and printed', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await actAs(page, 'management', '/eightd');
  await page.getByTestId('eightd-open').getByRole('link').first().click();
  const report = page.getByTestId('eightd-report');
  await expect(report.getByTestId('eightd-status')).toHaveText('进行中');

  const d2 = report.getByTestId('discipline-d2');
  const problem = '保养后三天内发动机故障灯亮起：本月同一技师保养的车辆中共两台。';
  // D2 is the next step: its form is open, pre-filled from the form.
  const field = d2.getByLabel('问题描述（何时、何处、何物、多少）');
  await expect(field).not.toHaveValue('');
  await field.fill(problem);
  await d2.getByRole('button', { name: '保存并完成此步骤' }).click();
  // Saved, the discipline reads as done and its form folds away (with its "已保存。" line, which
  // is therefore only visible for a moment): the row's status is what stays.
  await expect(d2).toContainText(/完成（刘洋），按时/);
  expect(await seriousViolations(page)).toEqual([]);

  await page.emulateMedia({ media: 'print' });
  await expect(report.getByTestId('eightd-disciplines')).toBeVisible();
  await expect(d2.getByText(problem).first()).toBeVisible();
  await expect(report.getByRole('button', { name: '打印' })).toBeHidden();
  await expect(report.getByTestId('discipline-form-d4')).toBeHidden();
  await snap(page, testInfo, 'eightd-print');
  await page.emulateMedia({ media: 'screen' });

  const xlsx = await page.request.get(`${new URL(page.url()).pathname}/xlsx`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
});
