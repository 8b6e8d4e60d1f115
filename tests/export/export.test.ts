import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Db } from '@/db/client';
import type { StaffUser } from '@/db/queries/staff';
import { csvField, csvLine, toCsv } from '@/lib/export/csv';
import { exportLabels } from '@/lib/export/labels';
import { ledgerExport, queueExport, searchExport, searchExportRoles } from '@/lib/export/lists';
import { toSheetDate, type ExportTable } from '@/lib/export/table';
import { tableStream } from '@/lib/export/writers';
import { decodeCursor, searchComplaints, type SearchFilters } from '@/lib/complaints/search';
import { forEachBackend } from '@/tests/helpers/databases';
import { openDemo } from '@/tests/helpers/demo';
import { readXlsx, writeExport } from '@/tests/helpers/export';

const NOW = new Date('2026-11-02T01:00:00Z');
const TZ = 'Asia/Shanghai';

const write = writeExport;

describe('CSV', () => {
  it('keeps formulas text, quotes what needs quoting, starts with the BOM and ends lines with CRLF', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+86 138')).toBe("'+86 138");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField(-12.5)).toBe('-12.5'); // a number is data
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField(null)).toBe('');
    expect(csvLine(['a', 'b,c'])).toBe('a,"b,c"\r\n');
    expect(toCsv([['客户'], ['王']])).toBe('\uFEFF客户\r\n王\r\n');
  });
});

describe('XLSX', () => {
  it('writes typed cells under a frozen header: dates in business time, money in yuan, formulas as text', async () => {
    const table: ExportTable = {
      title: 'Test: a/b',
      timeZone: TZ,
      columns: [
        { header: '单号', type: 'text' },
        { header: 'When', type: 'datetime' },
        { header: 'Day', type: 'date' },
        { header: 'Amount', type: 'money' },
        { header: 'Count', type: 'number' },
      ],
      rows: [['=1+1', new Date('2026-11-02T01:30:00Z'), '2026-11-04', 12345, 7]],
    };
    const sheet = await readXlsx(await write(table, 'xlsx'));
    expect(sheet.name).toBe('Test  a b');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, '单号', 'When', 'Day', 'Amount', 'Count']);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe('=1+1'); // a string, not a formula
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect((row.getCell(2).value as Date).toISOString()).toBe('2026-11-02T09:30:00.000Z'); // 09:30 in Shanghai
    expect(row.getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect((row.getCell(3).value as Date).toISOString().slice(0, 10)).toBe('2026-11-04');
    expect(row.getCell(4).value).toBe(123.45);
    expect(row.getCell(5).value).toBe(7);
    const csv = (await write({ ...table, rows: table.rows }, 'csv')).toString('utf8');
    expect(csv).toBe('\uFEFF单号,When,Day,Amount,Count\r\n\'=1+1,2026-11-02 09:30,2026-11-04,123.45,7\r\n');
  });
});

describe('streaming', () => {
  it('reads each instant on the business clock, across a daylight-saving change too', () => {
    expect(toSheetDate(new Date('2026-11-02T01:30:45.678Z'), TZ).toISOString()).toBe('2026-11-02T09:30:45.000Z');
    // New York left daylight time at 06:00 UTC on 2026-11-01 (02:00 EDT → 01:00 EST).
    const ny = 'America/New_York';
    expect(toSheetDate(new Date('2026-11-01T05:30:00Z'), ny).toISOString()).toBe('2026-11-01T01:30:00.000Z');
    expect(toSheetDate(new Date('2026-11-01T06:30:00Z'), ny).toISOString()).toBe('2026-11-01T01:30:00.000Z');
    expect(toSheetDate(new Date('2026-11-01T23:00:00Z'), ny).toISOString()).toBe('2026-11-01T18:00:00.000Z');
    expect(toSheetDate(new Date('2026-10-31T23:00:00Z'), ny).toISOString()).toBe('2026-10-31T19:00:00.000Z');
  });

  it('records the export (done) before the download ends', async () => {
    let recorded: number | null = null;
    const table: ExportTable = { title: 't', timeZone: TZ, columns: [{ header: 'n', type: 'number' }], rows: [[1], [2], [3]] };
    const reader = tableStream(table, 'csv', async (rows) => {
      await new Promise((r) => setTimeout(r, 20));
      recorded = rows;
    }).getReader();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
    expect(recorded).toBe(3);
    expect(text).toBe('\uFEFFn\r\n1\r\n2\r\n3\r\n');
  });
});

