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

export async function loadCalendar(db?: Db): Promise<BusinessCalendar> {
  const d = db ?? (await getDb());
  const [settings] = await d.select().from(calendarSettings);
  const days = await d.select().from(calendarDays);
  return {
    timeZone: settings?.timeZone ?? process.env.KESU_TIME_ZONE ?? defaultCalendar.timeZone,
    workdayStart: settings?.workdayStart ?? defaultCalendar.workdayStart,
    workdayEnd: settings?.workdayEnd ?? defaultCalendar.workdayEnd,
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.day),
    makeupWorkdays: days.filter((d) => d.kind === 'workday').map((d) => d.day),
  };
}
