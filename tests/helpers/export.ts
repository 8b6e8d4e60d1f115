import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { writeTable, type ExportFormat } from '@/lib/export/writers';
import type { ExportTable } from '@/lib/export/table';

/** The whole file an export writes (lib/export/writers.ts), collected. */
export async function writeExport(table: ExportTable, format: ExportFormat): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => out.on('end', r));
  await writeTable(table, format, out);
  await ended;
  return Buffer.concat(chunks);
}

/** The first sheet of an XLSX, read back with the library that wrote it. */
export async function readXlsx(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

/** A minimal RFC 4180 parser (quoted fields, doubled quotes, CRLF or LF), to read a CSV back. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
