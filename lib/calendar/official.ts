import 'server-only';
import data from 'chinese-days/dist/chinese-days.json';
import pkg from 'chinese-days/package.json';

/**
 * China's official public holidays and makeup working days (调休), as the maintained npm package
 * `chinese-days` ships them (the State Council's yearly notice, as data). A year counts as covered
 * only when the package holds its New Year's Day as a holiday: a year the package does not know
 * yet still answers (1 January 2027 is "a working Friday" in 1.5.7), so its silence must never be
 * imported as "no holidays". A package update brings the next year.
 */
export interface OfficialDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface OfficialYear {
  year: number;
  covered: boolean;
  /** e.g. 'chinese-days@1.5.7' */
  source: string;
  days: OfficialDay[];
}

type Table = Record<string, string>;
const tables = data as { holidays: Table; workdays: Table };

export const officialSource = `chinese-days@${(pkg as { version: string }).version}`;

/** "Spring Festival,春节,4" → 春节 (the Chinese name, as the calendar page shows it). */
function chineseName(value: string): string {
  const parts = value.split(',');
  return (parts[1] || parts[0] || '').trim();
}

/** The package's days of one year, and whether it really covers that year. */
export function officialYear(year: number, source: { holidays: Table; workdays: Table } = tables, label = officialSource): OfficialYear {
  const prefix = `${year}-`;
  const days: OfficialDay[] = [
    ...Object.entries(source.holidays).filter(([d]) => d.startsWith(prefix)).map(([day, v]) => ({ day, kind: 'holiday' as const, name: chineseName(v) })),
    ...Object.entries(source.workdays).filter(([d]) => d.startsWith(prefix)).map(([day, v]) => ({ day, kind: 'workday' as const, name: `${chineseName(v)}调休` })),
  ].sort((a, b) => a.day.localeCompare(b.day));
  return { year, covered: `${year}-01-01` in source.holidays, source: label, days };
}
