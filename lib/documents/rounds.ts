import { addCalendarDays, localDate, zonedInstant } from '@/lib/workflow';
import type { SummaryKind } from '@/lib/complaints/summaries';

/**
 * The scheduled rounds (DESIGN §2, supervision): every Tuesday and on the 2nd of the month the
 * customer-service centre's summary to the GM and management, on the 4th management's
 * penalties and rewards to the GM and finance — each at 09:00 business time.
 */
export const roundKinds = ['weekly', 'monthly', 'accountability'] as const satisfies readonly SummaryKind[];

const roundTimeMs = 9 * 3_600_000;

/** The cron of each round (5 fields, in the business time zone), for the job runner. */
export const roundCron: Record<SummaryKind, string> = {
  weekly: '0 9 * * 2',
  monthly: '0 9 2 * *',
  accountability: '0 9 4 * *',
};

function isRoundDay(kind: SummaryKind, day: string): boolean {
  if (kind === 'weekly') {
    const [y, m, d] = day.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d)).getUTCDay() === 2;
  }
  return day.endsWith(kind === 'monthly' ? '-02' : '-04');
}

/** The latest moment of this round at or before `now` (e.g. the last Tuesday 09:00, business time). */
export function roundMoment(kind: SummaryKind, now: Date, timeZone: string): Date {
  const today = localDate(now, timeZone);
  for (let i = 0; i <= 62; i++) {
    const day = addCalendarDays(today, -i);
    if (!isRoundDay(kind, day)) continue;
    const at = zonedInstant(day, roundTimeMs, timeZone);
    if (at.getTime() <= now.getTime()) return at;
  }
  throw new Error(`no ${kind} round in the last two months`); // unreachable: every month has a 2nd and a 4th
}

/** How far back a restart makes rounds up: a year of them at most. */
const makeUpDays = 366;

/**
 * Every moment of this round after `after` and at or before `now`, oldest first (what a restart
 * that missed several moments makes up); never more than a year back.
 */
export function roundMomentsBetween(kind: SummaryKind, after: Date, now: Date, timeZone: string): Date[] {
  const floor = new Date(Math.max(after.getTime(), now.getTime() - makeUpDays * 86_400_000));
  const today = localDate(now, timeZone);
  const out: Date[] = [];
  for (let day = localDate(floor, timeZone); day <= today; day = addCalendarDays(day, 1)) {
    if (!isRoundDay(kind, day)) continue;
    const at = zonedInstant(day, roundTimeMs, timeZone);
    if (at.getTime() > floor.getTime() && at.getTime() <= now.getTime()) out.push(at);
  }
  return out;
}
