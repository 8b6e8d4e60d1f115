import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './test';
import { actAs, snap } from './helpers';

// Issue 18: /reports is a dashboard with charts drawn on the server (ECharts SSR, no chart code in
// the browser), every number a link to the forms behind it, and only the money for finance.

const charts = ['chart-volume', 'chart-compliance', 'chart-satisfaction', 'chart-load'];

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target}`);
}

test('the dashboard draws its four charts for the demo data, in Chinese and English, at 1366 and 390 px', async ({ page }, testInfo) => {
  await actAs(page, 'management', '/reports');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('统计报表');
  for (const locale of ['zh-CN', 'en'] as const) {
    if (locale === 'en') {
      await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reports dashboard');
    }
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const id of charts) {
        const chart = page.getByTestId(id);
        // An SVG with drawn marks (bars or lines), labelled for screen readers.
        await expect(chart.locator('svg path').first()).toBeAttached();
        await expect(chart).toHaveAttribute('aria-label', /.+/);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${locale} ${width}px: wider than the window`).toBeLessThanOrEqual(1);
      // Axe once (the same markup in both languages; the layout is checked at both widths above).
      if (locale === 'zh-CN' && width === 1366) expect(await seriousViolations(page), `${locale} ${width}px`).toEqual([]);
      await snap(page, testInfo, `dashboard-${locale}-${width}`);
    }
  }
  // Nothing of the charts runs in the browser: the page ships no ECharts code.
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.src).filter(Boolean));
  for (const src of scripts) expect(await (await page.request.get(src)).text()).not.toContain('echarts');
  await page.context().clearCookies({ name: 'NEXT_LOCALE' });
});

// @alone: a form created by another test meanwhile would change the count under it.
test('a number drills down to exactly the forms it counts', { tag: '@alone' }, async ({ page }) => {
  await actAs(page, 'management', '/reports?period=quarter');
  const link = page.getByTestId('kpi-not-founded');
  const counted = Number(await link.textContent());
  expect(counted).toBeGreaterThan(0);
  await link.click();
  await expect(page).toHaveURL(/\/complaints\?.*founded=no/);
  const rows = page.getByTestId('search-results').locator('tbody tr');
  await expect(rows).toHaveCount(counted);
  // The search says which of the dashboard's filters it carries.
  await expect(page.getByTestId('drill-filters')).toContainText('调查后不成立');
  // The period's overdue forms, paged like every list: the first page holds up to 25 of them.
  await page.goto('/reports?period=quarter');
  const overdue = Number(await page.getByTestId('kpi-overdue').textContent());
  await page.getByTestId('kpi-overdue').click();
  await expect(rows).toHaveCount(Math.min(overdue, 25));
});

test('finance sees only the money: penalties and rewards per person, compensation paid', async ({ page }) => {
  await actAs(page, 'finance');
  const res = await page.goto('/reports?period=quarter');
  expect(res?.status()).toBe(200);
  await expect(page.getByTestId('accountability-report')).toBeVisible();
  await expect(page.getByTestId('compensation')).toBeVisible();
  for (const id of [...charts, 'headline', 'category-table', 'step-table', 'load-table']) await expect(page.getByTestId(id)).toHaveCount(0);
  // Form numbers are shown, not links: finance opens no forms.
  await expect(page.getByTestId('accountability-report').getByRole('link')).toHaveCount(0);
});
