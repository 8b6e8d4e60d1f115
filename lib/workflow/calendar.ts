export interface BusinessCalendar {
  timeZone: string;
  workdayStart: string; // 'HH:MM' local
  workdayEnd: string; // 'HH:MM' local
  holidays: string[]; // YYYY-MM-DD days off
  makeupWorkdays: string[]; // YYYY-MM-DD weekend days that are working days (调休)
}

/** Holidays are left empty on purpose: the official schedule is published yearly and entered by admin. */
export const defaultCalendar: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  workdayStart: '08:30',
  workdayEnd: '17:30',
  holidays: [],
  makeupWorkdays: [],
};

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(d: Date, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(d)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year,
    month: out.month,
    day: out.day,
    hour: out.hour === 24 ? 0 : out.hour,
    minute: out.minute,
    second: out.second,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function dateString(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

function parseDate(date: string): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`invalid date ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function parseTimeOfDay(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`invalid time ${time}`);
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}

/** YYYY-MM-DD of `d` in `timeZone`. */
export function localDate(d: Date, timeZone: string): string {
  const p = localParts(d, timeZone);
  return dateString(p.year, p.month, p.day);
}

/** Milliseconds since local midnight of `d` in `timeZone`. */
function localTimeMs(d: Date, timeZone: string): number {
  const p = localParts(d, timeZone);
  return ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (d.getTime() % 1000 + 1000) % 1000;
}

function offsetMs(t: number, timeZone: string): number {
  const p = localParts(new Date(t), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** The instant at which the local clock in `timeZone` shows `date` + `msOfDay`. */
export function zonedInstant(date: string, msOfDay: number, timeZone: string): Date {
  const [y, m, d] = parseDate(date);
  const wall = Date.UTC(y, m - 1, d) + msOfDay;
  const first = offsetMs(wall, timeZone);
  let t = wall - first;
  const second = offsetMs(t, timeZone);
  if (second !== first) t = wall - second; // DST boundary
  return new Date(t);
}

/** The instant of `date` at local 'HH:MM' in `timeZone`. */
export function atLocalTime(date: string, time: string, timeZone: string): Date {
  return zonedInstant(date, parseTimeOfDay(time), timeZone);
}

export function addCalendarDays(date: string, n: number): string {
  const [y, m, d] = parseDate(date);
  const x = new Date(Date.UTC(y, m - 1, d) + n * DAY_MS);
  return dateString(x.getUTCFullYear(), x.getUTCMonth() + 1, x.getUTCDate());
}

export function isWorkingDay(date: string, cal: BusinessCalendar): boolean {
  if (cal.holidays.includes(date)) return false;
  if (cal.makeupWorkdays.includes(date)) return true;
  const [y, m, d] = parseDate(date);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string, cal: BusinessCalendar): string {
  let d = date;
  for (let i = 0; i < 800; i++) {
    d = addCalendarDays(d, 1);
    if (isWorkingDay(d, cal)) return d;
  }
  throw new RangeError('business calendar has no working day within two years');
}

/**
 * n working days after `from`, at the same local clock time. A start outside working hours
 * first moves to the next working-time start (before workdayStart: that day's start).
 */
export function addWorkingDays(from: Date, n: number, cal: BusinessCalendar): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer, got ${n}`);
  const startMs = parseTimeOfDay(cal.workdayStart);
  const endMs = parseTimeOfDay(cal.workdayEnd);
  let day = localDate(from, cal.timeZone);
  let time = localTimeMs(from, cal.timeZone);
  if (!isWorkingDay(day, cal) || time > endMs) {
    day = nextWorkingDay(day, cal);
    time = startMs;
  } else if (time < startMs) {
    time = startMs;
  }
  for (let i = 0; i < n; i++) day = nextWorkingDay(day, cal);
  return zonedInstant(day, time, cal.timeZone);
}

export type SlaUnit = 'hours' | 'working_days';
export interface SlaRule {
  amount: number;
  unit: SlaUnit;
}

export function addDuration(from: Date, rule: SlaRule, cal: BusinessCalendar): Date {
  if (rule.unit === 'hours') return new Date(from.getTime() + rule.amount * 3_600_000);
  return addWorkingDays(from, rule.amount, cal);
}

/** The `day`-th of next month (clamped to the month's length) in business tz, moved forward to a working day. */
export function nextContactDate(now: Date, day: number, cal: BusinessCalendar): string {
  const [y, m] = parseDate(localDate(now, cal.timeZone));
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  const monthLength = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  const d = dateString(ny, nm, Math.min(Math.max(1, Math.trunc(day)), monthLength));
  return isWorkingDay(d, cal) ? d : nextWorkingDay(d, cal);
}
