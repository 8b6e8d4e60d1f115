import { describe, expect, it } from 'vitest';
import {
  addDuration,
  addWorkingDays,
  atLocalTime,
  defaultCalendar,
  defaultSlaPolicy,
  isWorkingDay,
  localDate,
  nextContactDate,
  nextWorkingDay,
  severityDeadlines,
  stepDeadline,
  type BusinessCalendar,
} from './index';
import { makeForm } from './test-fixtures';

const nationalDay = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'];
const cal: BusinessCalendar = {
  ...defaultCalendar,
  holidays: nationalDay,
  makeupWorkdays: ['2026-10-10'], // a Saturday worked for the holiday (调休)
};
/** Local Shanghai time → Date. */
const sh = (s: string) => new Date(`${s}+08:00`);

describe('working days', () => {
  it('knows weekdays, weekends, holidays and makeup days', () => {
    expect(isWorkingDay('2026-11-06', cal)).toBe(true); // Fri
    expect(isWorkingDay('2026-11-07', cal)).toBe(false); // Sat
    expect(isWorkingDay('2026-11-08', cal)).toBe(false); // Sun
    expect(isWorkingDay('2026-10-01', cal)).toBe(false); // Thu, holiday
    expect(isWorkingDay('2026-10-10', cal)).toBe(true); // Sat, makeup
    expect(isWorkingDay('2026-10-11', cal)).toBe(false); // Sun
    expect(nextWorkingDay('2026-09-30', cal)).toBe('2026-10-08');
  });

  it('counts across a weekend at the same clock time', () => {
    expect(addWorkingDays(sh('2026-11-06T10:00'), 3, cal)).toEqual(sh('2026-11-11T10:00'));
    expect(addWorkingDays(sh('2026-11-06T10:15:30'), 1, cal)).toEqual(sh('2026-11-09T10:15:30'));
  });

  it('skips a public holiday and counts the makeup Saturday', () => {
    expect(addWorkingDays(sh('2026-09-30T10:00'), 1, cal)).toEqual(sh('2026-10-08T10:00'));
    expect(addWorkingDays(sh('2026-09-30T10:00'), 3, cal)).toEqual(sh('2026-10-10T10:00'));
    expect(addWorkingDays(sh('2026-09-30T10:00'), 4, cal)).toEqual(sh('2026-10-12T10:00'));
    // Without the makeup day the Saturday is off.
    expect(addWorkingDays(sh('2026-09-30T10:00'), 3, { ...cal, makeupWorkdays: [] })).toEqual(sh('2026-10-12T10:00'));
  });

  it('starts outside working hours from the next working-time start', () => {
    // After the end of the day: the next working day's start.
    expect(addWorkingDays(sh('2026-11-06T18:00'), 1, cal)).toEqual(sh('2026-11-10T08:30'));
    expect(addWorkingDays(sh('2026-11-06T18:00'), 0, cal)).toEqual(sh('2026-11-09T08:30'));
    // Exactly at the end is still inside.
    expect(addWorkingDays(sh('2026-11-06T17:30'), 1, cal)).toEqual(sh('2026-11-09T17:30'));
    // Before the start: the same day's start.
    expect(addWorkingDays(sh('2026-11-09T07:00'), 1, cal)).toEqual(sh('2026-11-10T08:30'));
    // On a weekend, a holiday, and a makeup Saturday.
    expect(addWorkingDays(sh('2026-11-07T12:00'), 0, cal)).toEqual(sh('2026-11-09T08:30'));
    expect(addWorkingDays(sh('2026-10-03T12:00'), 1, cal)).toEqual(sh('2026-10-09T08:30'));
    expect(addWorkingDays(sh('2026-10-10T12:00'), 1, cal)).toEqual(sh('2026-10-12T12:00'));
  });

  it('uses the business time zone, not UTC, for the day boundary', () => {
    // 2026-11-06 23:30 UTC is Saturday 07:30 in Shanghai.
    expect(localDate(new Date('2026-11-06T23:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-07');
    expect(addWorkingDays(new Date('2026-11-06T23:30:00Z'), 1, cal)).toEqual(sh('2026-11-10T08:30'));
  });

  it('keeps the local clock time across a DST change', () => {
    const ny: BusinessCalendar = { ...defaultCalendar, timeZone: 'America/New_York' };
    // 2026-03-08 is the US spring-forward Sunday.
    expect(addWorkingDays(new Date('2026-03-06T15:00:00Z'), 1, ny)).toEqual(new Date('2026-03-09T14:00:00Z'));
    expect(atLocalTime('2026-03-09', '08:30', 'America/New_York')).toEqual(new Date('2026-03-09T12:30:00Z'));
  });

  it('refuses negative or fractional working days', () => {
    expect(() => addWorkingDays(sh('2026-11-06T10:00'), -1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays(sh('2026-11-06T10:00'), 1.5, cal)).toThrow(RangeError);
  });
});

describe('durations and SLA deadlines', () => {
  it('hours are plain hours, even over a weekend or holiday', () => {
    expect(addDuration(sh('2026-11-06T16:00'), { amount: 24, unit: 'hours' }, cal)).toEqual(sh('2026-11-07T16:00'));
    expect(addDuration(sh('2026-09-30T16:00'), { amount: 4, unit: 'hours' }, cal)).toEqual(sh('2026-09-30T20:00'));
    expect(addDuration(sh('2026-11-06T16:00'), { amount: 1, unit: 'working_days' }, cal)).toEqual(sh('2026-11-09T16:00'));
  });

  it('severity tiers: urgent 1 h / 4 h, important 24 h / 72 h, general 3 / 5 working days', () => {
    const at = sh('2026-11-06T16:00');
    expect(severityDeadlines('urgent', at, defaultSlaPolicy, cal)).toEqual({
      responseDueAt: sh('2026-11-06T17:00'),
      resolutionDueAt: sh('2026-11-06T20:00'),
    });
    expect(severityDeadlines('important', at, defaultSlaPolicy, cal)).toEqual({
      responseDueAt: sh('2026-11-07T16:00'),
      resolutionDueAt: sh('2026-11-09T16:00'),
    });
    expect(severityDeadlines('general', at, defaultSlaPolicy, cal)).toEqual({
      responseDueAt: sh('2026-11-11T16:00'),
      resolutionDueAt: sh('2026-11-13T16:00'),
    });
    // General over National Day.
    expect(severityDeadlines('general', sh('2026-09-30T09:00'), defaultSlaPolicy, cal).resolutionDueAt).toEqual(
      sh('2026-10-13T09:00'),
    );
  });

  it('step deadlines per state', () => {
    const now = sh('2026-11-06T16:00');
    const base = makeForm({ status: 'received', stateEnteredAt: now });
    const step = (s: Parameters<typeof stepDeadline>[0], form = base, at = now) => stepDeadline(s, form, at, defaultSlaPolicy, cal);
    expect(step('received')).toEqual(sh('2026-11-06T17:00'));
    expect(step('investigating')).toEqual(sh('2026-11-07T16:00'));
    expect(step('pending_approval')).toEqual(sh('2026-11-06T20:00'));
    expect(step('management_review')).toEqual(sh('2026-11-06T20:00'));
    expect(step('gm_decision')).toEqual(sh('2026-11-06T20:00'));
    expect(step('accountability')).toEqual(sh('2026-11-07T00:00'));
    expect(step('follow_up')).toEqual(sh('2026-11-07T16:00'));
    expect(step('assessment')).toEqual(sh('2026-11-11T16:00'));
    expect(step('fault_review')).toEqual(sh('2026-11-11T16:00'));
    expect(step('pending')).toEqual(sh('2026-12-04T08:30'));
    for (const s of ['archived', 'rejected', 'withdrawn'] as const) expect(step(s)).toBeNull();

    // Unreachable customer: 48 h from entering investigating, not from now.
    const inv = makeForm({ status: 'investigating', stateEnteredAt: sh('2026-11-05T10:00'), customerUnreachable: true });
    expect(step('investigating', inv)).toEqual(sh('2026-11-07T10:00'));

    // Negotiation keeps management review's deadline.
    const review = makeForm({ status: 'management_review', stepDueAt: sh('2026-11-06T18:00') });
    expect(step('negotiation', review)).toEqual(sh('2026-11-06T18:00'));
  });
});

describe('nextContactDate', () => {
  it('is the 4th of next month in the business time zone', () => {
    expect(nextContactDate(sh('2026-11-02T09:00'), 4, cal)).toBe('2026-12-04');
    expect(nextContactDate(sh('2026-12-15T09:00'), 4, cal)).toBe('2027-01-04');
    // 2026-10-31 17:00 UTC is already 1 November in Shanghai.
    expect(nextContactDate(new Date('2026-10-31T17:00:00Z'), 4, cal)).toBe('2026-12-04');
  });

  it('moves to the next working day when the 4th is off', () => {
    expect(nextContactDate(sh('2026-03-10T09:00'), 4, cal)).toBe('2026-04-06'); // Sat → Mon
    expect(nextContactDate(sh('2026-09-10T09:00'), 4, cal)).toBe('2026-10-08'); // National Day
  });

  it('clamps a day past the end of the month', () => {
    expect(nextContactDate(sh('2027-01-20T09:00'), 31, defaultCalendar)).toBe('2027-03-01'); // Feb 28 is a Sunday
    expect(nextContactDate(sh('2026-03-20T09:00'), 31, defaultCalendar)).toBe('2026-04-30');
  });
});
