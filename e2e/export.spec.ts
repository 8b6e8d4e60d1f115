import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from './test';
import { actAs } from './helpers';

// The demo data: 孙浩然's story ("空调出风口有异味") is on 4 of the 40 forms, and no other has 异味.
test('the XLSX export of a search downloads every row of the search, under a header in the reader\'s language', async ({ page }) => {
  await actAs(page, 'desk', `/complaints?q=${encodeURIComponent('异味')}`);
  const shown = await page.getByTestId('search-results').locator('tbody tr').getByRole('link', { name: /^KS-/ }).allTextContents();
  expect(shown).toHaveLength(4);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^(导出为电子表格|Export to Excel)$/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^search-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  expect(sheet.getRow(1).getCell(1).value).toBe('客诉单号');
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  const numbers = (sheet.getColumn(1).values as unknown[]).slice(2);
  expect(numbers).toEqual(shown);
  for (const name of (sheet.getColumn(4).values as unknown[]).slice(2)) expect(name).toBe('孙浩然');
  // Received: a real date cell, not text.
  expect(sheet.getRow(2).getCell(14).value).toBeInstanceOf(Date);
});

// The demo data stores the latest scheduled rounds as documents (db/seed.ts).
test('a stored weekly summary is listed, reads as a document and downloads as XLSX with its figures', async ({ page }) => {
  await actAs(page, 'management', '/reports/documents');
  await page.getByRole('link', { name: /^(客诉周报|Weekly summary)$/ }).first().click();
  const figures = page.getByTestId('report-figures');
  await expect(figures).toContainText(/期间受理|Received in the period/);
  const received = await figures.getByRole('row', { name: /期间受理|Received in the period/ }).locator('td').first().textContent();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^(下载电子表格|Download Excel)$/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^kesu-weekly-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  expect(rows).toContainEqual(['期间受理', Number(received)]);
});
