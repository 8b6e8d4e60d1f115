import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, request as newRequest, test, type APIRequestContext, type Page } from './test';
import { freePort } from './free-port';
import { demoPassword, signIn } from './helpers';

// The public surface as an attacker sees it, over HTTP against the real server (scripts/server.mjs).
// The main test server trusts the loopback interface as a proxy (scripts/e2e-server.mjs), so
// each test picks its address with X-Forwarded-For; the client-address tests start servers of
// their own, with and without a trusted proxy.
test.describe.configure({ mode: 'serial' });

// playwright.config.ts sets E2E_PORT (the shared server's port) for every worker.
const basePort = Number(process.env.E2E_PORT);
let ipSeq = 0;
const newIp = () => `198.19.${Math.floor(Math.random() * 200) + 1}.${++ipSeq}`;

/** Starts scripts/server.mjs on the built portal with its own empty database and the given settings. */
async function startServer(port: number, env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = path.resolve(`.e2e-data-${port}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const childEnv: NodeJS.ProcessEnv = { ...process.env, KESU_DATA_DIR: dir, KESU_DEMO: '0', KESU_JOBS: '0', AUTH_TRUST_HOST: 'true', NEXT_TELEMETRY_DISABLED: '1', ...env };
  delete childEnv.DATABASE_URL;
  if (!('KESU_TRUSTED_PROXIES' in env)) delete childEnv.KESU_TRUSTED_PROXIES;
  const child: ChildProcess = spawn(process.execPath, ['scripts/server.mjs', String(port)], { env: childEnv, stdio: 'ignore' });
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${url}/track`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const lookup = (api: APIRequestContext, number: string, code: string, headers: Record<string, string> = {}) =>
  api.post('/track/lookup', { form: { number, code }, headers, maxRedirects: 0 });

test.describe('client address', () => {
  test.setTimeout(180_000);

  test('without a trusted proxy, rotating X-Forwarded-For, X-Real-IP or x-kesu-client-ip does not rotate the bucket', async () => {
    const server = await startServer(freePort(), { KESU_TRACK_IP_LIMIT: '3' });
    const api = await newRequest.newContext({ baseURL: server.url });
    try {
      for (let i = 0; i < 3; i++) {
        const ip = newIp();
        const res = await lookup(api, `KS-1999-00000${i}`, 'ABCDEFGH', { 'X-Forwarded-For': ip, 'X-Real-IP': ip, 'x-kesu-client-ip': ip });
        expect(res.status()).toBe(404);
      }
      const ip = newIp();
      const limited = await lookup(api, 'KS-1999-000009', 'ABCDEFGH', { 'X-Forwarded-For': ip, 'X-Real-IP': ip, 'x-kesu-client-ip': ip });
      expect(limited.status()).toBe(429);
    } finally {
      await api.dispose();
      await server.stop();
    }
  });

  test('with KESU_TRUSTED_PROXIES=1 the right-most X-Forwarded-For entry is the client', async () => {
    const server = await startServer(freePort(), { KESU_TRACK_IP_LIMIT: '3', KESU_TRUSTED_PROXIES: '1' });
    const api = await newRequest.newContext({ baseURL: server.url });
    try {
      const client = newIp();
      // The left part is whatever the client wrote: rotating it changes nothing.
      for (let i = 0; i < 3; i++) expect((await lookup(api, `KS-1999-00001${i}`, 'ABCDEFGH', { 'X-Forwarded-For': `${newIp()}, ${client}` })).status()).toBe(404);
      expect((await lookup(api, 'KS-1999-000019', 'ABCDEFGH', { 'X-Forwarded-For': `${newIp()}, ${client}` })).status()).toBe(429);
      // Another client behind the same proxy has its own bucket.
      expect((await lookup(api, 'KS-1999-000019', 'ABCDEFGH', { 'X-Forwarded-For': `${client}, ${newIp()}` })).status()).toBe(404);
    } finally {
      await api.dispose();
      await server.stop();
    }
  });
});

async function submitComplaint(page: Page): Promise<{ number: string; code: string; link: string }> {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': newIp() });
  await page.goto('/submit');
  await page.getByLabel('您的姓名').fill('周女士');
  await page.getByLabel('手机号码').fill(`139 ${String(Date.now()).slice(-8)}`);
  await page.getByLabel('投诉类别').selectOption('attitude');
  await page.getByLabel('发生了什么').fill('等了两个小时没有人接待。');
  await page.getByRole('button', { name: '提交投诉' }).click();
  await expect(page.getByRole('heading', { name: /已收到您的投诉/ })).toBeVisible();
  const number = (await page.getByTestId('form-number').textContent())!.trim();
  const code = (await page.getByTestId('access-code').textContent())!.trim();
  const link = (await page.getByTestId('track-link').getAttribute('href'))!;
  return { number, code, link };
}

test("a stranger's wrong codes do not lock the customer out: the right code works from another address", async ({ page, request }) => {
  const form = await submitComplaint(page);
  for (let s = 0; s < 4; s++) {
    const stranger = { 'X-Forwarded-For': newIp() };
    for (let i = 0; i < 5; i++) expect((await lookup(request, form.number, `ZZZZ${s}${i}22`, stranger)).status()).toBe(404);
    // The stranger is stopped (for this number, from this address) …
    const stopped = await lookup(request, form.number, form.code, stranger);
    expect(stopped.status()).toBe(429);
    expect(await stopped.text()).toContain('输入错误查询码的次数过多');
  }
  // … the customer is not.
  const res = await lookup(request, form.number, form.code, { 'X-Forwarded-For': newIp() });
  expect(res.status()).toBe(303);
  expect(res.headers()['location']).toBe(form.link);
  expect((await request.get(form.link)).status()).toBe(200);
});

// Issue 14 finding 3: the 5-failure lock holds the login at that address only (it held it from
// every address before); the owner signs in from elsewhere, and the admin can still lift it.
test('after 5 wrong passwords from one address the login waits there, even with the right password, on both sign-in paths; another address gets in; an admin lifts the lock', async ({ page, browser }) => {
  const login = 'logistics';
  const from = newIp();
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': from });
  await page.goto('/login');
  const message = page.locator('#login-error');
  const attempt = async (password: string) => {
    await page.getByLabel(/账号|Login/).fill(login);
    await page.getByLabel(/密码|Password/).fill(password);
    // Wait for the server action's answer: the message may read the same as before.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
      page.getByRole('button', { name: /^(登录|Sign in)$/ }).click(),
    ]);
    // React resets the form once the action is done: wait for it before typing again.
    if (password !== demoPassword) await expect(page.getByLabel(/密码|Password/)).toHaveValue('');
  };
  for (let i = 0; i < 5; i++) {
    await attempt(`wrong-${i}`);
    await expect(message).toHaveText(/账号或密码不正确/);
  }
  await attempt(demoPassword);
  await expect(message).toHaveText(/该账号从您所在网络登录失败次数过多，已暂停从该网络登录至 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}/);
  await expect(page).toHaveURL(/\/login/);

  // Auth.js's own endpoint is throttled too, for that address, and its redirect says until when.
  const api = await newRequest.newContext({ baseURL: `http://localhost:${basePort}`, extraHTTPHeaders: { 'X-Forwarded-For': from } });
  try {
    const { csrfToken } = await (await api.get('/api/auth/csrf')).json();
    const res = await api.post('/api/auth/callback/credentials', { form: { login, password: demoPassword, csrfToken }, maxRedirects: 0 });
    expect(res.status()).toBe(302);
    const location = res.headers()['location'];
    expect(location).toMatch(/\/login\?error=CredentialsSignin&code=locked_pair_\d+$/);
    const shown = await api.get(location);
    expect(await shown.text()).toContain('该账号从您所在网络登录失败次数过多，已暂停从该网络登录至');
  } finally {
    await api.dispose();
  }
  // A stranger's failures do not lock the owner out: from another address the right password works.
  const elsewhere = await newRequest.newContext({ baseURL: `http://localhost:${basePort}`, extraHTTPHeaders: { 'X-Forwarded-For': newIp() } });
  try {
    const { csrfToken } = await (await elsewhere.get('/api/auth/csrf')).json();
    const res = await elsewhere.post('/api/auth/callback/credentials', { form: { login, password: demoPassword, csrfToken }, maxRedirects: 0 });
    expect(res.status()).toBe(302);
    expect(res.headers()['location']).not.toContain('error=');
  } finally {
    await elsewhere.dispose();
  }

  // The administrator sees the lock and the failures, and lifts it.
  const adminContext = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': newIp() } });
  const admin = await adminContext.newPage();
  await signIn(admin, 'admin');
  await admin.goto('/admin/security');
  const lockRow = admin.getByTestId('security-locks').getByRole('row', { name: new RegExp(login) });
  await expect(lockRow).toBeVisible();
  await expect(admin.getByTestId('security-by-login').getByRole('row', { name: new RegExp(`${login}\\s+7`) })).toBeVisible();
  await expect(admin.getByTestId('security-by-address').getByRole('row', { name: new RegExp(from.replace(/\./g, '\\.')) })).toBeVisible();
  await lockRow.getByRole('button', { name: /解除锁定/ }).click();
  await expect(admin.getByText('没有被锁定的账号或地址。')).toBeVisible();
  await adminContext.close();

  await page.reload();
  await attempt(demoPassword);
  await expect(page.getByTestId('current-user')).toBeVisible();
});

