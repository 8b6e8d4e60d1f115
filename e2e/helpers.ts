import fs from 'node:fs';
import path from 'node:path';
import { expect, type Browser, type BrowserContextOptions, type Cookie, type Locator, type Page, type TestInfo } from '@playwright/test';

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

/**
 * Waits until React has hydrated the element (attached its props to the DOM node). A click on a
 * form's button before that is a native submit that React never sees: right after a reload on a
 * loaded machine, the page is visible a second or more before it is interactive.
 */
export async function hydrated(locator: Locator) {
  await expect
    .poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactProps'))), { message: 'React hydrated the element' })
    .toBe(true);
}

/**
 * Saves a screenshot of the whole page as a test artifact, when asked (E2E_SCREENSHOTS=1): a
 * full-page capture costs the browser about a CPU second, and 20 of them were 14 % of three
 * specs' CPU (167 → 145 s), so npm test leaves them out. Looking at the pages is a person's
 * task: `E2E_SCREENSHOTS=1 npx playwright test …`, then open the HTML report.
 */
export async function snap(page: Page, testInfo: TestInfo, name: string) {
  if (process.env.E2E_SCREENSHOTS !== '1') return;
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
 * had) and opens `path` (the login's home page, as signing in does, unless the test names the
 * page it goes to next: one page load instead of two). It never signs out: sign-out would end
 * the shared session on the server for every other test.
 */
export async function actAs(page: Page, login: SharedLogin, path = '/') {
  const { cookies } = JSON.parse(fs.readFileSync(sharedState(login), 'utf8')) as { cookies: Cookie[] };
  const session = cookies.filter((c) => isSessionCookie(c.name));
  expect(session.length, `a session cookie in ${sharedState(login)}`).toBeGreaterThan(0);
  await page.context().clearCookies({ name: /session-token/ });
  await page.context().addCookies(session);
  await page.goto(path);
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

/** What a desk intake is given: the choices the form requires default here, in the test, never in the form. */
export interface DeskIntakeFields {
  /** The feedback channel (default phone: the desk lands on the form page; walk_in on the receipt). */
  channel?: 'walk_in' | 'phone' | 'email' | 'social' | 'letter';
  name: string;
  phone: string;
  /** The category's code (default attitude). */
  category?: string;
  severity?: 'urgent' | 'important' | 'general';
  customerLocale?: 'zh-CN' | 'en';
  description: string;
  request?: string;
  plate?: string;
  model?: string;
  product?: string;
  purchaseDate?: string;
  email?: string;
  /** Involved staff, by the name their checkbox shows. */
  parties?: string[];
  /** Runs on the filled form just before it is submitted (a screenshot, a check of a warning). */
  beforeSubmit?: (form: Locator) => Promise<void>;
}

/**
 * A desk intake through the form, for tests whose subject is what comes after it: fills every
 * field given and the required choices (channel, severity, customer's language), submits, and
 * returns the new form's number once the desk has landed on its receipt (walk-in) or form page.
 * Works in either language of the UI (fields by id). A test of the intake form itself types it.
 */
export async function deskIntake(page: Page, f: DeskIntakeFields): Promise<string> {
  if (new URL(page.url()).pathname !== '/desk') await page.goto('/desk');
  const form = page.locator('form[aria-labelledby="intake-title"]');
  await hydrated(form);
  const field = (name: string) => form.locator(`#intake-${name}`);
  const channel = f.channel ?? 'phone';
  await field('channel').selectOption(channel);
  await field('customerName').fill(f.name);
  await field('customerPhone').fill(f.phone);
  for (const [name, value] of [['plate', f.plate], ['vehicleModel', f.model], ['subjectProduct', f.product], ['purchaseDate', f.purchaseDate], ['customerEmail', f.email]] as const) {
    if (value !== undefined) await field(name).fill(value);
  }
  await field('categoryCode').selectOption(f.category ?? 'attitude');
  await field('severity').selectOption(f.severity ?? 'general');
  await field('customerLocale').selectOption(f.customerLocale ?? 'zh-CN');
  await field('description').fill(f.description);
  if (f.request !== undefined) await field('customerRequest').fill(f.request);
  for (const person of f.parties ?? []) await field('partyUserIds').getByLabel(person, { exact: true }).check();
  await f.beforeSubmit?.(form);
  await form.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(channel === 'walk_in' ? /\/complaints\/KS-\d{4}-\d{6}\/receipt$/ : /\/complaints\/KS-\d{4}-\d{6}$/);
  return new URL(page.url()).pathname.split('/')[2];
}
