import { expect, test } from './test';
import { actAs, snap, type SharedLogin } from './helpers';

const views = ['/desk', '/department', '/management', '/gm', '/admin'] as const;
// Which role view each demo login may open: its own, and no other.
const own: Partial<Record<SharedLogin, (typeof views)[number]>> = {
  desk: '/desk',
  service: '/department',
  management: '/management',
  gm: '/gm',
  admin: '/admin',
};

for (const [login, home] of Object.entries(own) as [SharedLogin, (typeof views)[number]][]) {
  test(`${login} sees only its own queue and gets 403 on the others`, async ({ page }, testInfo) => {
    await actAs(page, login);
    for (const view of views) {
      const response = await page.goto(view);
      if (view === home) {
        expect(response?.status(), `${login} → ${view}`).toBe(200);
        await snap(page, testInfo, `${login}${view.replace('/', '-')}`);
      } else {
        expect(response?.status(), `${login} → ${view}`).toBe(403);
        await expect(page.getByRole('heading', { name: /403/ })).toBeVisible();
      }
    }
  });
}

test('a department user cannot open a form of another department', async ({ page }) => {
  // The service department's queue holds only service forms.
  await actAs(page, 'service', '/department');
  const numbers = await page.getByRole('link', { name: /^KS-/ }).allTextContents();
  expect(numbers.length).toBeGreaterThan(0);
  const own = await page.goto(`/complaints/${numbers[0]}`);
  expect(own?.status()).toBe(200);
  await actAs(page, 'parts');
  for (const number of numbers) {
    const response = await page.goto(`/complaints/${number}`);
    expect(response?.status(), number).toBe(404);
  }
});
