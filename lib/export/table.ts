/**
 * An export is a table: typed columns with headers in the reader's language, and rows that
 * arrive page by page (an async iterable), so that neither the CSV nor the XLSX writer ever
 * holds a whole list. The writers (csv-stream.ts, xlsx.ts) turn the types into cells.
 */

/**
 * - text: a string (a label already translated);
 * - number: an integer or decimal;
 * - money: an amount in cents (written as yuan with two decimals);
 * - date: a business day, 'YYYY-MM-DD';
 * - datetime: an instant, written as the business time zone's wall-clock time.
 */
export type ColumnType = 'text' | 'number' | 'money' | 'date' | 'datetime';

export interface ExportColumn {
  header: string;
  type: ColumnType;
  /** Width in characters (XLSX); a default by type otherwise. */
  width?: number;
}

export type ExportValue = string | number | Date | null | undefined;

export interface ExportTable {
  /** The sheet's name (XLSX) — at most 31 characters, no []:*?/\ (cut and cleaned by the writer). */
  title: string;
  columns: ExportColumn[];
  rows: AsyncIterable<ExportValue[]> | Iterable<ExportValue[]>;
  /** The business time zone the datetime columns are written in. */
  timeZone: string;
}

const wallClock = new Map<string, Intl.DateTimeFormat>();

function partsIn(date: Date, timeZone: string): Record<string, number> {
  let fmt = wallClock.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    wallClock.set(timeZone, fmt);
  }
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(date)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The zone's offset from UTC at instant `t` (ms, whole seconds), from the zone's wall clock. */
function offsetAt(t: number, timeZone: string): number {
  const p = partsIn(new Date(t), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
}

const dayOffsets = new Map<string, number | null>();
const DAY = 86_400_000;

/**
 * The offset at `t`, read once per zone and UTC day: Intl's formatToParts costs more than
 * the rest of an exported row, and an export's instants fall on few days. A day whose start
 * and end differ (a DST change) is read per instant.
 */
function cachedOffset(t: number, timeZone: string): number {
  const day = Math.floor(t / DAY);
  const key = `${timeZone}|${day}`;
  let off = dayOffsets.get(key);
  if (off === undefined) {
    const start = offsetAt(day * DAY, timeZone);
    off = start === offsetAt(day * DAY + DAY - 1000, timeZone) ? start : null;
    if (dayOffsets.size >= 20_000) dayOffsets.clear();
    dayOffsets.set(key, off);
  }
  return off ?? offsetAt(t, timeZone);
}

/**
 * A spreadsheet date has no time zone: the instant as the business clock showed it (to the
 * second), carried in a Date whose UTC fields are those wall-clock fields (what exceljs writes).
 */
export function toSheetDate(value: Date | string, timeZone: string): Date {
  if (typeof value === 'string') {
    const [y, m, d] = value.slice(0, 10).split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  const t = value.getTime();
  return new Date(Math.floor(t / 1000) * 1000 + cachedOffset(t, timeZone));
}

/** The text of a cell in a CSV: dates as YYYY-MM-DD HH:mm (a spreadsheet parses that), money as 12.50. */
export function csvText(value: ExportValue, type: ColumnType, timeZone: string): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'money':
      return (Number(value) / 100).toFixed(2);
    case 'number':
      return Number(value);
    case 'date':
      return typeof value === 'string' ? value.slice(0, 10) : toSheetDate(value as Date, timeZone).toISOString().slice(0, 10);
    case 'datetime': {
      const d = toSheetDate(value instanceof Date ? value : new Date(value as string), timeZone).toISOString();
      return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
    }
    default:
      return String(value);
  }
}

/** The value exceljs writes for a cell of this type. */
export function xlsxValue(value: ExportValue, type: ColumnType, timeZone: string): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'money':
      return Math.round(Number(value)) / 100;
    case 'number':
      return Number(value);
    case 'date':
    case 'datetime':
      return toSheetDate(value instanceof Date || type === 'date' ? (value as Date | string) : new Date(value as string), timeZone);
    default:
      return String(value);
  }
}

export const numberFormats: Record<ColumnType, string | undefined> = {
  text: undefined,
  number: '0',
  money: '#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

export const defaultWidths: Record<ColumnType, number> = { text: 18, number: 10, money: 12, date: 12, datetime: 17 };

/** A file name safe in a Content-Disposition header, in both its plain and its UTF-8 form. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
