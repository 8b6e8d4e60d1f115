import { expect, type Page } from '@playwright/test';

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

export async function openForm(page: Page, number: string) {
  await page.goto(`/complaints/${number}`);
  await expect(page.getByRole('heading', { name: number })).toBeVisible();
}
