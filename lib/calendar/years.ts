import 'server-only';
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Db } from '@/db/client';
import { calendarDays, calendarYears, users } from '@/db/schema';
import { loadTimeZone } from '@/lib/complaints/settings';
import { recordAudit } from '@/lib/admin/audit';
import { requireAdmin, type AdminViewer } from '@/lib/admin/viewer';
import { localDate } from '@/lib/workflow';
import { officialYear, type OfficialDay, type OfficialYear } from './official';

/**
 * Next year's business calendar (issue 21): an administrator imports a year's holidays and 调休
 * makeup days from the official-holiday package (lib/calendar/official.ts) — only a year the
 * package really covers — reviews the days on the calendar page and confirms the year. From
 * November on, a next year not confirmed warns the admin on every admin page, because deadlines
 * across New Year and the Spring Festival would otherwise be wrong.
 */
export class CalendarError extends Error {
  constructor(readonly code: 'not_covered' | 'not_imported' | 'forbidden') {
    super(code);
    this.name = 'CalendarError';
  }
}

export interface YearStatus {
  year: number;
  /** What the package offers for the year. */
  official: Pick<OfficialYear, 'covered' | 'source'> & { holidays: number; workdays: number };
  /** Days of the year on the calendar now. */
  days: number;
  /** The package's days that the calendar lacks or holds differently (what an import would change). */
  differences: number;
  importedAt: Date | null;
  source: string | null;
  confirmedAt: Date | null;
  confirmedBy: string | null;
}

const confirmer = alias(users, 'confirmer');

function yearRange(year: number) {
  return and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`));
}

/** Where a year stands: what the package covers, what is on the calendar, whether it was imported and confirmed. */
export async function yearStatus(year: number, db?: Db, official: OfficialYear = officialYear(year)): Promise<YearStatus> {
  const d = db ?? (await getDb());
  const [days, [row]] = await Promise.all([
    d.select().from(calendarDays).where(yearRange(year)),
    d
      .select({ importedAt: calendarYears.importedAt, source: calendarYears.source, confirmedAt: calendarYears.confirmedAt, confirmedBy: confirmer.name })
      .from(calendarYears)
      .leftJoin(confirmer, eq(confirmer.id, calendarYears.confirmedById))
      .where(eq(calendarYears.year, year)),
  ]);
  const have = new Map(days.map((x) => [x.day, x]));
  const differences = official.covered ? official.days.filter((o) => have.get(o.day)?.kind !== o.kind).length : 0;
  return {
    year,
    official: {
      covered: official.covered,
      source: official.source,
      holidays: official.days.filter((o) => o.kind === 'holiday').length,
      workdays: official.days.filter((o) => o.kind === 'workday').length,
    },
    days: days.length,
    differences,
    importedAt: row?.importedAt ?? null,
    source: row?.source ?? null,
    confirmedAt: row?.confirmedAt ?? null,
    confirmedBy: row?.confirmedBy ?? null,
  };
}

/**
 * Writes the package's days of a covered year into the calendar: a day the package names takes
 * its kind and name; days the admin added that the package does not name (a company holiday) stay.
 * The year then waits for the admin's confirmation (an earlier confirmation is withdrawn: the
 * days changed). Refused for a year the package does not cover.
 */
export async function importOfficialYear(viewer: AdminViewer, year: number, now = new Date(), db?: Db, official: OfficialYear = officialYear(year)): Promise<{ written: number }> {
  requireAdmin(viewer);
  const d = db ?? (await getDb());
  if (!official.covered || official.days.length === 0) throw new CalendarError('not_covered');
  return d.transaction(async (tx) => {
    const before = await tx.select().from(calendarDays).where(yearRange(year));
    const have = new Map(before.map((x) => [x.day, x]));
    const changed: OfficialDay[] = official.days.filter((o) => have.get(o.day)?.kind !== o.kind || have.get(o.day)?.name !== o.name);
    if (changed.length) {
      await tx.delete(calendarDays).where(inArray(calendarDays.day, changed.map((o) => o.day)));
      await tx.insert(calendarDays).values(changed);
    }
    await tx
      .insert(calendarYears)
      .values({ year, source: official.source, importedAt: now, importedById: viewer.id })
      .onConflictDoUpdate({ target: calendarYears.year, set: { source: official.source, importedAt: now, importedById: viewer.id, confirmedAt: null, confirmedById: null } });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: 'calendar.import',
      targetType: 'calendar',
      targetId: String(year),
      targetLabel: String(year),
      before: { days: before.length },
      after: { source: official.source, days: official.days.length, changed: changed.length },
    });
    return { written: changed.length };
  });
}

/** The admin confirms a year's calendar after reviewing it (an imported year, or one entered by hand). */
export async function confirmYear(viewer: AdminViewer, year: number, now = new Date(), db?: Db): Promise<void> {
  requireAdmin(viewer);
  const d = db ?? (await getDb());
  await d.transaction(async (tx) => {
    const days = await tx.select({ day: calendarDays.day }).from(calendarDays).where(yearRange(year));
    const [row] = await tx.select().from(calendarYears).where(eq(calendarYears.year, year));
    // Nothing to review: an empty year is not a calendar.
    if (!row && days.length === 0) throw new CalendarError('not_imported');
    await tx
      .insert(calendarYears)
      .values({ year, source: row?.source ?? 'manual', importedAt: row?.importedAt ?? now, importedById: row?.importedById ?? viewer.id, confirmedAt: now, confirmedById: viewer.id })
      .onConflictDoUpdate({ target: calendarYears.year, set: { confirmedAt: now, confirmedById: viewer.id } });
    await recordAudit(tx, { actorUserId: viewer.id, action: 'calendar.confirm', targetType: 'calendar', targetId: String(year), targetLabel: String(year), after: { days: days.length } });
  });
}

export interface NextYearWarning {
  year: number;
  /** Whether the package covers it (then: import and confirm; else: wait for a package update or enter it by hand). */
  covered: boolean;
}

/** From November on (business time), a next year whose calendar is not confirmed: the warning every admin page shows. */
export async function nextYearWarning(viewer: Pick<AdminViewer, 'role'>, now = new Date(), db?: Db): Promise<NextYearWarning | null> {
  if (viewer.role !== 'admin') return null;
  const d = db ?? (await getDb());
  const today = localDate(now, await loadTimeZone(d));
  if (Number(today.slice(5, 7)) < 11) return null;
  const year = Number(today.slice(0, 4)) + 1;
  const [row] = await d.select({ confirmedAt: calendarYears.confirmedAt }).from(calendarYears).where(eq(calendarYears.year, year));
  if (row?.confirmedAt) return null;
  return { year, covered: officialYear(year).covered };
}