forEachBackend('exports of lists', (backend) => {
  let db: Db;
  const staff: Record<string, StaffUser> = {};
  const filters = (f: Partial<SearchFilters> = {}) => ({ overdue: false, ...f }) as SearchFilters;
  const opts = { now: NOW, timeZone: TZ };

  /** The numbers the search page shows this user, page after page. */
  const onPages = async (user: StaffUser, f: SearchFilters) => {
    const found: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await searchComplaints(user, f, { after: decodeCursor(after), ...opts, pageSize: 7 }, db);
      found.push(...page.rows.map((r) => r.number));
      if (!page.next) return found;
      after = page.next;
    }
  };

  beforeAll(async () => {
    ({ db } = await openDemo(backend, NOW, staff));
  });

  it('a search export holds exactly the rows of the search, scoped to the viewer, with headers in the reader\'s language', async () => {
    const management = await readXlsx(await write(searchExport(staff.management, filters(), exportLabels('zh-CN'), opts, db), 'xlsx'));
    const numbers = (sheet: ExcelJS.Worksheet) => sheet.getColumn(1).values.slice(2) as string[];
    expect(management.getRow(1).getCell(1).value).toBe('客诉单号');
    expect(numbers(management)).toEqual(await onPages(staff.management, filters()));
    expect(numbers(management).length).toBeGreaterThan(20);

    // A department head sees its own department's forms only: so does its export.
    const parts = await readXlsx(await write(searchExport(staff.parts, filters(), exportLabels('en'), opts, db), 'xlsx'));
    expect(parts.getRow(1).getCell(1).value).toBe('Form number');
    expect(numbers(parts)).toEqual(await onPages(staff.parts, filters()));
    expect(numbers(parts).length).toBeLessThan(numbers(management).length);

    // With a filter: the same rows as the filtered search, in CSV.
    const f = filters({ state: 'investigating' });
    const csv = (await write(searchExport(staff.management, f, exportLabels('zh-CN'), opts, db), 'csv')).toString('utf8');
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(await onPages(staff.management, f));
    expect(searchExportRoles).not.toContain('finance');
  });

  it('a work list and the ledger export what their pages list; a role without the list gets none', async () => {
    const triage = queueExport(staff.desk, 'triage', '待分派', exportLabels('zh-CN'), opts, db)!;
    const sheet = await readXlsx(await write(triage, 'xlsx'));
    expect(sheet.name).toBe('待分派');
    expect(sheet.rowCount - 1).toBeGreaterThan(0);
    for (const state of sheet.getColumn(2).values.slice(2)) expect(state).toBe('已受理');
    expect(queueExport(staff.parts, 'triage', 'x', exportLabels('zh-CN'), opts, db)).toBeNull();
    expect(queueExport(staff.finance, 'received', 'x', exportLabels('zh-CN'), opts, db)).toBeNull();

    const ledger = ledgerExport(staff.management, { all: true, closed: true, contactDay: 4 }, exportLabels('zh-CN'), opts, db)!;
    const rows = (await write(ledger, 'csv')).toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(rows[0].split(',')[0]).toBe('单号');
    expect(ledgerExport(staff.finance, { all: true, closed: true, contactDay: 4 }, exportLabels('zh-CN'), opts, db)).toBeNull();
  });
});
