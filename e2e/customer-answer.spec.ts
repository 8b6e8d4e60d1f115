import { expect, test } from './test';

// Issue 19: the customer answers on the tracking page — a message and a photo on an open form
// arrive in the form's history (the notice to the customer manager is checked in
// tests/channels/customer-answer.test.ts).

const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ff8a0d6a5c0000000049454e44ae426082', 'hex');

test('the customer adds a message and a photo to an open form on the tracking page', async ({ browser }) => {
  const ip = `198.18.${Math.floor(Math.random() * 200) + 1}.${Math.floor(Math.random() * 250) + 1}`;
  const context = await browser.newContext({ locale: 'zh-CN', extraHTTPHeaders: { 'X-Forwarded-For': ip } });
  const page = await context.newPage();
  await page.goto('/submit');
  await page.getByLabel('您的姓名').fill('留言客户');
  await page.getByLabel('手机号码').fill(`137${String(Date.now() % 100_000_000).padStart(8, '0')}`);
  await page.getByLabel('投诉类别').selectOption('attitude');
  await page.getByLabel('发生了什么').fill('前台接待态度冷淡，没有回答问题。');
  await page.getByRole('button', { name: '提交投诉' }).click();
  await page.getByTestId('track-link').click();
  await expect(page).toHaveURL(/\/track\/[\w-]{20,}$/);

  const answer = page.getByTestId('customer-answer');
  await expect(answer.getByRole('heading', { name: '补充留言' })).toBeVisible();
  await answer.getByLabel('留言内容').fill('补充：当天下午三点左右，接待人员姓王。');
  await answer.getByLabel('照片（可选）').setInputFiles({ name: 'front-desk.png', mimeType: 'image/png', buffer: png });
  await answer.getByRole('button', { name: '发送' }).click();
  await expect(answer.getByRole('status')).toContainText('谢谢，您的留言已加入处理单。');
  await expect(answer.getByLabel('留言内容')).toHaveValue('');

  const history = page.getByTestId('public-history');
  await expect(history.getByText('补充：当天下午三点左右，接待人员姓王。')).toBeVisible();
  await expect(history.locator('li').first()).toContainText('您'); // the newest entry (the photo) is the customer's own
  await context.close();
});
