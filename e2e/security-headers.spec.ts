import { expect, test, type Page } from './test';
import { sharedState, type SharedLogin } from './helpers';

// Finding 5 of issue 9: security headers on every response, and a nonce CSP that every page
// of the portal lives with (no violation in the browser, scripts still run).

const cspViolations: string[] = [];

/** Collects every CSP violation the page reports, by event and by console message. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy|CSP violation|Refused to (execute|load|apply|connect|frame)|Permissions-Policy/i.test(text)) {
      cspViolations.push(`${page.url()}: ${text}`);
    }
  });
}

test.describe.configure({ mode: 'serial' });

test('every page answers with the security headers; the tracking pages send no Referer', async ({ request }) => {
  const paths = ['/login', '/submit', '/track', '/track/not-a-real-token-xxxxxxxxxxxx', '/desk', '/no-such-page', '/icon.svg', '/api/auth/session'];
  for (const path of paths) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    expect(h['x-frame-options'], path).toBe('DENY');
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['permissions-policy'], path).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
    expect(h['referrer-policy'], path).toBe(path.startsWith('/track') ? 'same-origin' : 'strict-origin-when-cross-origin');
    const csp = h['content-security-policy'] ?? '';
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc, path).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(scriptSrc, path).not.toContain('unsafe-inline');
    // The portal under test runs on http: no HSTS (lib/security/headers.test.ts covers https).
    expect(h['strict-transport-security'], path).toBeUndefined();
  }
  // The build's hashed assets skip the proxy but are still never sniffed.
  const html = await (await request.get('/login')).text();
  const asset = html.match(/\/_next\/static\/[^"]+\.js/)![0];
  expect((await request.get(asset)).headers()['x-content-type-options']).toBe('nosniff');
});

test('each response gets its own nonce, and every script of the page carries it', async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ['/login', '/submit', '/login']) {
    const res = await request.get(path);
    const nonce = res.headers()['content-security-policy'].match(/'nonce-([^']+)'/)![1];
    nonces.add(nonce);
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    // No inline style attribute or <style> without the nonce would survive the policy either.
    expect(html, path).not.toMatch(/\sstyle="/);
    for (const tag of html.match(/<style\b[^>]*>/g) ?? []) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(3);
});

test('a page of the portal cannot be framed by another site', async ({ page, baseURL }) => {
  // A page of another origin that frames the sign-in page.
  await page.route('http://evil.test/', (r) => r.fulfill({ contentType: 'text/html', body: `<iframe id="f" src="${baseURL}/login"></iframe>` }));
  await page.goto('http://evil.test/');
  const child = () => page.frames().find((f) => f !== page.mainFrame());
  // Chromium replaces a frame refused by frame-ancestors / X-Frame-Options with its error page.
  await expect.poll(() => child()?.url()).toBe('chrome-error://chromewebdata/');
  expect(await child()!.locator('input').count()).toBe(0);
});

test('no page of the customer or of any role breaks the CSP, and scripts still run', async ({ page, browser }) => {
  test.setTimeout(240_000);
  await watchCsp(page);
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': `198.19.${Math.floor(Math.random() * 200) + 1}.${Math.floor(Math.random() * 250) + 1}` });

  // Public pages: the form (its client-side validation proves React hydrated under the CSP),
  // a submission with a photo, the tracking page of that submission, the lookup page.
  await page.goto('/submit');
  await page.getByRole('button', { name: '提交投诉' }).click();
  await expect(page.getByLabel('您的姓名')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('您的姓名').fill('林小姐');
  await page.getByLabel('手机号码').fill('138 0013 8000');
  await page.getByLabel('投诉类别').selectOption('attitude');
  await page.getByLabel('发生了什么').fill('CSP 检查：前台接待态度冷淡。');
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ff8a0d6a5c0000000049454e44ae426082', 'hex');
  await page.getByLabel('照片').setInputFiles({ name: 'p.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: '提交投诉' }).click();
  await expect(page.getByRole('heading', { name: /已收到您的投诉/ })).toBeVisible();
  const number = (await page.getByTestId('form-number').textContent())!.trim();
  const link = (await page.getByTestId('track-link').getAttribute('href'))!;
  await page.goto(link);
  await expect(page.getByRole('heading', { name: new RegExp(number) })).toBeVisible();
  await page.goto('/track');
  await page.goto('/login');

  // Every role's main pages, in a fresh context each.
  const visits: Partial<Record<SharedLogin, string[]>> = {
    desk: ['/desk', '/complaints', `/complaints/${number}`, '/ledger', '/inbox', '/complaints?q=KS'],
    service: ['/department', '/inbox'],
    management: ['/management', '/reports', '/ledger'],
    gm: ['/gm', '/reports'],
    admin: ['/admin', '/admin/staff', '/admin/calendar', '/admin/sla', '/admin/outbox'],
    finance: ['/reports', '/desk' /* 403 page */, '/complaints/KS-1999-000001' /* 404 page */],
  };
  for (const [login, paths] of Object.entries(visits) as [SharedLogin, string[]][]) {
    // The shared session (the sign-in form itself was visited above, under the CSP).
    const context = await browser.newContext({ locale: 'zh-CN', storageState: sharedState(login) });
    const staff = await context.newPage();
    await watchCsp(staff);
    for (const [i, path] of paths.entries()) {
      await staff.goto(path);
      if (i === 0) await expect(staff.getByTestId('current-user')).toBeVisible();
    }
    if (login === 'admin') {
      await staff.goto('/admin/staff');
      await staff.getByRole('link', { name: /^编辑 / }).first().click();
      await expect(staff.getByRole('heading', { name: '登录会话' })).toBeVisible();
    }
    if (login === 'desk') {
      // Client-side navigation (RSC payloads) and a client component's state under the CSP.
      await staff.goto('/desk');
      await staff.getByRole('link', { name: /^KS-\d{4}-\d{6}$/ }).first().click();
      await expect(staff).toHaveURL(/\/complaints\/KS-/);
    }
    await context.close();
  }
  expect(cspViolations).toEqual([]);
});
