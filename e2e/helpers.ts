import fs from 'node:fs';
import path from 'node:path';
import { expect, type Browser, type BrowserContextOptions, type Cookie, type Page, type TestInfo } from '@playwright/test';

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

/**
 * The logins whose sessions the browser tests share: e2e/auth.setup.ts signs each in once
 * through the login form and saves its cookies, so that a test that is not about signing in
 * does not pay for it. A test about sign-in, sign-out, sessions or throttling uses `signIn`.
 */
export const sharedLogins = ['desk', 'chenchen', 'liming', 'service', 'parts', 'management', 'gm', 'admin', 'finance'] as const;
export type SharedLogin = (typeof sharedLogins)[number];

/** Where the setup saves a login's signed-in state (in the output folder, emptied at each run). */
export const sharedState = (login: SharedLogin) => path.resolve(import.meta.dirname, '../test-results/.auth', `${login}.json`);

const isSessionCookie = (name: string) => name.includes('session-token');

/**
 * Puts the page's browser context into the shared session of `login` (replacing the session it
 * had) and opens that login's home page, as signing in does. It never signs out: sign-out would
 * end the shared session on the server for every other test.
 */
export async function actAs(page: Page, login: SharedLogin) {
  const { cookies } = JSON.parse(fs.readFileSync(sharedState(login), 'utf8')) as { cookies: Cookie[] };
  const session = cookies.filter((c) => isSessionCookie(c.name));
  expect(session.length, `a session cookie in ${sharedState(login)}`).toBeGreaterThan(0);
  await page.context().clearCookies({ name: /session-token/ });
  await page.context().addCookies(session);
  await page.goto('/');
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** A new browser context in the shared session of `login`, on its home page. */
export async function contextAs(browser: Browser, login: SharedLogin, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ ...options, storageState: sharedState(login) });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('current-user')).toBeVisible();
  return { context, page };
}

/** Leaves the shared session in this browser only (the cookie goes; the session lives on for other tests). */
export async function dropSession(page: Page) {
  await page.context().clearCookies({ name: /session-token/ });
}
