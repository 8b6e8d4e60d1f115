import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './test';
import { actAs, deskIntake, snap } from './helpers';
import { seriousViolations } from './axe';
import { answer, openAction, openForm, submitAction } from './form-actions';

// Issue 17, "the first day at the desk": no silent defaults, notices and lists that say what the
// complaint is about, the ledger that opens on what is yours, words where the person is.

/**
 * Nothing wider than the window at 1366 and 390 px, in Chinese then English; axe clean in Chinese
 * at 1366 px and in English at 390 px (one pass per language and per layout: axe is the slow part).
 */
async function checkView(page: Page, testInfo: TestInfo, name: string, inEnglish?: () => Promise<void>) {
  for (const locale of ['zh-CN', 'en'] as const) {
    if (locale === 'en') {
      await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: testInfo.project.use.baseURL ?? 'http://localhost' }]);
      await page.reload();
      await inEnglish?.();
    }
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} ${locale} ${width}px: wider than the window`).toBeLessThanOrEqual(1);
      if ((locale === 'zh-CN') === (width === 1366)) expect(await seriousViolations(page), `${name} ${locale} ${width}px`).toEqual([]);
      await snap(page, testInfo, `${name}-${locale}-${width}`);
    }
  }
  await page.context().clearCookies({ name: 'NEXT_LOCALE' });
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.reload();
}

/** A phone intake (no receipt page), with the given involved staff ticked; returns the number. */
function intake(page: Page, o: { name: string; phone: string; text: string; parties?: string[] }) {
  return deskIntake(page, {
    name: o.name, phone: o.phone, description: o.text,
    beforeSubmit: async (form) => {
      const parties = form.getByRole('group', { name: '当事人' });
      for (const person of o.parties ?? []) {
        // By keyboard: focus the box and press Space, no Ctrl-click.
        await parties.getByLabel(person, { exact: true }).focus();
        await page.keyboard.press('Space');
        await expect(parties.getByLabel(person, { exact: true })).toBeChecked();
      }
    },
  });
}

/** A founded determination, all but the remedy's kind. */
async function fillFounded(form: Locator) {
  await form.getByLabel('成立（我方有责任）').check();
  await form.getByLabel('根本原因').fill('接待员未按首问负责制接待。');
  await form.getByLabel('责任人').selectOption({ label: '马超' });
  await form.getByLabel('具体内容').fill('服务经理当面致歉。');
  await form.getByLabel('预防措施').fill('前台增加首问负责检查。');
}

test('the remedy is chosen, never defaulted; people, phones and departments in words a person reads', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await actAs(page, 'desk');
  // Involved staff: a list of checkboxes, operable by keyboard and touch.
  await page.goto('/desk');
  await checkView(page, testInfo, 'desk-intake', async () => {
    await expect(page.getByRole('group', { name: 'Involved staff' })).toBeVisible();
  });
  const number = await intake(page, { name: '柯首日', phone: '13912345601', text: '接待员态度冷淡，不理不睬。\n等了四十分钟才有人来。', parties: ['陈晨'] });
  // The phone as a person reads it; the dial link keeps the stored E.164.
  await expect(page.locator('a[href="tel:+8613912345601"]')).toHaveText('139 1234 5601');
  await expect(page.getByText('+8613912345601')).toHaveCount(0);
  await answer(await openAction(page, '分派处理'), '处理后需要回访', true);
  await submitAction(page, '分派处理', '责任认定');

  // The service head: named by the department, not as "责任部门".
  await actAs(page, 'service');
  await expect(page.getByTestId('current-user')).toHaveText('张强 · 服务部负责人');
  await openForm(page, number);
  const det = await openAction(page, '提交责任认定');
  // The kind starts unchosen and is required: an apology is not recorded as a repair.
  await expect(det.getByLabel('成立（我方有责任）')).not.toBeChecked();
  await fillFounded(det);
  await expect(det.getByLabel('方式')).toHaveValue('');
  await det.getByRole('button', { name: '提交责任认定' }).click();
  await expect(det.getByText('请选择「建议处理措施 · 方式」。')).toBeVisible();
  await expect(page.getByTestId('form-state')).toHaveText('责任认定');
  await checkView(page, testInfo, 'determination-unchosen', async () => {
    await expect(page.getByTestId('current-user')).toHaveText('张强 · Service (head)');
  });
  const again = await openAction(page, '提交责任认定');
  await fillFounded(again);
  await again.getByLabel('方式').selectOption('apology');
  await answer(again, '已与客户沟通', true);
  await submitAction(page, '提交责任认定', '管理部复核');
  // The history names the department's head by the department.
  await expect(page.getByTestId('history')).toContainText('张强 · 服务部');
  await expect(page.getByTestId('history')).toContainText('道歉：服务经理当面致歉。');

  // The admin's header says who once; a department user at /reports learns who may see it.
  await actAs(page, 'admin');
  await expect(page.getByTestId('current-user')).toHaveText('系统管理员');
  await actAs(page, 'service');
  const res = await page.goto('/reports');
  expect(res?.status()).toBe(403);
  const refusal = page.getByTestId('reports-forbidden');
  for (const role of ['客服中心', '管理部', '主管总经理', '财务部']) await expect(refusal).toContainText(role);
  await expect(refusal).toContainText('您当前的身份是责任部门');
  await checkView(page, testInfo, 'reports-forbidden', async () => {
    await expect(refusal).toContainText('Management');
  });
});

test('queues, search and notices say what the complaint is about; search keeps the repeat mark', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await actAs(page, 'desk');
  const first = await intake(page, { name: '柯列表', phone: '13912345602', text: '洗车后车内有烟味，座椅上有烟灰。' });
  const second = await intake(page, { name: '柯列表', phone: '13912345602', text: '上次的烟味还没处理，又在地垫上发现烟头。\n第二行不在列表里。' });

  // The desk's triage list: category and first line beside the number.
  // (The list runs by deadline: the newest forms are on its last pages.)
  await page.goto('/desk/triage');
  const row = page.getByRole('row').filter({ hasText: second });
  // goto, not click: the next count must read the new page, not the one still on screen.
  for (let guard = 0; guard < 20 && (await row.count()) === 0; guard++) await page.goto((await page.locator('a[rel="next"]').getAttribute('href'))!);
  await expect(row.getByTestId('complaint-about')).toHaveText('服务态度上次的烟味还没处理，又在地垫上发现烟头。');
  await expect(row.getByTestId('repeat-badge')).toHaveText('重复');
  await checkView(page, testInfo, 'triage-list', async () => {
    await expect(page.getByRole('row').filter({ hasText: second }).getByTestId('complaint-about')).toContainText('Service attitude');
  });

  // Search: the same columns, and the repeat mark the queue shows.
  await page.goto('/complaints?name=%E6%9F%AF%E5%88%97%E8%A1%A8');
  const results = page.getByTestId('search-results');
  const hit = results.getByRole('row').filter({ hasText: second });
  await expect(hit.getByTestId('complaint-about')).toContainText('上次的烟味还没处理');
  await expect(hit.getByTestId('repeat-badge')).toHaveText('重复');
  await expect(hit).toContainText('139 1234 5602');
  await expect(results.getByRole('row').filter({ hasText: first }).getByTestId('repeat-badge')).toHaveCount(0);
  await checkView(page, testInfo, 'search-results');

  // Triage the repeat to the service department: its head's notice says what and by when.
  await openForm(page, second);
  await answer(await openAction(page, '分派处理'), '处理后需要回访', true);
  await submitAction(page, '分派处理', '责任认定');
  await actAs(page, 'service', '/inbox');
  const group = page.getByTestId('inbox-group').filter({ hasText: second });
  await expect(group.getByTestId('inbox-about')).toHaveText('客户 柯列表 · 服务态度：“上次的烟味还没处理，又在地垫上发现烟头。”');
  await expect(group.getByTestId('inbox-task')).toContainText('待您处理：完成调查并提交责任认定，截止');
  await expect(group).toHaveAttribute('data-todo', 'true');
  // Filters: to do keeps it, for information does not.
  await page.getByRole('link', { name: '待我处理' }).click();
  await expect(page).toHaveURL(/show=todo/);
  await expect(page.getByTestId('inbox-group').filter({ hasText: second })).toHaveCount(1);
  await expect(page.locator('[data-testid="inbox-group"][data-todo="false"]')).toHaveCount(0);
  await checkView(page, testInfo, 'inbox-todo', async () => {
    await expect(page.getByTestId('inbox-group').filter({ hasText: second }).getByTestId('inbox-task')).toContainText('For you: investigate and submit the determination, by');
  });
  await page.getByRole('link', { name: '仅供知悉' }).click();
  await expect(page.getByTestId('inbox-group').filter({ hasText: second })).toHaveCount(0);
});

test("the ledger opens on what is the person's own; a department reaches its own entries", async ({ page }, testInfo) => {
  await actAs(page, 'desk', '/ledger');
  const mine = page.getByRole('link', { name: '我负责的' });
  const all = page.getByRole('link', { name: '客服中心全部' });
  // Never an empty "mine" while the items sit under "all".
  if ((await mine.getAttribute('aria-current')) === 'page') {
    await expect(page.locator('[data-testid^="ledger-item-"]').first()).toBeVisible();
  } else {
    await expect(all).toHaveAttribute('aria-current', 'page');
  }
  await actAs(page, 'service');
  await expect(page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '未了事宜台账' })).toBeVisible();
  const res = await page.goto('/ledger');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await checkView(page, testInfo, 'ledger-department');
});
