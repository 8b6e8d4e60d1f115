import 'server-only';
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { calendarDays, calendarSettings } from '@/db/schema';
import { forgetPageTimeZone, loadCalendar } from '@/lib/complaints/settings';
import { recordAudit } from './audit';
import { AdminError } from './errors';
import { calendarDaySchema, calendarSettingsSchema, type CalendarDayInput, type CalendarSettingsInput } from './schemas';

export interface CalendarDayRow {
  day: string;
  kind: 'holiday' | 'workday';
  name: string | null;
}

/** Time zone and working hours as the command layer reads them (loadCalendar). */
export async function loadCalendarSettings(db?: Db): Promise<CalendarSettingsInput> {
  db ??= await getDb();
  const { timeZone, workdayStart, workdayEnd } = await loadCalendar(db);
  return { timeZone, workdayStart, workdayEnd };
}

export async function saveCalendarSettings(input: CalendarSettingsInput, actorId: string | null = null, db?: Db): Promise<CalendarSettingsInput> {
  db ??= await getDb();
  const s = calendarSettingsSchema.parse(input);
  const before = await loadCalendarSettings(db);
  await db.transaction(async (tx) => {
    await tx
      .insert(calendarSettings)
      .values({ id: 1, ...s })
      .onConflictDoUpdate({ target: calendarSettings.id, set: { timeZone: s.timeZone, workdayStart: s.workdayStart, workdayEnd: s.workdayEnd } });
    await recordAudit(tx, { actorUserId: actorId, action: 'calendar.settings', targetType: 'calendar', before, after: s });
  });
  forgetPageTimeZone();
  return s;
}

/** Holidays and makeup working days of one year, in date order. */
export async function listCalendarDays(year: number, db?: Db): Promise<CalendarDayRow[]> {
  db ??= await getDb();
  const rows = await db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)))
    .orderBy(asc(calendarDays.day));
  return rows.map((r) => ({ day: r.day, kind: r.kind as CalendarDayRow['kind'], name: r.name }));
}

/** The years that have entries (for the year switcher). */
export async function calendarYears(db?: Db): Promise<number[]> {
  db ??= await getDb();
  const rows = await db
    .selectDistinct({ year: sql<number>`extract(year from ${calendarDays.day})::int` })
    .from(calendarDays);
  return rows.map((r) => Number(r.year)).sort((a, b) => a - b);
}

/** Adds one day; a day already on the calendar is refused (remove it first), never silently overwritten. */
export async function addCalendarDay(input: CalendarDayInput, actorId: string | null = null, db?: Db): Promise<CalendarDayRow> {
  db ??= await getDb();
  const d = calendarDaySchema.parse(input);
  const row = { day: d.day, kind: d.kind, name: d.name };
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(calendarDays).values(d).onConflictDoNothing().returning();
    if (!inserted.length) throw new AdminError('day_exists', 'day');
    await recordAudit(tx, { actorUserId: actorId, action: 'calendar_day.add', targetType: 'calendar', targetId: d.day, targetLabel: d.day, after: row });
  });
  return row;
}

export async function removeCalendarDay(day: string, actorId: string | null = null, db?: Db): Promise<void> {
  db ??= await getDb();
  await db.transaction(async (tx) => {
    const removed = await tx.delete(calendarDays).where(eq(calendarDays.day, day)).returning();
    if (!removed.length) throw new AdminError('not_found');
    const [r] = removed;
    await recordAudit(tx, { actorUserId: actorId, action: 'calendar_day.remove', targetType: 'calendar', targetId: day, targetLabel: day, before: { day: r.day, kind: r.kind, name: r.name } });
  });
}
