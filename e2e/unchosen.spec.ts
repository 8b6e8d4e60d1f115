import { expect, test } from './test';
import { actAs, sharedState } from './helpers';
import { actionId, actionState, callAction } from './action-http';
import { answer, openAction, submitAction } from './form-actions';

// Issue 17, "no silent defaults": every choice with consequences starts unchosen and is required.
// A missing choice is refused with a sentence naming it, and nothing the desk typed is lost.

test('a desk intake with its choices unmade is refused by name, keeps what was typed, and goes through once chosen', async ({ page }) => {
  await actAs(page, 'desk', '/desk');
  const intake = page.getByRole('form', { name: '登记新反馈（现场 / 电话）' });
  // Nothing preselected: the channel, the severity and the customer's language.
  for (const label of ['反馈渠道', '紧急程度', '客户语言']) await expect(intake.getByLabel(label, { exact: true })).toHaveValue('');

  await intake.getByLabel('客户姓名').fill('方未选');
  await intake.getByLabel('联系电话').fill('13912347017');
  await intake.getByLabel('投诉类别').selectOption('attitude');
  // The category's usual severity is said, not chosen.
  await expect(page.getByTestId('usual-severity')).toContainText('本类别通常为');
  await expect(intake.getByLabel('紧急程度', { exact: true })).toHaveValue('');
  await intake.getByLabel('客户反映（客户原话）').fill('前台说马上来，结果等了一个小时。');
  await intake.getByRole('button', { name: '登记并编号' }).click();
  for (const sentence of ['请选择「反馈渠道」。', '请选择「紧急程度」。', '请选择「客户语言」。']) await expect(intake.getByText(sentence)).toBeVisible();
  await expect(page).toHaveURL(/\/desk$/);
  // Nothing typed is lost.
  await expect(intake.getByLabel('客户姓名')).toHaveValue('方未选');
  await expect(intake.getByLabel('联系电话')).toHaveValue('13912347017');
  await expect(intake.getByLabel('投诉类别')).toHaveValue('attitude');
  await expect(intake.getByLabel('客户反映（客户原话）')).toHaveValue('前台说马上来，结果等了一个小时。');

  await intake.getByLabel('反馈渠道', { exact: true }).selectOption('phone');
  await intake.getByLabel('紧急程度', { exact: true }).selectOption('important');
  await intake.getByLabel('客户语言', { exact: true }).selectOption('zh-CN');
  await intake.getByRole('button', { name: '登记并编号' }).click();
  await expect(page).toHaveURL(/\/complaints\/KS-\d{4}-\d{6}$/);

  // Triage: whether the customer gets a follow-up call is asked, never assumed.
  const triage = await openAction(page, '分派处理');
  const followUp = triage.getByRole('radiogroup', { name: '处理后需要回访' });
  await expect(followUp.getByRole('radio', { checked: true })).toHaveCount(0);
  await triage.getByLabel('客户经理').selectOption({ label: '王丽' });
  await triage.getByRole('button', { name: '分派处理' }).click();
  await expect(triage.getByText('请选择「处理后需要回访」。')).toBeVisible();
  await expect(page.getByTestId('form-state')).toHaveText('已受理');
  await expect(triage.getByLabel('客户经理')).toHaveValue(/.+/);
  await expect(triage.getByLabel('紧急程度')).toHaveValue('important');
  await answer(triage, '处理后需要回访', false);
  await submitAction(page, '分派处理', '责任认定');
});

test('the server refuses the same missing choices in the page language (the form’s own schema)', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: sharedState('desk') });
  const post = async (input: Record<string, unknown>, locale = 'zh-CN') => {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL! }]);
    const res = await callAction(context.request, { page: '/desk', id: actionId('createComplaintAction'), args: [{ idempotencyKey: crypto.randomUUID(), input }] });
    return actionState(res);
  };
  const typed = { customerName: '接口未选', customerPhone: '13912347018', categoryCode: 'attitude', description: '直接调用接口，不选渠道和紧急程度。' };
  const zh = await post(typed);
  expect(zh, JSON.stringify(zh)).toMatchObject({ ok: false, code: 'invalid_input' });
  expect(zh.fieldErrors).toMatchObject({ channel: ['请选择「反馈渠道」。'], severity: ['请选择「紧急程度」。'], customerLocale: ['请选择「客户语言」。'] });
  const en = await post(typed, 'en');
  expect(en.fieldErrors).toMatchObject({ channel: ['Please choose “Channel”.'], severity: ['Please choose “Severity”.'] });
  await context.close();
});
