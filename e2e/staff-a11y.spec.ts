import { expect, test } from './test';
import { actAs, type SharedLogin } from './helpers';
import { seriousViolations } from './axe';

const views: Partial<Record<SharedLogin, string[]>> = {
  desk: ['/desk', '/complaints/KS-2026-000001', '/complaints/KS-2026-000005', '/ledger', '/complaints', '/privacy', '/absence'],
  service: ['/department'],
  management: ['/management', '/reports', '/holds', '/eightd'],
  gm: ['/gm'],
  admin: ['/admin', '/admin/outbox', '/admin/staff', '/admin/retention', '/admin/progress', '/admin/audit'],
};

for (const [login, paths] of Object.entries(views) as [SharedLogin, string[]][]) {
  test(`axe finds no serious or critical violations on the views of ${login}`, async ({ page }) => {
    // axe on five admin pages took 43 s of the 60 s on a loaded machine, one test at a time.
    test.setTimeout(120_000);
    await actAs(page, login);
    for (const path of paths) {
      await page.goto(path);
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });
}
