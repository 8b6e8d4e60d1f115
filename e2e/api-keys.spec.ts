import { expect, test } from './test';
import { actAs } from './helpers';

// An admin makes an API key in the admin area: it is shown once, works against the JSON API,
// is listed afterwards without its secret, and a revoked key is refused at once.
test('an admin creates an API key, shown once; the key works until it is revoked', async ({ page }) => {
  const name = `呼叫中心 ${Date.now() % 1_000_000}`;
  await actAs(page, 'admin', '/admin/api-keys');
  await expect(page.getByRole('heading', { level: 1, name: '接口密钥' })).toBeVisible();
  const form = page.getByRole('form', { name: '创建密钥' });
  await form.getByLabel('名称').fill(name);
  await form.getByLabel('可读取的处理记录').selectOption('full');
  await form.getByRole('button', { name: '创建密钥' }).click();
  const token = (await page.getByTestId('new-api-key-token').textContent())!.trim();
  expect(token).toMatch(/^kesu_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);

  const api = (key: string) => page.request.get('/api/v1/forms?limit=1', { headers: { Authorization: `Bearer ${key}`, 'Accept-Language': 'en' } });
  expect((await api(token)).status()).toBe(200);

  // Shown once: after a reload the list names the key by its prefix only.
  await page.reload();
  await expect(page.getByTestId('new-api-key')).toHaveCount(0);
  const row = page.getByTestId('api-keys').getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(token.slice(0, 17));
  await expect(page.getByText(token)).toHaveCount(0);

  await row.getByRole('button', { name: `吊销 ${name}` }).click();
  // Listed as revoked, with nothing left to press.
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(row).toContainText('已于');
  const refused = await api(token);
  expect(refused.status()).toBe(401);
  expect(refused.headers()['content-type']).toMatch(/^application\/problem\+json/);
});
