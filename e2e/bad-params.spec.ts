import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from './test';
import { actionId, callAction } from './action-http';
import { actAs } from './helpers';

// Issue 9, finding 8: tampered or impossible parameters are a 4xx, never a 500 — and the
// attachment route answers with its safety headers even when it refuses.

const uuid = '0b0c5c2e-2f7a-4c1e-9d1a-2b8e0c1f3a4d';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

async function status(request: APIRequestContext, url: string) {
  const r = await request.get(url, { maxRedirects: 0 });
  return { status: r.status(), headers: r.headers() };
}

async function expectStatus(page: Page, cases: [string, number][]) {
  for (const [url, expected] of cases) {
    expect((await status(page.request, url)).status, url).toBe(expected);
  }
}

test('staff pages and routes: bad segments and query parameters are 404/400', async ({ page }) => {
  await actAs(page, 'desk');
  await expectStatus(page, [
    ['/complaints/garbage', 404],
    ['/complaints/KS-2026-000001%00', 404],
    [`/complaints?after=${b64(['9999-99-99 99:99:99', uuid])}`, 404],
    [`/complaints?before=${b64(['2026-02-30 10:00:00+08', uuid])}`, 404],
    ['/complaints?after=not-base64!!', 404],
    ['/complaints?q=%00', 404],
    ['/complaints?name=a%07b', 404],
    ['/complaints?q=%E5%BC%82%E5%91%B3', 200],
    ['/export/ledger?format=csv&scope=everything', 400],
    ['/export/ledger?format=csv&closed=%00', 400],
    ['/export/ledger?format=csv&scope=all&closed=1', 200],
    ['/ledger?scope=%00', 404],
  ]);
  const notUuid = await status(page.request, '/attachments/not-a-uuid');
  expect(notUuid.status).toBe(404);
  const unknown = await status(page.request, `/attachments/${uuid}`);
  expect(unknown.status).toBe(404);
  for (const r of [notUuid, unknown]) {
    expect(r.headers['content-security-policy']).toBe('sandbox');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  }
});

test('reports: a month outside the portal years is a 404, a real one a 200', async ({ page }) => {
  await actAs(page, 'gm');
  await expectStatus(page, [
    ['/reports?month=9999-12', 404],
    ['/reports?month=0000-01', 404],
    ['/reports?month=2026-13', 404],
    ['/reports?month=2026-11%00', 404],
    ['/reports?month=2026-11', 200],
  ]);
});

test('public tracking: a garbage token is a 404', async ({ request }) => {
  for (const url of ['/track/garbage%00token', "/track/x'%20or%201=1--", `/track/${'A'.repeat(300)}`, '/track/%F0%9F%98%80']) {
    expect((await status(request, url)).status, url).toBe(404);
  }
});

test('sign-in: a NUL in the login is a message naming the field, not a server error', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel(/账号|Login/).fill('desk\u0000');
  await page.getByLabel(/密码|Password/).fill('kesu-demo');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(page.getByText(/账号含有无法保存的空字符（U\+0000）/)).toBeVisible();
});

// Findings 9 and 10: the name follows the content, a PDF is a download, every response sandboxed.
// @alone: the upload changes the first form on the desk, which may be another test's new form in the middle of its steps.
test('evidence upload: the stored name follows the content; responses are sandboxed, PDFs downloads', { tag: '@alone' }, async ({ page }) => {
  await actAs(page, 'desk', '/desk');
  await page.locator('a[href^="/complaints/KS-"]').first().click();
  await expect(page).toHaveURL(/\/complaints\/KS-/);
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
  await page.getByLabel(/上传照片或 PDF|Upload photos or PDF/).setInputFiles({ name: 'invoice.html', mimeType: 'text/html', buffer: pdf });
  await page.getByRole('button', { name: /^(上传|Upload)$/ }).click();
  await expect(page.getByText(/已上传 1 个文件|1 file/)).toBeVisible();
  await page.reload();
  const link = page.getByRole('link', { name: 'invoice.pdf' });
  await expect(link).toBeVisible();
  const r = await page.request.get((await link.getAttribute('href'))!);
  expect(r.status()).toBe(200);
  expect(r.headers()['content-type']).toBe('application/pdf');
  expect(r.headers()['content-disposition']).toMatch(/^attachment; filename="invoice\.pdf"/);
  expect(r.headers()['content-security-policy']).toBe('sandbox');
  expect(r.headers()['x-content-type-options']).toBe('nosniff');
  // The upload is in the history.
  await expect(page.getByTestId('history')).toContainText(/添加证据材料|Evidence added/);
});

