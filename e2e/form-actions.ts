import { expect, type Locator, type Page } from '@playwright/test';

/** Opens an action on the form page by its label and returns the form to fill in. */
export async function openAction(page: Page, label: string) {
  await page.locator('summary', { hasText: label }).click();
  const form = page.getByRole('form', { name: label });
  await expect(form).toBeVisible();
  return form;
}

export async function submitAction(page: Page, label: string, expectedState: string) {
  const form = page.getByRole('form', { name: label });
  await form.getByRole('button', { name: label }).click();
  await expect(page.getByTestId('form-state')).toHaveText(expectedState);
}

/**
 * Answers a yes/no question of an action form (follow-up wanted, customer contacted): these start
 * unanswered and are required (issue 17). `question` is the group's label in the page's language.
 */
export async function answer(form: Locator, question: string | RegExp, yes: boolean) {
  await form.getByRole('radiogroup', { name: question }).getByLabel(yes ? /^(是|Yes)$/ : /^(否|No)$/).check();
}

export async function openForm(page: Page, number: string) {
  await page.goto(`/complaints/${number}`);
  await expect(page.getByRole('heading', { name: number })).toBeVisible();
}

/** The customer-facing summary of a completion (DESIGN §2): the four answers the customer reads. */
export interface CustomerSummaryText {
  when: string;
  how: string;
  cause: string;
  prevention: string;
}

export const sampleSummary: CustomerSummaryText = {
  when: '今天已为您处理完毕。',
  how: '我们已当面向您说明情况并致歉。',
  cause: '我们的工作人员没有按流程向您逐项说明。',
  prevention: '今后每次交车都按检查表逐项讲解。',
};

/** Fills the four customer-visible answers of `complete_handling` / `resolve_on_spot` (zh-CN labels). */
export async function fillCustomerSummary(form: Locator, summary: CustomerSummaryText = sampleSummary) {
  await form.getByLabel(/何时解决/).fill(summary.when);
  await form.getByLabel(/如何解决/).fill(summary.how);
  await form.getByLabel(/问题原因/).fill(summary.cause);
  await form.getByLabel(/今后如何避免/).fill(summary.prevention);
}
