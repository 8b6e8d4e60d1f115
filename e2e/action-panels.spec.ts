import fs from 'node:fs';
import { expect, test, type Locator, type Page, type TestInfo } from './test';
import { actAs, deskIntake } from './helpers';
import { answer, fillCustomerSummary, openAction, openForm, submitAction } from './form-actions';

// The action panels of 提交责任认定, 责任认定草稿 and 完成处理 hold repeatable rows (remedy,
// accountability entries). Their inputs once shrank to ~15 px in the 24rem side panel, with
// labels one character per line and the fieldset overflowing: each input must stay readable.

const widths = [1366, 390, 1920] as const;
const minInput = 120;

/** With E2E_SCREENSHOTS=1 (e2e/helpers.ts `snap`), saves a screenshot of `panel` as an artifact (and under test-results, to look at). */
async function shot(panel: Locator, testInfo: TestInfo, name: string) {
  if (process.env.E2E_SCREENSHOTS !== '1') return;
  const body = await panel.screenshot();
  fs.writeFileSync(testInfo.outputPath(`${name}.png`), body);
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/**
 * At each width: every input is at least `minInput` px wide, inside its panel, its label on one
 * line, the page no wider than the window, and the start of the typed text fits in the box.
 */
async function checkPanel(page: Page, panel: Locator, inputs: Locator[], testInfo: TestInfo, name: string) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    for (const input of inputs) {
      await input.scrollIntoViewIfNeeded();
      await expect(input).toBeVisible();
      const box = (await input.boundingBox())!;
      const outer = (await panel.boundingBox())!;
      const id = await input.getAttribute('id');
      expect(box.width, `${id} at ${width} px`).toBeGreaterThanOrEqual(minInput);
      expect(box.x, `${id} inside its panel at ${width} px`).toBeGreaterThanOrEqual(outer.x - 0.5);
      expect(box.x + box.width, `${id} inside its panel at ${width} px`).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
      const fits = await input.evaluate((el) => {
        const field = el as HTMLInputElement | HTMLSelectElement;
        const label = document.querySelector(`label[for="${field.id}"]`) as HTMLElement | null;
        const style = getComputedStyle(field);
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = `${style.fontSize} ${style.fontFamily}`;
        const shown = field instanceof HTMLSelectElement ? (field.selectedOptions[0]?.text ?? '') : field.value;
        const lineHeight = label ? parseFloat(getComputedStyle(label).lineHeight) || 20 : 20;
        return {
          // The first characters of what is typed (or chosen) are visible in the box.
          text: ctx.measureText(shown.slice(0, 8)).width <= field.clientWidth,
          label: label ? label.getBoundingClientRect().height <= lineHeight * 1.5 : true,
          labelText: label?.textContent ?? '',
        };
      });
      expect(fits.text, `the text typed in ${id} is visible at ${width} px`).toBe(true);
      expect(fits.label, `the label "${fits.labelText}" of ${id} is on one line at ${width} px`).toBe(true);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `the page is no wider than the window at ${width} px`).toBeLessThanOrEqual(0);
    await shot(panel, testInfo, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

/** The same panel in English, at 1366 and 390 px, to look at (E2E_SCREENSHOTS=1). */
async function englishShots(page: Page, panelOf: () => Locator, testInfo: TestInfo, name: string, prepare?: (panel: Locator) => Promise<void>) {
  if (process.env.E2E_SCREENSHOTS !== '1') return;
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
  await page.reload();
  const panel = panelOf();
  if (!(await panel.evaluate((el) => (el as HTMLDetailsElement).open))) await panel.locator('summary').click();
  await prepare?.(panel);
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(panel).toBeVisible();
    await shot(panel, testInfo, `${name}-en-${width}`);
  }
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: page.url() }]);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.reload();
}

const panelWith = (page: Page, selector: string) => page.locator('details', { has: page.locator(selector) });
const section = (page: Page, title: string) => page.locator('section', { has: page.getByRole('heading', { name: title }) });

