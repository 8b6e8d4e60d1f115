import fs from 'node:fs';
import { expect, test, type Browser, type Page } from './test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { actAs, contextAs, deskIntake } from './helpers';

/** The desk registers a walk-in complaint naming 陈晨 (the other desk user) as involved. */
function takeWalkIn(page: Page, name: string, customerLocale: 'zh-CN' | 'en' = 'zh-CN') {
  return deskIntake(page, { channel: 'walk_in', name, phone: '13911112222', customerLocale, description: '前台接待时态度冷淡，等了半小时没人理。', parties: ['陈晨'] });
}

/** What a phone camera would read: the QR code as drawn on the screen, decoded from its pixels. */
async function readQr(page: Page): Promise<string | undefined> {
  const shot = await page.getByTestId('receipt').getByRole('img').screenshot();
  const png = PNG.sync.read(shot);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

/** The PDF's page sizes (points) from its MediaBox entries. */
function pdfPages(pdf: Buffer): { width: number; height: number }[] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

const shots = process.env.E2E_SHOTS_DIR;
async function shoot(page: Page, name: string) {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('the desk hands a walk-in customer a receipt whose QR code opens their tracking page; each showing is recorded', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await actAs(page, 'desk');
  const number = await takeWalkIn(page, '周小姐');

  // Right after intake: the receipt, in the customer's language (chosen at intake).
  const receipt = page.getByTestId('receipt');
  await expect(receipt.getByRole('heading', { name: '反馈受理回执' })).toBeVisible();
  await expect(page.getByTestId('receipt-number')).toHaveText(number);
  const code = (await page.getByTestId('receipt-code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  const link = (await page.getByTestId('receipt-link').textContent())!.trim();
  expect(link).toMatch(/^http:\/\/localhost:\d+\/track\/[\w-]+$/);
  await expect(page.getByTestId('receipt-response-due')).toContainText('前');
  await expect(page.getByTestId('receipt-phone')).toHaveText('020-8888 6666');
  await expect(page.getByRole('button', { name: '打印回执' })).toBeVisible();
  await shoot(page, 'receipt-zh-CN');

  // The QR code is the private link, and the link shows the customer their form.
  expect(await readQr(page)).toBe(link);
  const customer = await browser.newContext();
  const phone = await customer.newPage();
  await phone.goto(link);
  await expect(phone.getByRole('heading', { name: `投诉 ${number}` })).toBeVisible();
  await customer.close();

  // On paper: the receipt alone, on whatever paper the printer has (not forced to A4).
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'main' })).toBeHidden();
  await expect(page.getByRole('button', { name: '打印回执' })).toBeHidden();
  await expect(receipt).toBeVisible();
  const a5 = pdfPages(await page.pdf({ format: 'A5', preferCSSPageSize: true }));
  expect(a5).toHaveLength(1);
  expect(Math.round(a5[0].width)).toBe(420); // A5, not the A4 the 处理单 asks for
  const roll = pdfPages(await page.pdf({ width: '80mm', height: '297mm', preferCSSPageSize: true }));
  expect(roll).toHaveLength(1);
  // An 80 mm roll is about 302 CSS pixels wide: nothing sticks out.
  await page.setViewportSize({ width: 302, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(302);
  if (shots) await page.screenshot({ path: `${shots}/receipt-print-302.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ media: 'screen' });

  // The form page: the showing is in the history (never the code), and the receipt can be reprinted.
  await page.getByRole('link', { name: '返回处理单' }).click();
  await expect(page).toHaveURL(new RegExp(`/complaints/${number}$`));
  const history = page.getByTestId('history');
  const shown = history.getByRole('listitem').filter({ hasText: '已查看回执（查询码）' });
  await expect(shown).toHaveCount(1);
  await expect(shown).toContainText('王丽');
  await expect(history).not.toContainText(code);
  await page.getByRole('link', { name: '回执（查询码）' }).click();
  await expect(page.getByTestId('receipt-code')).toHaveText(code);
  await page.getByRole('link', { name: '返回处理单' }).click();
  await expect(shown).toHaveCount(2);

  // The whole 处理单 prints without the action panels and the navigation.
  await expect(page.getByRole('button', { name: '打印处理单' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#actions-title')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'main' })).toBeHidden();
  await expect(page.getByRole('button', { name: '打印处理单' })).toBeHidden();
  await expect(page.getByRole('link', { name: '回执（查询码）' })).toBeHidden();
  await expect(page.getByRole('heading', { name: '一、客户信息' })).toBeVisible();
  await expect(history).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/form-print-1366.png`, fullPage: true });
  const a4 = pdfPages(await page.pdf({ preferCSSPageSize: true }));
  expect(Math.round(a4[0].width)).toBe(595); // A4
  await page.emulateMedia({ media: 'screen' });

  // Nobody else may open it: the involved desk user finds no such form, other roles are refused.
  const involved = await contextAs(browser, 'chenchen');
  expect((await involved.page.goto(`/complaints/${number}/receipt`))!.status()).toBe(404);
  await involved.context.close();
  for (const login of ['management', 'admin'] as const) {
    const other = await contextAs(browser, login);
    expect((await other.page.goto(`/complaints/${number}`))!.status()).toBe(200);
    await expect(other.page.getByRole('link', { name: /回执|Receipt/ })).toHaveCount(0);
    expect((await other.page.goto(`/complaints/${number}/receipt`))!.status()).toBe(403);
    await other.context.close();
  }
  // The refusals recorded nothing.
  await page.reload();
  await expect(shown).toHaveCount(2);
});

test('the receipt of an English-speaking customer is printed in English; a phone complaint goes to the form page', async ({ page }) => {
  await actAs(page, 'desk');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The customer's language is chosen at intake, never taken from the desk's (issue 17).
  await page.goto('/desk');
  await expect(page.locator('#intake-customerLocale')).toHaveValue('');
  const number = await takeWalkIn(page, 'Ms Green', 'en');
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toHaveAttribute('lang', 'en');
  await expect(receipt.getByRole('heading', { name: 'Receipt for your feedback' })).toBeVisible();
  await expect(page.getByTestId('receipt-response-due')).toContainText('by ');
  await expect(page.getByRole('button', { name: 'Print receipt' })).toBeVisible();
  expect(await readQr(page)).toBe((await page.getByTestId('receipt-link').textContent())!.trim());
  await shoot(page, 'receipt-en');
  await page.getByRole('link', { name: 'Back to the form' }).click();
  await expect(page.getByTestId('history').getByRole('listitem').filter({ hasText: 'Receipt shown (access code)' })).toHaveCount(1);
  await shoot(page, `form-en-${number}`);

  // The phone customer is not at the desk: the code goes by SMS and the desk lands on the form.
  await deskIntake(page, { channel: 'phone', name: 'Mr Brown', phone: '13911113333', customerLocale: 'en', description: 'Nobody called me back about my repair.' });
  await expect(page.getByRole('link', { name: 'Receipt (access code)' })).toBeVisible();

  // A new access code is printed on the same receipt.
  await page.getByText('New access code', { exact: true }).click();
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Issue a new access code' }).click();
  const fresh = (await page.getByTestId('reissued-code').textContent())!.trim();
  await page.getByRole('link', { name: 'Print the receipt' }).click();
  await expect(page.getByTestId('receipt-code')).toHaveText(fresh);
});
