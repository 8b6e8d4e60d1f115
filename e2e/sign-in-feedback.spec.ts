import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './test';

// scripts/e2e-server.mjs copies the server's output to <data folder>/server.log.
const logPath = path.resolve(process.env.E2E_DATA_DIR || '.e2e-data', 'server.log');
const logSize = () => (fs.existsSync(logPath) ? fs.statSync(logPath).size : 0);
const logSince = (offset: number) => (fs.existsSync(logPath) ? fs.readFileSync(logPath).subarray(offset).toString('utf8') : '');

test('a wrong password keeps what was typed in the login field and empties the password', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel(/账号|Login/).fill('desk');
  await page.getByLabel(/密码|Password/).fill('wrong-password');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(page.locator('#login-error')).toHaveText(/账号或密码不正确|not correct/);
  await expect(page.getByLabel(/账号|Login/)).toHaveValue('desk');
  await expect(page.getByLabel(/密码|Password/)).toHaveValue('');
  await expect(page.getByLabel(/密码|Password/)).toBeFocused();
});

test('an empty field is named in the message, in the page language', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel(/账号|Login/).fill('desk');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(page.locator('#login-error')).toHaveText('请填写「密码」。');
  await expect(page.getByLabel(/账号|Login/)).toHaveValue('desk');
});

// @alone: it counts the sign-in refusals in the server log, which other tests' wrong passwords add to.
test('a wrong password is one line in the server log, without a stack trace', { tag: '@alone' }, async ({ page }) => {
  const offset = logSize();
  await page.goto('/login');
  await page.getByLabel(/账号|Login/).fill('service');
  await page.getByLabel(/密码|Password/).fill('not-the-password');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(page.locator('#login-error')).toHaveText(/账号或密码不正确|not correct/);
  await expect.poll(() => logSince(offset)).toContain('sign-in refused');
  const out = logSince(offset);
  expect(out).not.toMatch(/\[auth\]\[error\]|CredentialsSignin: |^\s+at /m);
  const lines = out.split('\n').filter((l) => l.includes('sign-in refused'));
  expect(lines).toHaveLength(1);
  // Neither the login nor the password is logged.
  expect(lines[0]).not.toContain('not-the-password');
  expect(JSON.parse(lines[0])).toMatchObject({ code: 'credentials', msg: 'sign-in refused' });
});
