import { expect, test } from './test';
import { actAs, snap } from './helpers';
import { answer, openAction, submitAction } from './form-actions';

// @alone: it acts on the first form waiting for triage, which another test may be acting on.
test('the second of two people acting on one form gets a clear conflict message and keeps what they typed', { tag: '@alone' }, async ({ browser }, testInfo) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await actAs(first, 'desk');
  await actAs(second, 'chenchen');
  // A new form waiting for triage, opened by both.
  const href = await first.getByTestId('queue-triage').getByRole('link', { name: /^KS-/ }).first().getAttribute('href');
  await first.goto(href!);
  await second.goto(href!);

  const mine = await openAction(second, '添加备注');
  await mine.getByLabel('内容').fill('客户下午三点再来电，请准备好结算单。');

  const theirs = await openAction(first, '分派处理');
  await theirs.getByLabel('紧急程度').selectOption('important');
  await answer(theirs, '处理后需要回访', true);
  await submitAction(first, '分派处理', '责任认定');

  await mine.getByRole('button', { name: '添加备注' }).click();
  await expect(mine.getByRole('status')).toContainText('王丽');
  await expect(mine.getByRole('status')).toContainText('重新加载');
  await expect(mine.getByLabel('内容')).toHaveValue('客户下午三点再来电，请准备好结算单。');
  await snap(second, testInfo, 'conflict-message');

  // After reloading, the note goes through on the new version.
  await mine.getByRole('button', { name: '重新加载' }).click();
  await expect(second.getByTestId('form-state')).toHaveText('责任认定');
  await expect(mine.getByLabel('内容')).toHaveValue('客户下午三点再来电，请准备好结算单。');
  await mine.getByRole('button', { name: '添加备注' }).click();
  await expect(mine.getByRole('status')).toContainText('已保存');
  await expect(second.getByTestId('history')).toContainText('客户下午三点再来电');
});