// Issue 14 finding 4: a path that does not percent-decode to UTF-8 was a 500 on 14 routes (Next's
// router throws a URIError). Every dynamic route of the build, with several bad encodings,
// signed out and signed in, is the not-found page with the security headers.
const badSegments = ['%ff', '%ff%fe', '%ED%A0%80', '%C0%AF', '%E5%BC', '%', '%zz', 'ok%F4%90%80%80'];

function dynamicRoutes(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join('.next', 'app-path-routes-manifest.json'), 'utf8')) as Record<string, string>;
  return [...new Set(Object.values(manifest))].filter((r) => r.includes('['));
}

test('bad percent-encoding in any dynamic segment is the 404 page, never a 500', async ({ page, request }) => {
  const routes = dynamicRoutes();
  // The authorization matrix's dynamic pages and routes are all here (13 in the build of issue 14).
  expect(routes).toEqual(expect.arrayContaining(['/track/[token]', '/complaints/[number]', '/department/[list]', '/admin/categories/[id]', '/attachments/[id]', '/api/auth/[...nextauth]']));
  const urls = routes.flatMap((r) => badSegments.map((bad) => r.replace(/\[[^\]]+\]/g, bad)));
  urls.push('/complaints/%ED%A0%80/receipt', '/track/%ff/x', '/desk/%ff?q=1');
  // Signed in, every route with two of the bad segments in turn (each segment on several routes):
  // the same refusal, at 2/8 of the requests.
  const signedIn = routes.flatMap((r, i) => [i, i + 3].map((k) => r.replace(/\[[^\]]+\]/g, badSegments[k % badSegments.length])));
  signedIn.push('/complaints/%ED%A0%80/receipt', '/desk/%ff?q=1');
  await actAs(page, 'admin');
  for (const [who, ctx, list] of [['signed out', request, urls], ['admin', page.request, signedIn]] as const) {
    for (const url of list) {
      const r = await ctx.get(url, { maxRedirects: 0 });
      expect(r.status(), `${who} ${url}`).toBe(404);
      expect(r.headers()['x-content-type-options'], `${who} ${url}`).toBe('nosniff');
    }
  }
  const shown = await request.get('/track/%ff');
  expect(await shown.text()).toContain('未找到该页面或该反馈单。');
  // A well-formed path still works.
  expect((await request.get('/track')).status()).toBe(200);
});

// Issue 14 finding 10: a NUL or a year-0000 day in an admin action's parameters was a 500.
test('admin actions: NUL in a lock key and a day of year 0000 are refused with a field error, not a 500', async ({ page, baseURL }) => {
  await actAs(page, 'admin');
  const call = async (name: string, at: string, args: unknown[]) => {
    const res = await callAction(page.request, { page: at, id: actionId(name), args, headers: { Origin: baseURL! } });
    expect(res.status(), name).toBe(200);
    const body = await res.text();
    expect(body, name).toContain('"ok":false');
    return body;
  };
  expect(await call('liftSignInLockAction', '/admin/security', [{ key: 'login:admin\u0000' }])).toContain('"key"');
  expect(await call('addCalendarDayAction', '/admin/calendar', [{ day: '0000-01-01', kind: 'holiday', name: 'x' }])).toContain('"day"');
  expect(await call('removeCalendarDayAction', '/admin/calendar', [{ day: '0000-12-31' }])).toContain('"day"');
  await page.goto('/admin/staff');
  const href = (await page.locator('a[href^="/admin/staff/"]').first().getAttribute('href'))!;
  const id = href.split('/').pop()!;
  expect(await call('updateUserAction', href, [{ id, role: 'desk', departmentId: null, absentUntil: '0000-12-31' }])).toContain('"absentUntil"');
});
