import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page, type TestInfo } from './test';
import { actAs, snap, deskIntake } from './helpers';
import { answer, openAction, openForm, submitAction } from './form-actions';

// What a person reads must be labels and one date format, never codes: before, the history
// said "parts_delayed", the outbox "assigned(zh-CN)", deadlines "剩余 1 h 0 min", and one page
// mixed 2026年12月1日, 2026/12/1 and 2027-01-04.
const code = /\b[a-z]+(?:_[a-z]+)+\b/g;
const otherDates = /\b\d{4}-\d{2}-\d{2}\b|\b\d{4}\/\d{1,2}\/\d{1,2}\b|\b\d{1,2}\/\d{1,2}\/\d{4}\b/g;
const zhDate = /\d{4}年\d{1,2}月\d{1,2}日/;
// Glyphs WenQuanYi Micro Hei (the CI font) does not have: they render as empty boxes.
const missingGlyphs = /[⏸⚠ℹ☀⚒]/g;
const shots = process.env.E2E_SHOTS_DIR;

/** A message type's name on the outbox page, from the messages the page itself reads, as a pattern. */
function templateName(locale: 'zh-CN' | 'en', code: string): string {
  const { outbox } = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../messages/${locale}/admin.json`), 'utf8'));
  expect(outbox.templates[code], `a name for the message type ${code}`).toBeTruthy();
  return (outbox.templates[code] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function visibleText(region: Locator) {
  return (await region.evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).innerText).join('\n'))) as string;
}

/** The region reads as a person would want it: no code, no other date format, no missing glyph. */
async function expectReadable(region: Locator, what: string, { dates = true } = {}) {
  const text = await visibleText(region);
  expect(text.length, `${what} is empty`).toBeGreaterThan(0);
  expect(text.match(code) ?? [], `${what}: raw codes`).toEqual([]);
  expect(text.match(otherDates) ?? [], `${what}: other date formats`).toEqual([]);
  expect(text.match(missingGlyphs) ?? [], `${what}: glyphs the font lacks`).toEqual([]);
  if (dates) expect(text, `${what}: dates as 年月日`).toMatch(zhDate);
  return text;
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  for (const [width, height] of [[1366, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await snap(page, testInfo, `${name}-${width}`);
    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function setLocale(page: Page, locale: 'zh-CN' | 'en') {
  // Path /: a cookie set from /admin/outbox would otherwise live beside the first one.
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: locale, domain: new URL(page.url()).hostname, path: '/' }]);
  await page.reload();
}

test('form page, history, queue, ledger and outbox show labels and one date format', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 900 });

  // Desk: a complaint put on the pending-items ledger because parts are late.
  await actAs(page, 'desk');
  const number = await deskIntake(page, { channel: 'phone', name: '孔格式', phone: '13912340610', plate: '粤A·F0610', category: 'parts', description: '订的原厂雨刮电机三周未到。', request: '告知到货时间。' });
  const triage = await openAction(page, '分派处理');
  await triage.getByLabel('客户经理').selectOption({ label: '王丽' });
  await answer(triage, '处理后需要回访', true);
  await submitAction(page, '分派处理', '责任认定');
  const propose = await openAction(page, '申请转未了事宜');
  await propose.getByLabel('原因').selectOption('parts_delayed');
  await propose.getByLabel(/给客户的说明/).fill('电机需从厂家调货，预计两周到货。');
  await submitAction(page, '申请转未了事宜', '待批未了');

  // GM approves: the resolution clock pauses (it showed "⏸", a missing glyph).
  await actAs(page, 'gm', `/complaints/${number}`);
  await page.locator('summary').filter({ hasText: /^批准未了事宜$/ }).click();
  await submitAction(page, '批准未了事宜', '未了事宜');

  // Desk, in Chinese: the form page and its history.
  await actAs(page, 'desk', `/complaints/${number}`);
  const history = page.getByTestId('history');
  const historyText = await expectReadable(history, 'history');
  expect(historyText).toContain('配件未到');
  const article = page.locator('article[aria-labelledby="form-title"]');
  const formText = await expectReadable(article, 'form page');
  expect(formText).toContain('暂停');
  await expect(article.locator('[data-icon="pause"]')).toBeVisible();
  // Deadlines in Chinese units only ("剩余 1小时", not "剩余 1 h 0 min").
  expect(formText).not.toMatch(/\d+\s*(h|min|d)\b/);
  await shoot(page, testInfo, 'form-zh');

  // The desk's queues.
  await page.goto('/desk');
  const queues = page.locator('[data-testid^="queue-"]');
  await expect(queues.first()).toBeVisible();
  const queueText = await expectReadable(queues, 'queues');
  expect(queueText).toMatch(/剩余 |超期 /);
  expect(queueText).not.toMatch(/\d+\s*(h|min|d)\b/);
  await shoot(page, testInfo, 'queue-zh');

  // The ledger: the item with its reason label and its next contact as a date.
  await page.goto('/ledger');
  const card = page.getByTestId(`ledger-item-${number}`);
  await expect(card).toBeVisible();
  await expectReadable(page.locator('main'), 'ledger');
  await expect(card.getByTestId('ledger-next-contact')).toHaveText(zhDate);
  await shoot(page, testInfo, 'ledger-zh');

  // English: the same pages with English units, the English colon and no full-width one.
  await setLocale(page, 'en');
  await openForm(page, number);
  // The similar-complaints panel quotes other customers' own (Chinese) words, not the page's: its
  // lines are left out (read, not removed: React puts back a node removed before hydration).
  const enForm = await page.locator('article[aria-labelledby="form-title"]').evaluate((article) => {
    const quoted = new Set([...article.querySelectorAll('[data-testid="similar-complaints"]')].flatMap((p) => (p as HTMLElement).innerText.split('\n')));
    return (article as HTMLElement).innerText.split('\n').filter((line) => !quoted.has(line)).join('\n');
  });
  expect(enForm.match(code) ?? []).toEqual([]);
  expect(enForm.match(otherDates) ?? []).toEqual([]);
  expect(enForm).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}/);
  expect(enForm).toContain('Parts delayed');
  expect(enForm).not.toContain('：');
  await shoot(page, testInfo, 'form-en');
  await page.goto('/desk');
  // The queues' own words: since issue 17 a row also quotes the customer's (Chinese) complaint,
  // whose "三天" is not a unit of the page, so the complaint cells are left out of this check; a
  // customer's name may hold 小 or 天 (林小雨, from a parallel test), so a unit is a number's.
  const enQueue = await visibleText(page.locator('[data-testid^="queue-"] :is(h2, th, td:not(:has([data-testid="complaint-about"])))'));
  expect(enQueue).toMatch(/ left|overdue by /);
  expect(enQueue).not.toMatch(/\d\s*(?:小时|分钟|天)/);
  await shoot(page, testInfo, 'queue-en');
  await page.goto('/ledger');
  await expect(page.getByTestId(`ledger-item-${number}`).getByTestId('ledger-next-contact')).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
  expect(await visibleText(page.locator('main'))).not.toContain('：');
  await shoot(page, testInfo, 'ledger-en');
  await setLocale(page, 'zh-CN');

  // Admin, outbox: "已分派（中文）", never assigned(zh-CN). Whichever message is newest (the parallel
  // tests and the jobs queue many): its type in words, with the recipient's language in words.
  await actAs(page, 'admin', '/admin/outbox');
  const outbox = page.getByTestId('outbox-table');
  await expect(outbox).toBeVisible();
  const outboxText = await expectReadable(outbox, 'outbox');
  expect(outboxText).not.toMatch(/\(zh-CN\)|\(en\)/);
  expect(outboxText).toMatch(/（中文）/);
  const template = (await outbox.locator('[data-template]').first().getAttribute('data-template'))!;
  await expect(outbox.locator(`[data-template="${template}"]`).first()).toHaveText(new RegExp(`^${templateName('zh-CN', template)}（(中文|英文)）$`));
  await shoot(page, testInfo, 'outbox-zh');
  await setLocale(page, 'en');
  await expect(outbox.locator(`[data-template="${template}"]`).first()).toHaveText(new RegExp(`^${templateName('en', template)} \\((Chinese|English)\\)$`));
  await shoot(page, testInfo, 'outbox-en');
  await setLocale(page, 'zh-CN');
});
