import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signIn } from './helpers';

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
  await signIn(page, 'desk');
  await expectStatus(page, [
    ['/complaints/garbage', 404],
    ['/complaints/KS-2026-000001%00', 404],
    [`/complaints?after=${b64(['9999-99-99 99:99:99', uuid])}`, 404],
    [`/complaints?before=${b64(['2026-02-30 10:00:00+08', uuid])}`, 404],
    ['/complaints?after=not-base64!!', 404],
    ['/complaints?q=%00', 404],
    ['/complaints?name=a%07b', 404],
    ['/complaints?q=%E5%BC%82%E5%91%B3', 200],
    ['/ledger/export?scope=everything', 400],
    ['/ledger/export?closed=%00', 400],
    ['/ledger/export?scope=all&closed=1', 200],
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
  await signIn(page, 'gm');
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
test('evidence upload: the stored name follows the content; responses are sandboxed, PDFs downloads', async ({ page }) => {
  await signIn(page, 'desk');
  await page.goto('/desk');
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
