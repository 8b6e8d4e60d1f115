/**
 * The one formatter for dates, date-times, durations and money, per locale, on Intl.
 *
 * Pages (through getFormat / useFormat), exports and notification texts all use it, so a date
 * reads the same everywhere: before it, "medium" date-times sat next to "short" ones and raw
 * YYYY-MM-DD strings (2026年12月1日 · 2026/12/1 · 2027-01-04 on one page). Pure: no React, no
 * request, so the job runner can render e-mails and SMS with it long after the request.
 */
import type { Locale } from './locales';

/** Shared option sets, also given to next-intl as its global `formats` (lib/i18n/request.ts). */
export const formats = {
  dateTime: {
    date: { year: 'numeric', month: 'short', day: 'numeric' },
    dateTime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    // Logs (outbox, security): the same date, with seconds.
    dateTimeSeconds: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  },
  number: {
    // narrowSymbol: "¥300.00" in both languages (en would otherwise write "CN¥300.00").
    money: { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' },
  },
} as const satisfies {
  dateTime: Record<string, Intl.DateTimeFormatOptions>;
  number: Record<string, Intl.NumberFormatOptions>;
};

export interface Format {
  locale: Locale;
  /** A day: 2026年12月1日 / Dec 1, 2026. */
  date(value: Date): string;
  /** A day given as YYYY-MM-DD (purchase date, next contact): the same look as date(). */
  day(ymd: string): string;
  /** A moment: 2026年12月1日 14:05 / Dec 1, 2026, 14:05. */
  dateTime(value: Date): string;
  /** A moment with seconds, for logs. */
  dateTimeSeconds(value: Date): string;
  /** Either, or "—" for nothing. */
  dateTimeOrDash(value: Date | null | undefined): string;
  /** The length of a span, sign dropped (callers say "left" or "overdue"): 48分钟 / 1小时 / 2天3小时. */
  duration(ms: number): string;
  /** An amount in cents: ¥300.00. */
  money(cents: number): string;
  /** A weekday of a YYYY-MM-DD day: 周一 / Mon. */
  weekday(ymd: string): string;
  /** Names in a row: 甲、乙和丙 / A, B, and C. */
  list(items: readonly string[]): string;
  /** "label: value" with the language's colon: 退货：说明 / Return: text. */
  labelled(label: string, value: string): string;
}

const cache = new Map<string, Format>();

/** A formatter for one locale and time zone (cached: Intl objects are costly to build). */
export function createFormat(locale: Locale, timeZone: string): Format {
  const key = `${locale}|${timeZone}`;
  const hit = cache.get(key);
  if (hit) return hit;

  const dtf = (options: Intl.DateTimeFormatOptions, tz = timeZone) => new Intl.DateTimeFormat(locale, { ...options, timeZone: tz });
  const dateF = dtf(formats.dateTime.date);
  const dayF = dtf(formats.dateTime.date, 'UTC');
  const dateTimeF = dtf(formats.dateTime.dateTime);
  const secondsF = dtf(formats.dateTime.dateTimeSeconds);
  const weekdayF = dtf({ weekday: 'short' }, 'UTC');
  const moneyF = new Intl.NumberFormat(locale, formats.number.money);
  const unit = (u: 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: locale === 'en' ? 'short' : 'narrow' });
  const minuteF = unit('minute');
  const hourF = unit('hour');
  const dayUnitF = unit('day');
  // "unit" lists join without "and": 1小时48分钟 / 1 hr, 48 min → narrow: 1 hr 48 min.
  const listF = new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' });
  const namesF = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
  const utcDay = (ymd: string) => new Date(`${ymd}T00:00:00Z`);

  const format: Format = {
    locale,
    date: (d) => dateF.format(d),
    day: (ymd) => {
      const d = utcDay(ymd);
      return Number.isNaN(d.getTime()) ? ymd : dayF.format(d);
    },
    dateTime: (d) => dateTimeF.format(d),
    dateTimeSeconds: (d) => secondsF.format(d),
    dateTimeOrDash: (d) => (d ? dateTimeF.format(d) : '—'),
    duration: (ms) => {
      // Below a minute still reads as one minute: "0 minutes left" would be wrong until it is up.
      const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
      if (minutes < 60) return minuteF.format(minutes);
      const hours = Math.floor(minutes / 60);
      const parts: string[] = [];
      if (hours < 48) {
        parts.push(hourF.format(hours));
        if (minutes % 60) parts.push(minuteF.format(minutes % 60));
      } else {
        parts.push(dayUnitF.format(Math.floor(hours / 24)));
        if (hours % 24) parts.push(hourF.format(hours % 24));
      }
      return listF.format(parts);
    },
    money: (cents) => moneyF.format(cents / 100),
    weekday: (ymd) => weekdayF.format(utcDay(ymd)),
    list: (items) => namesF.format(items),
    // One colon per language: full-width in Chinese, ASCII and a space in English.
    labelled: (label, value) => `${label}${locale === 'en' ? ': ' : '：'}${value}`,
  };
  cache.set(key, format);
  return format;
}