test('the action panels with repeatable rows stay readable at 1366, 390 and 1920 px', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 900 });

  // Desk: intake, with the purchase date the form page shows.
  await actAs(page, 'desk');
  // A phone intake lands on the form page (a walk-in lands on the receipt first).
  const number = await deskIntake(page, { channel: 'phone', name: '郭晓东', phone: '13911112222', plate: '粤A·P4N3L', purchaseDate: '2025-06-30', category: 'workmanship', description: '更换机油后座椅上有油污，地垫被弄脏。' });
  const subject = section(page, '二、车辆 / 产品');
  await expect(subject).toContainText('购买日期');
  await expect(subject).toContainText(/2025-06-30|2025年6月30日/);
  await answer(await openAction(page, '分派处理'), '处理后需要回访', true);
  await submitAction(page, '分派处理', '责任认定');

  // The primary handler's draft.
  await actAs(page, 'liming', `/complaints/${number}`);
  const draft = page.getByRole('form', { name: '责任认定草稿' });
  await draft.getByLabel('成立（我方有责任）').check();
  await draft.locator('#submit_determination-remedyProposal-kind').selectOption('other');
  await draft.locator('#submit_determination-remedyProposal-description').fill('免费内饰深度清洁并当面致歉');
  const draftPerson = draft.locator('#submit_determination-responsiblePerson');
  // Nobody and someone outside the directory are choices of their own, not typed words.
  await expect(draftPerson.locator('option', { hasText: '无责任人' })).toHaveCount(1);
  await draftPerson.selectOption({ label: '名录外人员（手动填写姓名）' });
  await draft.locator('#submit_determination-responsiblePerson-name').fill('外协清洗工 老周');
  await checkPanel(page, panelWith(page, '#submit_determination-remedyProposal-description'), [
    draft.locator('#submit_determination-remedyProposal-description'),
    draftPerson,
    draft.locator('#submit_determination-responsiblePerson-name'),
  ], testInfo, 'draft');
  await draftPerson.selectOption({ label: '马超' });
  await expect(draft.locator('#submit_determination-responsiblePerson-name')).toHaveCount(0);
  await draft.getByLabel('根本原因').fill('维修技师未按规定使用座椅套。');
  await draft.getByLabel('预防措施').fill('工位检查表加入三件套。');
  await draft.getByRole('button', { name: '保存草稿' }).click();
  await expect(draft.getByRole('status')).toContainText('已保存');
  await englishShots(page, () => panelWith(page, '#submit_determination-remedyProposal-description'), testInfo, 'draft');

  // The head submits it: the draft's directory pick comes back chosen.
  await actAs(page, 'service', `/complaints/${number}`);
  const det = await openAction(page, '提交责任认定');
  await expect(det.locator('#submit_determination-responsiblePerson option:checked')).toHaveText('马超');
  await checkPanel(page, panelWith(page, '#submit_determination-remedyProposal-description'), [
    det.locator('#submit_determination-remedyProposal-description'),
    det.locator('#submit_determination-responsiblePerson'),
  ], testInfo, 'determination');
  await answer(det, '已与客户沟通', true);
  await submitAction(page, '提交责任认定', '管理部复核');
  await expect(section(page, '四、责任认定与处理意见')).toContainText('马超');

  await actAs(page, 'management', `/complaints/${number}`);
  const review = await openAction(page, '同意处理意见');
  await review.getByLabel('管理部过失处理意见').fill('同意。');
  await submitAction(page, '同意处理意见', '总经理审批');
  await actAs(page, 'gm', `/complaints/${number}`);
  const final = await openAction(page, '批准最终意见');
  await final.getByLabel('意见').fill('同意。');
  await submitAction(page, '批准最终意见', '责任追究');

  // Management completes the handling: two accountability entries, one from the directory.
  await actAs(page, 'management', `/complaints/${number}`);
  // First a look at the English panel with an entry row.
  await englishShots(page, () => panelWith(page, '#complete_handling-remedyDelivered-description'), testInfo, 'complete', async (panel) => {
    await panel.getByRole('button', { name: 'Add an entry' }).click();
    await panel.locator('#complete_handling-accountability-0-person').selectOption({ label: 'Not in the staff list (type a name)' });
    await panel.locator('#complete_handling-accountability-0-person-name').fill('Outside cleaner Zhou');
    await panel.locator('#complete_handling-accountability-0-reason').fill('Redid the cleaning unasked');
  });
  const done = await openAction(page, '完成处理');
  await done.locator('#complete_handling-remedyDelivered-kind').selectOption('other');
  await done.locator('#complete_handling-remedyDelivered-description').fill('已完成内饰深度清洁并当面致歉');
  await done.getByRole('button', { name: '添加一条' }).click();
  await done.getByRole('button', { name: '添加一条' }).click();
  await expect(done.getByTestId('accountability-entry')).toHaveCount(2);
  await done.locator('#complete_handling-accountability-0-person').selectOption({ label: '马超' });
  await done.locator('#complete_handling-accountability-0-type').selectOption('penalty');
  await done.locator('#complete_handling-accountability-0-amount').fill('300');
  await done.locator('#complete_handling-accountability-0-reason').fill('未按规定使用座椅套和方向盘套');
  await done.locator('#complete_handling-accountability-1-person').selectOption({ label: '名录外人员（手动填写姓名）' });
  await done.locator('#complete_handling-accountability-1-person-name').fill('外协清洗工 老周');
  await done.locator('#complete_handling-accountability-1-type').selectOption('reward');
  await done.locator('#complete_handling-accountability-1-amount').fill('50');
  await done.locator('#complete_handling-accountability-1-reason').fill('主动返工清洁');
  await checkPanel(page, panelWith(page, '#complete_handling-remedyDelivered-description'), [
    done.locator('#complete_handling-remedyDelivered-description'),
    done.locator('#complete_handling-accountability-0-person'),
    done.locator('#complete_handling-accountability-0-type'),
    done.locator('#complete_handling-accountability-0-amount'),
    done.locator('#complete_handling-accountability-0-reason'),
    done.locator('#complete_handling-accountability-1-person-name'),
    done.locator('#complete_handling-accountability-1-reason'),
  ], testInfo, 'complete');
  await done.getByLabel('根本原因').fill('维修技师未按规定使用座椅套。');
  await done.getByLabel('预防措施').fill('工位检查表加入三件套。');
  await fillCustomerSummary(done);
  await submitAction(page, '完成处理', '回访');
  const result = section(page, '六、处理结果与责任追究');
  await expect(result).toContainText('马超');
  await expect(result).toContainText('外协清洗工 老周');

  // The monthly report: the entry under the directory person, with its form and reason.
  await page.goto('/reports');
  const machao = page.getByTestId('accountability-person').filter({ hasText: '马超' });
  await expect(machao).toHaveCount(1);
  await expect(machao.locator('tr', { hasText: number })).toContainText('未按规定使用座椅套和方向盘套');
  await expect(page.getByTestId('accountability-person').filter({ hasText: '外协清洗工 老周' })).toContainText('名录外人员');
  for (const locale of ['zh-CN', 'en']) {
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: locale, url: page.url() }]);
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.reload();
      await shot(page.locator('section', { has: page.getByTestId('accountability-report') }), testInfo, `report-${locale}-${width}`);
    }
  }
});
