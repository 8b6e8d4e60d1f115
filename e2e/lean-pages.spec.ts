import { expect, test, type Page } from './test';
import { actAs } from './helpers';

// Issue 16: a page carries only what its client components use. The messages passed to the
// browser are picked per part of the app (lib/i18n/client-messages.ts), and zod (with its
// locale) or libphonenumber reach only pages whose forms parse with them.

/** Every script the page loads, as text. */
async function scriptsOf(page: Page, url: string): Promise<string> {
  const bodies: Promise<string>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') bodies.push(res.text().catch(() => ''));
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  return (await Promise.all(bodies)).join('\n');
}

// Strings that survive minification: zod's class names, libphonenumber's metadata keys.
const zod = '$ZodObject';
const libphonenumber = 'country_calling_codes';

// next-intl's client (its message formatter survives minification by this error code).
const intlClient = 'INVALID_MESSAGE';

test('/track ships neither zod, libphonenumber nor the i18n client; /submit loads zod once the form is touched', async ({ page }) => {
  const track = await scriptsOf(page, '/track');
  expect(track.length).toBeGreaterThan(0);
  expect(track.includes(zod), 'zod on /track').toBe(false);
  expect(track.includes(libphonenumber), 'libphonenumber on /track').toBe(false);
  expect(track.includes(intlClient), 'next-intl client on /track').toBe(false);
  // /submit's first load has no zod either: the form's rules load when a field is focused.
  const bodies: Promise<string>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') bodies.push(res.text().catch(() => ''));
  });
  await page.goto('/submit', { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  const firstLoad = (await Promise.all(bodies)).join('\n');
  expect(firstLoad.includes(intlClient), 'the form translates in the browser').toBe(true);
  expect(firstLoad.includes(zod), 'zod in /submit\'s first load').toBe(false);
  await page.locator('#customerName').focus();
  await expect.poll(async () => (await Promise.all(bodies)).join('\n').includes(zod)).toBe(true);
});

test('a public page carries only the public messages its forms use, not the staff or admin ones', async ({ request }) => {
  const track = await (await request.get('/track', { headers: { 'Accept-Language': 'en' } })).text();
  expect(track).toContain('Access code'); // public.track.code, given to the form as a prop
  // public.track.notFound: the lookup answers with it; the page carries no messages for the browser.
  expect(track).not.toContain('We could not find a complaint with this number and access code.');
  const submit = await (await request.get('/submit', { headers: { 'Accept-Language': 'en' } })).text();
  for (const html of [track, submit]) {
    expect(html).not.toContain('The form moved to a new step'); // workflow.notifyTemplates
    expect(html).not.toContain('Customer feedback-handling form'); // form.paperTitle
    expect(html).not.toContain('Administration'); // admin.title
  }
});

test('a staff page carries the staff messages, not the public or admin ones', async ({ page }) => {
  await actAs(page, 'desk');
  const desk = await (await page.request.get('/desk')).text();
  expect(desk).toContain('反馈处理单已进入新环节'); // workflow.notifyTemplates: the staff part passes workflow whole
  expect(desk).not.toContain('未找到与该处理单号和查询码相符的投诉，请核对后重试。'); // public.track.notFound
  expect(desk).not.toContain('该用户当前在哪些地方处于登录状态。结束会'); // admin.sessions.hint
});
