import { PassThrough, Readable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { csvBom, csvLine } from './csv';
import { csvText, defaultWidths, numberFormats, xlsxValue, type ExportTable } from './table';

export type ExportFormat = 'csv' | 'xlsx';

export const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Excel refuses a sheet name over 31 characters or with []:*?/\ in it. */
export function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet1';
}

/**
 * Writes the table into `out` as it reads its rows: the XLSX through exceljs' streaming
 * WorkbookWriter (inline strings, each row committed as soon as it is written, so only the zip
 * compressor's window stays in memory), the CSV line by line. Waits whenever the reader is
 * behind (`out` full), so a slow download holds the query back rather than piling rows up.
 */
export async function writeTable(table: ExportTable, format: ExportFormat, out: PassThrough): Promise<number> {
  let count = 0;
  const { columns, timeZone } = table;
  const yieldToReader = async () => {
    // Let the compressor run, then wait for the reader if it is behind.
    await new Promise((r) => setImmediate(r));
    while (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    // The reader went away (a cancelled download): stop reading rows.
    if (out.destroyed) throw new Error('export cancelled');
  };
  if (format === 'csv') {
    out.write(csvBom + csvLine(columns.map((c) => c.header)));
    let chunk = '';
    for await (const row of table.rows) {
      chunk += csvLine(columns.map((c, i) => csvText(row[i], c.type, timeZone)));
      if (++count % 500 === 0) {
        out.write(chunk);
        chunk = '';
        await yieldToReader();
      }
    }
    out.end(chunk);
    return count;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName(table.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: `c${i}`,
    header: c.header,
    width: c.width ?? Math.max(defaultWidths[c.type], Math.min(40, c.header.length * 2 + 2)),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  // One style object per column, shared by its cells: exceljs keys a style's id by the object
  // (a WeakMap), so a shared one is looked up once, where a copy per cell is rendered and compared.
  const styles = columns.map((c) => (numberFormats[c.type] ? { numFmt: numberFormats[c.type] } : {}));
  const width = columns.length;
  for await (const row of table.rows) {
    const r = sheet.addRow(columns.map((c, i) => xlsxValue(row[i], c.type, timeZone)));
    for (let i = 0; i < width; i++) r.getCell(i + 1).style = styles[i] as Partial<ExcelJS.Style>;
    r.commit();
    if (++count % 500 === 0) await yieldToReader();
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/**
 * The table as a web stream for a Response body. `done` runs after the last row and before the
 * download ends (e.g. the audit entry with the row count), so a complete file is always on
 * record; an error, there or while writing, ends the download broken rather than short.
 */
export function tableStream(table: ExportTable, format: ExportFormat, done?: (rows: number) => Promise<void>): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const file = new PassThrough({ highWaterMark: 1 << 20 });
  file.pipe(out, { end: false });
  // A cancelled download closes `out`: stop the writer too.
  out.on('close', () => file.destroy());
  const fileEnded = new Promise<void>((resolve, reject) => file.on('end', resolve).on('error', reject));
  writeTable(table, format, file)
    .then(async (rows) => {
      await fileEnded;
      await done?.(rows);
      out.end();
    })
    .catch((err) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** The whole file in memory: for the stored reports (a page of figures, not a list of forms). */
export async function tableBuffer(tables: ExportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({
      header: c.header,
      width: c.width ?? Math.max(defaultWidths[c.type], Math.min(40, c.header.length * 2 + 2)),
      style: numberFormats[c.type] ? { numFmt: numberFormats[c.type] } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    for await (const row of table.rows) sheet.addRow(table.columns.map((c, i) => xlsxValue(row[i], c.type, table.timeZone)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
