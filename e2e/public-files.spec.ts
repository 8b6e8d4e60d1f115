import { expect, test } from './test';

test('robots.txt keeps search engines to the complaint form', async ({ request }) => {
  const res = await request.get('/robots.txt');
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text).toMatch(/^Allow: \/submit$/m);
  expect(text).toMatch(/^Disallow: \/$/m);
});

test('the customer pages link a web manifest whose icon loads', async ({ page, request }) => {
  await page.goto('/submit');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const manifest = await (await request.get(href!)).json();
  expect(manifest.start_url).toBe('/submit');
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status()).toBe(200);
});
