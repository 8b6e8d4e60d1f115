import { beforeAll, describe, expect, it } from 'vitest';
import { createComplaint } from '@/lib/complaints/commands';
import { loadCalendar, loadSlaPolicy } from '@/lib/complaints/settings';
import { addCalendarDay, calendarYears, listCalendarDays, loadCalendarSettings, removeCalendarDay, saveCalendarSettings } from '@/lib/admin/calendar';
import { AdminError } from '@/lib/admin/errors';
import { calendarSettingsSchema, calendarDaySchema } from '@/lib/admin/schemas';
import { saveSlaPolicy } from '@/lib/admin/sla';
import { defaultSlaPolicy, slaPolicySchema } from '@/lib/workflow';
import { forEachBackend } from '@/tests/helpers/databases';
import { adminFixture, complaintInput, HOUR, T0, type AdminFixture } from './fixtures';

// createComplaint reads the policy and the calendar from the database when opts omit them:
// exactly what a new form sees after the admin saved.
const create = (fx: AdminFixture, now = T0) => createComplaint(complaintInput, fx.desk, { now }, fx.db).then((r) => r.complaint);

forEachBackend('admin: SLA policy and business calendar', (backend) => {
  let fx: AdminFixture;
  beforeAll(async () => {
    fx = await adminFixture(await backend.open());
  });

  it('saving the SLA policy changes loadSlaPolicy and the deadlines of the next form', async () => {
    const before = await create(fx);
    // general: 3 / 5 working days from Monday 09:00 → Thursday 09:00.
    expect(before.responseDueAt.toISOString()).toBe('2026-11-05T01:00:00.000Z');

    const policy = { ...defaultSlaPolicy, 'response.general': { amount: 2, unit: 'hours' as const }, 'resolution.general': { amount: 1, unit: 'working_days' as const }, pendingContactDay: 6 };
    await saveSlaPolicy(policy, undefined, fx.db);
    const loaded = await loadSlaPolicy(fx.db);
    expect(loaded['response.general']).toEqual({ amount: 2, unit: 'hours' });
    expect(loaded['resolution.general']).toEqual({ amount: 1, unit: 'working_days' });
    expect(loaded.pendingContactDay).toBe(6);
    expect(loaded['step.received']).toEqual(defaultSlaPolicy['step.received']);

    const after = await create(fx);
    expect(after.responseDueAt.getTime()).toBe(T0.getTime() + 2 * HOUR);
    expect(after.resolutionDueAt.toISOString()).toBe('2026-11-03T01:00:00.000Z');
    // The form opened before keeps its deadlines.
    const [{ response_due_at }] = await fx.database.execute('select response_due_at from complaints where id = $1', [before.id]);
    expect(new Date(response_due_at as string).toISOString()).toBe('2026-11-05T01:00:00.000Z');

    await saveSlaPolicy(defaultSlaPolicy, undefined, fx.db); // saving again upserts
    expect(await loadSlaPolicy(fx.db)).toEqual(defaultSlaPolicy);
  });

  it('the SLA form schema refuses bad values', () => {
    expect(slaPolicySchema.safeParse({ ...defaultSlaPolicy, 'step.received': { amount: 0, unit: 'hours' } }).success).toBe(false);
    expect(slaPolicySchema.safeParse({ ...defaultSlaPolicy, 'step.received': { amount: 1, unit: 'days' } }).success).toBe(false);
    expect(slaPolicySchema.safeParse({ ...defaultSlaPolicy, pendingContactDay: 29 }).success).toBe(false);
  });

  it('adding a holiday changes loadCalendar and a working-day deadline; removing it restores both', async () => {
    expect((await create(fx)).responseDueAt.toISOString()).toBe('2026-11-05T01:00:00.000Z');
    await addCalendarDay({ day: '2026-11-03', kind: 'holiday', name: '测试假日' }, undefined, fx.db);
    expect((await loadCalendar(fx.db)).holidays).toContain('2026-11-03');
    // Tuesday off: Monday 09:00 + 3 working days → Friday 09:00.
    expect((await create(fx)).responseDueAt.toISOString()).toBe('2026-11-06T01:00:00.000Z');

    // A makeup working day on Saturday 2026-11-07 counts, the day after Friday.
    await addCalendarDay({ day: '2026-11-07', kind: 'workday', name: '调休' }, undefined, fx.db);
    expect((await loadCalendar(fx.db)).makeupWorkdays).toContain('2026-11-07');
    // resolution: 5 working days: Wed, Thu, Fri, Sat (makeup), Mon → Monday 11-09 09:00.
    expect((await create(fx)).resolutionDueAt.toISOString()).toBe('2026-11-09T01:00:00.000Z');

    await expect(addCalendarDay({ day: '2026-11-03', kind: 'workday' }, undefined, fx.db)).rejects.toMatchObject({ code: 'day_exists', field: 'day' });
    expect((await listCalendarDays(2026, fx.db)).filter((d) => d.day.startsWith('2026-11'))).toEqual([
      { day: '2026-11-03', kind: 'holiday', name: '测试假日' },
      { day: '2026-11-07', kind: 'workday', name: '调休' },
    ]);
    expect(await calendarYears(fx.db)).toContain(2026);

    await removeCalendarDay('2026-11-03', undefined, fx.db);
    await removeCalendarDay('2026-11-07', undefined, fx.db);
    await expect(removeCalendarDay('2026-11-07', undefined, fx.db)).rejects.toBeInstanceOf(AdminError);
    expect((await loadCalendar(fx.db)).holidays).not.toContain('2026-11-03');
    expect((await create(fx)).responseDueAt.toISOString()).toBe('2026-11-05T01:00:00.000Z');
  });

  it('working hours and time zone are saved and validated', async () => {
    await saveCalendarSettings({ timeZone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' }, undefined, fx.db);
    expect(await loadCalendarSettings(fx.db)).toEqual({ timeZone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' });
    // Monday 08:00 local is before the working day: 1 working day → Tuesday 09:00.
    await saveSlaPolicy({ ...defaultSlaPolicy, 'response.general': { amount: 1, unit: 'working_days' } }, undefined, fx.db);
    const early = await create(fx, new Date('2026-11-02T00:00:00Z'));
    expect(early.responseDueAt.toISOString()).toBe('2026-11-03T01:00:00.000Z');

    expect(calendarSettingsSchema.safeParse({ timeZone: 'Mars/Olympus', workdayStart: '09:00', workdayEnd: '18:00' }).success).toBe(false);
    const reversed = calendarSettingsSchema.safeParse({ timeZone: 'Asia/Shanghai', workdayStart: '18:00', workdayEnd: '09:00' });
    expect(reversed.success).toBe(false);
    expect(reversed.error?.issues[0].path).toEqual(['workdayEnd']);
    expect(calendarDaySchema.safeParse({ day: '2026-02-30', kind: 'holiday' }).success).toBe(false);
    expect(calendarDaySchema.safeParse({ day: '2026-02-03', kind: 'weekend' }).success).toBe(false);
  });
});

describe('admin schemas', () => {
  it('calendar day name is optional and blank means none', () => {
    expect(calendarDaySchema.parse({ day: '2027-01-01', kind: 'holiday', name: '  ' })).toEqual({ day: '2027-01-01', kind: 'holiday', name: null });
  });
});
