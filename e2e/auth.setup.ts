import fs from 'node:fs';
import path from 'node:path';
import { test as setup } from '@playwright/test';
import { sharedLogins, sharedState, signIn } from './helpers';

// One sign-in per shared login, through the real login form, before the tests that use it.
for (const login of sharedLogins) {
  setup(`sign in as ${login}`, async ({ page }) => {
    await signIn(page, login);
    fs.mkdirSync(path.dirname(sharedState(login)), { recursive: true });
    await page.context().storageState({ path: sharedState(login) });
  });
}