// Issue 14 finding 3, "admins are told": an address that fails 20 times is locked, and the
// administrators find one notice in their inbox and on the security page.
test('an address guessing many logins is locked; the admins are told once, in the inbox and on the security page', async ({ browser }) => {
  const from = newIp();
  const api = await newRequest.newContext({ baseURL: `http://localhost:${basePort}`, extraHTTPHeaders: { 'X-Forwarded-For': from } });
  try {
    const { csrfToken } = await (await api.get('/api/auth/csrf')).json();
    const post = (login: string) => api.post('/api/auth/callback/credentials', { form: { login, password: 'wrong-password', csrfToken }, maxRedirects: 0 });
    for (let i = 0; i < 20; i++) expect((await post(`guess-${i}`)).headers()['location']).toMatch(/error=CredentialsSignin(&code=credentials)?$/);
    for (let i = 0; i < 3; i++) expect((await post(`more-${i}`)).headers()['location']).toMatch(/code=locked_address_\d+$/);
  } finally {
    await api.dispose();
  }
  const adminContext = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': newIp() } });
  const admin = await adminContext.newPage();
  await signIn(admin, 'admin');
  await admin.goto('/admin/security');
  await expect(admin.getByTestId('security-notices').getByRole('row', { name: new RegExp(from.replace(/\./g, '\\.')) })).toHaveCount(1);
  await admin.goto('/inbox');
  await expect(admin.getByText(`地址 ${from} 已暂停登录`)).toHaveCount(1);
  await adminContext.close();
});
