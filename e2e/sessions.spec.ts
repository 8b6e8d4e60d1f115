import { expect, test, type Browser, type BrowserContext } from './test';
import { actionId, callAction } from './action-http';
import { signIn, signOut, snap } from './helpers';

// Finding 6 of issue 9: a session ends at sign-out, at a password reset, and when an admin
// ends it — the cookie saved before no longer opens anything.

test.describe.configure({ mode: 'serial' });

async function freshPageWith(browser: Browser, cookies: Awaited<ReturnType<BrowserContext['cookies']>>) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.addCookies(cookies);
  return context.newPage();
}

test('after sign-out the old cookie opens nothing: pages, route handlers, server actions', async ({ page, browser, baseURL }) => {
  await signIn(page, 'desk');
  const saved = await page.context().cookies();
  expect(saved.some((c) => c.name.endsWith('authjs.session-token'))).toBe(true);

  // The saved cookie works while the session lives …
  const before = await freshPageWith(browser, saved);
  expect((await before.goto('/desk'))?.status()).toBe(200);
  await expect(before.getByTestId('current-user')).toBeVisible();
  await before.context().close();

  await signOut(page);

  // … and after sign-out it is nobody's, in a fresh browser that never saw the sign-out.
  const replay = await freshPageWith(browser, saved);
  await replay.goto('/desk');
  await expect(replay).toHaveURL(/\/login/);
  await expect(replay.getByTestId('current-user')).toHaveCount(0);
  const cookie = saved.map((c) => `${c.name}=${c.value}`).join('; ');
  const api = replay.request;
  expect((await api.get('/desk', { headers: { cookie }, maxRedirects: 0 })).headers().location).toBe('/login');
  expect((await api.get('/export/ledger?format=csv', { headers: { cookie } })).status()).toBe(401);
  expect((await api.get('/attachments/00000000-0000-4000-8000-000000000000', { headers: { cookie } })).status()).toBe(401);
  // A server action with the dead cookie: refused as signed out, nothing done.
  const res = await callAction(api, {
    page: '/desk',
    id: actionId('earlierFormsAction'),
    args: [{ phone: '13800138000' }],
    headers: { cookie, Origin: baseURL! },
  });
  expect(await res.text()).toMatch(/登录已失效|session has ended/);
  await replay.context().close();
});

test('an admin resets a password: that user is signed out at the next click; an admin can end a session', async ({ page, browser }, testInfo) => {
  const login = `sess${Date.now().toString(36)}`;
  const first = 'first-password-123';
  const second = 'second-password-456';

  await signIn(page, 'admin');
  await page.goto('/admin/staff');
  const create = page.getByRole('form', { name: '新建用户' });
  await create.getByLabel('账号').fill(login);
  await create.getByLabel('姓名').fill('会话测试');
  await create.getByLabel('角色').selectOption('desk');
  await create.getByLabel('初始密码').fill(first);
  await create.getByRole('button', { name: '创建用户' }).click();
  await expect(page.getByRole('status').filter({ hasText: `已创建用户 ${login}` })).toBeVisible();
  await page.getByRole('link', { name: '编辑 会话测试' }).click();
  await expect(page).toHaveURL(/\/admin\/staff\/[0-9a-f-]{36}$/);
  const editUrl = page.url();

  // The user signs in in their own browser.
  const userContext = await browser.newContext({ locale: 'zh-CN' });
  const user = await userContext.newPage();
  const signInAs = async (password: string) => {
    await user.goto('/login');
    await user.getByLabel(/账号|Login/).fill(login);
    await user.getByLabel(/密码|Password/).fill(password);
    await user.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
    await expect(user.getByTestId('current-user')).toContainText('会话测试');
  };
  await signInAs(first);

  // The admin sees that session.
  await page.goto(editUrl);
  const sessions = page.getByTestId('sessions-table');
  await expect(sessions.locator('tbody tr')).toHaveCount(1);
  await expect(sessions).toContainText(/Chrome/);
  await snap(page, testInfo, 'admin-user-sessions');

  // Reset the password: the open session ends.
  await page.getByLabel('新密码').fill(second);
  await page.getByRole('button', { name: '设置新密码' }).click();
  await expect(page.getByRole('status').filter({ hasText: '密码已修改' })).toBeVisible();
  await user.goto('/desk');
  await expect(user).toHaveURL(/\/login/);
  await page.goto(editUrl);
  await expect(page.getByTestId('no-sessions')).toBeVisible();

  // With the new password they are back; the admin ends that session with one click.
  await signInAs(second);
  await page.goto(editUrl);
  await expect(sessions.locator('tbody tr')).toHaveCount(1);
  await sessions.getByRole('button', { name: /^结束/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '会话已结束' })).toBeVisible();
  await expect(page.getByTestId('no-sessions')).toBeVisible();
  await user.goto('/desk');
  await expect(user).toHaveURL(/\/login/);
  await userContext.close();
});
