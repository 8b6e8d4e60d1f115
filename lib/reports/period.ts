/**
 * The dashboard's period and filters as they come from the URL (a GET form), pure: the period
 * as local days of the business calendar ([from, to], both included), the previous period of
 * the same length for trends, and how the charts bucket it. Anything malformed is dropped
 * (a wider view, never an error page), except a month or day that names no real date.
 */
import { z } from 'zod';
import { addCalendarDays, channels, localDate, severities } from '@/lib/workflow';
import { isDay, isMonth, isUuid } from '@/lib/params';

export const presets = ['week', 'month', 'last_month', 'quarter', 'custom'] as const;
export type Preset = (typeof presets)[number];

export interface Period {
  preset: Preset;
  /** First local day, YYYY-MM-DD. */
  from: string;
  /** Last local day, included. */
  to: string;
  /** The period of the same length just before, for the trends. */
  previous: { from: string; to: string };
  /** How the charts group the days. */
  bucket: 'day' | 'week' | 'month';
  days: number;
}

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs) + 1;
const monthStart = (ymd: string) => `${ymd.slice(0, 7)}-01`;
function monthEnd(ymd: string): string {
  const [y, m] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The period a preset names on the local day `today` (custom: from/to, swapped if reversed). */
export function periodOf(preset: Preset, today: string, custom: { from?: string; to?: string; month?: string } = {}): Period {
  let from: string;
  let to: string;
  switch (preset) {
    case 'week': {
      // Monday to Sunday of this week.
      const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      from = addCalendarDays(today, -dow);
      to = addCalendarDays(from, 6);
      break;
    }
    case 'month': {
      const m = custom.month ?? today.slice(0, 7);
      from = `${m}-01`;
      to = monthEnd(from);
      break;
    }
    case 'last_month': {
      to = addCalendarDays(monthStart(today), -1);
      from = monthStart(to);
      break;
    }
    case 'quarter': {
      const [y, m] = today.split('-').map(Number);
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      from = `${y}-${String(first).padStart(2, '0')}-01`;
      to = monthEnd(`${y}-${String(first + 2).padStart(2, '0')}-01`);
      break;
    }
    case 'custom': {
      from = custom.from ?? monthStart(today);
      to = custom.to ?? today;
      if (to < from) [from, to] = [to, from];
      break;
    }
  }
  const days = daysBetween(from, to);
  const previous = { from: addCalendarDays(from, -days), to: addCalendarDays(from, -1) };
  return { preset, from, to, previous, days, bucket: days <= 31 ? 'day' : days <= 190 ? 'week' : 'month' };
}

/** The breakdown filters; each also narrows the drill-down search the same way. */
export interface DashboardFilters {
  site?: string;
  category?: string;
  department?: string;
  handler?: string;
  channel?: (typeof channels)[number];
  severity?: (typeof severities)[number];
}

const uuid = z.string().refine(isUuid).optional().catch(undefined);
const filtersSchema = z.object({
  site: uuid,
  category: z.string().regex(/^[a-z_]{1,40}$/).optional().catch(undefined),
  department: uuid,
  handler: uuid,
  channel: z.enum(channels).optional().catch(undefined),
  severity: z.enum(severities).optional().catch(undefined),
});

/** Longest custom period: ten years of days is far beyond any report and keeps the SQL bounded. */
const maxDays = 3700;

/**
 * Reads the period and filters from the query string. `invalid` when a month or day is present
 * but names no real date (the page answers 404, as the monthly report did for ?month=9999-12).
 */
export function parseDashboardParams(params: Record<string, string | string[] | undefined>, now: Date, timeZone: string) {
  const first = (k: string) => {
    const v = params[k];
    const s = Array.isArray(v) ? v[0] : v;
    return s === '' ? undefined : s;
  };
  const today = localDate(now, timeZone);
  const month = first('month');
  const from = first('from');
  const to = first('to');
  const invalid = (month !== undefined && !isMonth(month)) || (from !== undefined && !isDay(from)) || (to !== undefined && !isDay(to));
  const asked = first('period');
  let preset: Preset = presets.includes(asked as Preset) ? (asked as Preset) : month ? 'month' : from || to ? 'custom' : 'quarter';
  if (preset === 'custom' && from && to && daysBetween(from < to ? from : to, from < to ? to : from) > maxDays) preset = 'quarter';
  const period = invalid ? periodOf('quarter', today) : periodOf(preset, today, { from, to, month });
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(filtersSchema.shape)) raw[key] = first(key);
  return { period, filters: filtersSchema.parse(raw) as DashboardFilters, invalid };
}
