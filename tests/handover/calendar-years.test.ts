import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, type Fixture } from '@/tests/commands/fixtures';
import { calendarDays } from '@/db/schema';
import { officialYear } from '@/lib/calendar/official';
import { confirmYear, importOfficialYear, nextYearWarning, yearStatus } from '@/lib/calendar/years';
import { loadCalendar } from '@/lib/complaints/settings';
import { addWorkingDays } from '@/lib/workflow/calendar';

/** A clock in business time (Asia/Shanghai, UTC+8). */
const local = (iso: string) => new Date(`${iso}+08:00`);

it('the package covers 2026 but not yet 2027 (1 January 2027 would be a working Friday)', () => {
  const y2026 = officialYear(2026);
  expect(y2026.covered).toBe(true);
  expect(y2026.days).toContainEqual({ day: '2026-02-17', kind: 'holiday', name: '春节' });
  expect(y2026.days).toContainEqual({ day: '2026-02-14', kind: 'workday', name: '春节调休' });
  expect(y2026.source).toMatch(/^chinese-days@\d+\.\d+\.\d+$/);
  expect(officialYear(2027).covered).toBe(false);
});

forEachBackend('next year’s calendar', (backend) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  it('imports only a covered year, keeps the admin’s own days, and waits for the confirmation', async () => {
    const admin = fx.actors.admin;
    await expect(importOfficialYear(admin, 2027, local('2026-11-02T09:00:00'), fx.db)).rejects.toMatchObject({ code: 'not_covered' });
    await expect(importOfficialYear(fx.actors.desk, 2026, local('2026-11-02T09:00:00'), fx.db)).rejects.toMatchObject({ code: 'forbidden' });
    // A company holiday of the admin's own, which the package does not name.
    await fx.db.insert(calendarDays).values({ day: '2026-12-24', kind: 'holiday', name: '公司年会' }).onConflictDoNothing();
    await importOfficialYear(admin, 2026, local('2026-11-02T09:00:00'), fx.db);
    const status = await yearStatus(2026, fx.db);
    expect(status).toMatchObject({ differences: 0, confirmedAt: null, source: officialYear(2026).source });
    expect(status.days).toBe(officialYear(2026).days.length + 1);
    expect((await fx.db.select().from(calendarDays).where(eq(calendarDays.day, '2026-12-24')))[0]?.name).toBe('公司年会');
    await confirmYear(admin, 2026, local('2026-11-02T09:05:00'), fx.db);
    expect((await yearStatus(2026, fx.db)).confirmedAt).toEqual(local('2026-11-02T09:05:00'));
    // Nothing to review in an empty year.
    await expect(confirmYear(admin, 2031, local('2026-11-02T09:06:00'), fx.db)).rejects.toMatchObject({ code: 'not_imported' });
  });

  it('from November on, an unconfirmed next year warns the admin, until it is imported and confirmed', async () => {
    const admin = fx.actors.admin;
    expect(await nextYearWarning(admin, local('2026-10-31T23:00:00'), fx.db)).toBeNull();
    expect(await nextYearWarning(admin, local('2026-11-01T00:30:00'), fx.db)).toEqual({ year: 2027, covered: false });
    expect(await nextYearWarning(fx.actors.desk, local('2026-12-15T10:00:00'), fx.db)).toBeNull(); // only the admin
    // A package update that brings 2027 (here: its New Year and Spring Festival as they would be published).
    const update = officialYear(2027, {
      holidays: { '2027-01-01': "New Year's Day,元旦,1", '2027-02-06': 'Spring Festival,春节,8', '2027-02-07': 'Spring Festival,春节,8', '2027-02-08': 'Spring Festival,春节,8' },
      workdays: { '2027-02-20': 'Spring Festival,春节,8' },
    }, 'chinese-days@9.9.9');
    expect(update.covered).toBe(true);
    await importOfficialYear(admin, 2027, local('2026-12-01T09:00:00'), fx.db, update);
    expect(await nextYearWarning(admin, local('2026-12-01T10:00:00'), fx.db)).toEqual({ year: 2027, covered: false }); // imported, not confirmed
    await confirmYear(admin, 2027, local('2026-12-01T10:00:00'), fx.db);
    expect(await nextYearWarning(admin, local('2026-12-01T10:01:00'), fx.db)).toBeNull();
    // Deadlines across New Year now skip it: one working day after 31 December 2026 is 4 January 2027.
    const calendar = await loadCalendar(fx.db);
    expect(calendar.holidays).toContain('2027-01-01');
    expect(calendar.makeupWorkdays).toContain('2027-02-20');
    const due = addWorkingDays(local('2026-12-31T10:00:00'), 1, calendar);
    expect(due.toISOString()).toBe(local('2027-01-04T10:00:00').toISOString());
  });
});
