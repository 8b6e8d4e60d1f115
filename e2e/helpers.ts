import { expect, type Page, type TestInfo } from '@playwright/test';

export const demoPassword = 'kesu-demo';

export async function signIn(page: Page, login: string) {
  await page.goto('/login');
  await page.getByLabel(/账号|Login/).fill(login);
  await page.getByLabel(/密码|Password/).fill(demoPassword);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /退出登录|Sign out/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Saves a screenshot of the view as a test artifact. */
export async function snap(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}
