import { expect, test, type Locator, type Page } from './test';
import { actAs } from './helpers';
import { openAction } from './form-actions';

// Staff forms answer a mistake with a sentence in the page's language that names the field and
// says what to do — never zod's developer text ("数值过小：期望 string >=1 字符", the enum's
// quoted values) and no English in the Chinese UI.

const words = {
  'zh-CN': {
    intake: '登记新反馈（现场 / 电话）',
    submit: '登记并编号',
    name: '客户姓名',
    phone: '联系电话',
    email: '电子邮箱',
    category: '投诉类别',
    channel: '反馈渠道',
    severity: '紧急程度',
    language: '客户语言',
    description: '客户反映（客户原话）',
    pending: '申请转未了事宜',
    pendingReason: '原因',
    explanation: /^给客户的说明/,
    expect: {
      name: '请填写「客户姓名」。',
      category: '请选择「投诉类别」。',
      // Chosen by the person, never preselected (issue 17).
      choices: ['请选择「反馈渠道」。', '请选择「紧急程度」。', '请选择「客户语言」。'],
      phone: '「联系电话」请填写有效的电话号码：手机号码（如 139 2233 4455）或带区号的固定电话（如 0755 1234 5678）；境外号码请以 + 和国家或地区代码开头。',
      email: '「电子邮箱」请填写有效的电子邮箱地址，或留空。',
      description: '「客户反映（客户原话）」至少需要 5 个字符，请补充。',
      reason: '请选择「原因」。',
      explanationEmpty: '请填写「给客户的说明」。',
      control: '给客户的说明含有不可见的控制字符（U+0007）',
    },
  },
  en: {
    intake: 'Log a new complaint (walk-in / phone)',
    submit: 'Log and number it',
    name: 'Customer name',
    phone: 'Phone',
    email: 'Email',
    category: 'Category',
    channel: 'Channel',
    severity: 'Severity',
    language: "Customer's language",
    description: "What happened (customer's words)",
    pending: 'Propose as pending item',
    pendingReason: 'Reason',
    explanation: /^Explanation for the customer/,
    expect: {
      name: 'Please fill in “Customer name”.',
      category: 'Please choose “Category”.',
      choices: ['Please choose “Channel”.', 'Please choose “Severity”.', 'Please choose “Customer\'s language”.'],
      phone: 'Please enter a valid phone number in “Phone”: a mobile number (e.g. 139 2233 4455) or a landline with its area code (e.g. 0755 1234 5678); a number outside mainland China starts with + and its country code.',
      email: 'Please enter a valid e-mail address in “Email”, or leave it empty.',
      description: "“What happened (customer's words)” needs at least 5 characters: please add more.",
      reason: 'Please choose “Reason”.',
      explanationEmpty: 'Please fill in “Explanation for the customer”.',
      control: 'Explanation for the customer contains an invisible control character (U+0007)',
    },
  },
} as const;

type Locale = keyof typeof words;

/** Every visible field error is a sentence of the page's language, with no code or developer text. */
async function expectSentences(scope: Locator, locale: Locale): Promise<string[]> {
  const errors = scope.locator('p[id$="-error"]').filter({ hasText: /\S/ });
  await expect(errors.first()).toBeVisible();
  const texts = (await errors.allInnerTexts()).map((t) => t.replace(/^⚠\s*/, '').trim());
  for (const text of texts) {
    expect(text, text).not.toMatch(/string|expected|received|Invalid|Too (small|big)|>=|"|unclear_fault|kesu:/);
    if (locale === 'zh-CN') {
      expect(text.replace(/U\+[0-9A-F]{4}/g, ''), `English in zh-CN: ${text}`).not.toMatch(/[A-Za-z]/);
      expect(text).toMatch(/。$/);
    } else {
      expect(text, `Chinese in en: ${text}`).not.toMatch(/[\u4e00-\u9fff]/);
      expect(text).toMatch(/\.$/);
    }
  }
  return texts;
}

/** Types text the way a paste would, control characters included (fill() may drop them). */
async function setValue(field: Locator, value: string) {
  await field.evaluate((el, v) => {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

async function useLocale(page: Page, locale: Locale, baseURL: string) {
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL }]);
}

for (const locale of ['zh-CN', 'en'] as const) {
  test.describe(`staff form errors in ${locale}`, () => {
    test.use({ locale });

    test(`intake and an event form, submitted empty and with bad input, say what to do in ${locale}`, async ({ page, baseURL }) => {
      const w = words[locale];
      await useLocale(page, locale, baseURL!);
      await actAs(page, 'desk', '/desk');

      // The intake form, empty.
      const intake = page.getByRole('form', { name: w.intake });
      await intake.getByRole('button', { name: w.submit }).click();
      const empty = await expectSentences(intake, locale);
      expect(empty).toContain(w.expect.name);
      expect(empty).toContain(w.expect.category);
      expect(empty).toEqual(expect.arrayContaining([...w.expect.choices]));

      // …and with bad input.
      await intake.getByLabel(w.name, { exact: true }).fill('林小姐');
      await intake.getByLabel(w.phone, { exact: true }).fill('abc');
      await intake.getByLabel(w.email, { exact: true }).fill('not-an-address');
      await intake.getByLabel(w.description, { exact: true }).fill('异响');
      await intake.getByRole('button', { name: w.submit }).click();
      await expect(intake.getByText(w.expect.phone)).toBeVisible();
      const bad = await expectSentences(intake, locale);
      expect(bad).toEqual(expect.arrayContaining([w.expect.phone, w.expect.email, w.expect.description]));

      // Corrected, it opens a form.
      await intake.getByLabel(w.phone, { exact: true }).fill('13922334455');
      await intake.getByLabel(w.email, { exact: true }).fill('');
      await intake.getByLabel(w.category, { exact: true }).selectOption({ index: 1 });
      await intake.getByLabel(w.channel, { exact: true }).selectOption('walk_in');
      await intake.getByLabel(w.severity, { exact: true }).selectOption('general');
      await intake.getByLabel(w.language, { exact: true }).selectOption(locale);
      await intake.getByLabel(w.description, { exact: true }).fill('保养后发动机有异响，已经三天了。');
      await intake.getByRole('button', { name: w.submit }).click();
      // A walk-in lands on the receipt first; the form is one step back.
      await expect(page).toHaveURL(/\/complaints\/KS-\d{4}-\d{6}\/receipt$/);
      await page.goto(page.url().replace(/\/receipt$/, ''));

      // An event form, empty: the reason is a choice (its codes, such as unclear_fault, never show).
      const pending = await openAction(page, w.pending);
      await pending.getByRole('button', { name: w.pending }).click();
      const eventEmpty = await expectSentences(pending, locale);
      expect(eventEmpty).toEqual(expect.arrayContaining([w.expect.reason, w.expect.explanationEmpty]));

      // …and with a pasted invisible character.
      await pending.getByLabel(w.pendingReason, { exact: true }).selectOption({ index: 1 });
      await setValue(pending.getByLabel(w.explanation, { exact: true }), '客户\u0007等待配件');
      await pending.getByRole('button', { name: w.pending }).click();
      await expect(pending.getByText(w.expect.control)).toBeVisible();
      await expectSentences(pending, locale);
    });
  });
}
