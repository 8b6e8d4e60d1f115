/**
 * CSV as spreadsheets read it: RFC 4180 fields, CRLF line ends, the UTF-8 BOM (so that Excel
 * reads Chinese correctly), and no cell a spreadsheet would run as a formula. One copy for
 * every export (the ledger's, the lists', the stored reports').
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

export const csvBom = '\uFEFF';

/** One CSV field (RFC 4180): quoted when it holds a quote, comma or line break; quotes doubled. */
export function csvField(value: CsvValue): string {
  let s = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  // A cell starting with = + - @ (or a tab / CR that a spreadsheet strips first) would be run
  // as a formula: keep it text. A plain number (-12.5) is data, not a formula.
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line with its CRLF. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** A whole CSV file: CRLF line ends, with the UTF-8 BOM. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return csvBom + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
