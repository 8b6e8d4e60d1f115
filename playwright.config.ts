import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { freePort } from './e2e/free-port';

// A free port unless E2E_PORT names one, so that the tests pass while a portal runs on 3000.
// Chosen once, in the runner: its workers inherit the variable and load this file with it set.
if (!process.env.E2E_PORT) process.env.E2E_PORT = String(freePort());
const port = Number(process.env.E2E_PORT);

const chrome = { ...devices['Desktop Chrome'], channel: undefined };

// Debian's chromium-headless-shell (Chromium's old headless mode, no browser UI underneath) when
// installed: the same pages and screenshots for about a fifth less CPU than the full browser
// (three specs: 276 → 219 CPU s). CHROMIUM_PATH names another browser.
function chromiumPath() {
  return fs.existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium';
}

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  // One server on an embedded database, two tests at a time on 2 cores.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    // No trace by default: recording one for every test (kept only on failure) cost 23 % more CPU
    // in three specs (132.6 → 102.5 CPU s); `npx playwright test --trace retain-on-failure` records them.
    trace: 'off',
    screenshot: 'only-on-failure',
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    // Signs each shared login in once (e2e/helpers.ts `actAs`).
    { name: 'sign-in', testMatch: /auth\.setup\.ts$/ },
    // Test by test, not file by file: a long file no longer keeps one worker busy at the end.
    { name: 'chromium', dependencies: ['sign-in'], grepInvert: /@alone/, fullyParallel: true, use: chrome },
    // A test that must see no other test's writes carries the tag @alone (e2e/test.ts holds the
    // others off while it runs). npm test (E2E_ALONE_LAST=1) runs them one at a time after all the
    // others, so that none waits for the other worker to drain; a run of a few files does not wait
    // for every other test first.
    { name: 'alone', dependencies: process.env.E2E_ALONE_LAST === '1' ? ['chromium'] : ['sign-in'], grep: /@alone/, workers: 1, use: chrome },
  ],
  webServer: {
    command: `node scripts/e2e-server.mjs ${port}`,
    url: `http://localhost:${port}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
