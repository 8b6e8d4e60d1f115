import 'server-only';
import { getDb, type Db } from '@/db/client';
import { calendarDays, calendarSettings, slaPolicy } from '@/db/schema';
import { defaultCalendar, defaultSlaPolicy, slaKeys, type BusinessCalendar, type SlaKey, type SlaPolicy } from '@/lib/workflow';

/** The SLA policy as stored by admin, with the design's defaults for anything not stored. */
export async function loadSlaPolicy(db?: Db): Promise<SlaPolicy> {
  const d = db ?? (await getDb());
  const rows = await d.select().from(slaPolicy);
  const policy: SlaPolicy = { ...defaultSlaPolicy };
  for (const row of rows) {
    if (row.key === 'pendingContactDay') policy.pendingContactDay = row.amount;
    else if ((slaKeys as readonly string[]).includes(row.key)) {
      policy[row.key as SlaKey] = { amount: row.amount, unit: row.unit as 'hours' | 'working_days' };
    }
  }
  return policy;
}

/**
 * The business time zone of a fresh database: KESU_TIME_ZONE, else the design's default. Only
 * the seed and a database without its settings row use it; afterwards the zone is the admin's
 * setting (calendar_settings.time_zone, edited at /admin/calendar), read by loadTimeZone.
 */
export function defaultTimeZone(): string {
  return process.env.KESU_TIME_ZONE || defaultCalendar.timeZone;
}

/** The business time zone alone (dates on pages, in notices, job schedules): one small read. */
export async function loadTimeZone(db?: Db): Promise<string> {
  const d = db ?? (await getDb());
  const [settings] = await d.select({ timeZone: calendarSettings.timeZone }).from(calendarSettings);
  return settings?.timeZone ?? defaultTimeZone();
}

// Pages show dates in the business time zone on every request; reading the setting each time
// costs a query per page. Kept a minute in this process (other instances see a change within it),
// and forgotten at once when this process saves the setting.
const pageZoneMs = 60_000;
let pageZone: { value: string; until: number } | undefined;

/** The business time zone for rendering a page: loadTimeZone, read at most once a minute. */
export async function pageTimeZone(now = Date.now()): Promise<string> {
  if (!pageZone || pageZone.until <= now) pageZone = { value: await loadTimeZone(), until: now + pageZoneMs };
  return pageZone.value;
}

/** Called after the calendar setting is saved. */
export function forgetPageTimeZone(): void {
  pageZone = undefined;
}

export async function loadCalendar(db?: Db): Promise<BusinessCalendar> {
  const d = db ?? (await getDb());
  const [settings] = await d.select().from(calendarSettings);
  const days = await d.select().from(calendarDays);
  return {
    timeZone: settings?.timeZone ?? defaultTimeZone(),
    workdayStart: settings?.workdayStart ?? defaultCalendar.workdayStart,
    workdayEnd: settings?.workdayEnd ?? defaultCalendar.workdayEnd,
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.day),
    makeupWorkdays: days.filter((d) => d.kind === 'workday').map((d) => d.day),
  };
}
