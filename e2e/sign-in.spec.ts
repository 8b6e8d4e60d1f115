import { expect, test } from './test';
import { signIn, signOut, snap } from './helpers';

const landing: Record<string, string> = {
  desk: '/desk',
  service: '/department',
  management: '/management',
  gm: '/gm',
  admin: '/admin',
};

for (const [login, path] of Object.entries(landing)) {
  test(`${login} signs in and lands on ${path} with forms from the database`, async ({ page }, testInfo) => {
    await signIn(page, login);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    // The demo data has forms waiting on every role: the view shows real numbers.
    await expect(page.getByRole('link', { name: /^KS-\d{4}-\d{6}$/ }).first()).toBeVisible();
    await snap(page, testInfo, `${login}-home`);
    await signOut(page);
  });
}

test('a wrong password gets one clear message that does not say whether the login exists', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel(/账号|Login/).fill('desk');
  await page.getByLabel(/密码|Password/).fill('wrong-password');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  const message = page.locator('#login-error');
  await expect(message).toHaveText(/账号或密码不正确|not correct/);
  const known = await message.textContent();
  await page.getByLabel(/账号|Login/).fill('nobody-here');
  await page.getByLabel(/密码|Password/).fill('wrong-password');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(message).toHaveText(known!);
});

test('a visitor is sent to the sign-in page', async ({ page }) => {
  await page.goto('/desk');
  await expect(page).toHaveURL(/\/login/);
});

test('finance signs in to the reports dashboard, read-only, and may not open the forms', async ({ page }, testInfo) => {
  await signIn(page, 'finance');
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByRole('heading', { name: /统计报表|Reports dashboard/ })).toBeVisible();
  await snap(page, testInfo, 'finance-reports');
  expect((await page.goto('/desk'))?.status()).toBe(403);
  expect((await page.goto('/complaints/KS-2026-000001'))?.status()).toBe(404);
});
