import { describe, expect, it } from 'vitest';
import { defaultCalendar, defaultSlaPolicy, type BusinessCalendar } from '@/lib/workflow';
import { assessmentStart, formClocks, stepTimeliness, type TimelinessEvent } from './timeliness';

// National Day week off, and the two weekend days worked for it (调休).
const calendar: BusinessCalendar = {
  ...defaultCalendar,
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  makeupWorkdays: ['2026-09-27', '2026-10-10'],
};
const at = (iso: string) => new Date(iso);
const ev = (type: string, fromState: string | null, toState: string, when: string, payload: Record<string, unknown> = {}): TimelinessEvent => ({
  type, fromState, toState, at: at(when), actorName: `${type}-actor`, payload,
});

describe('stepTimeliness', () => {
  it('replays each step with its deadline, who did it and whether on time; pending is a step of its own', () => {
    const history = [
      ev('create', null, 'received', '2026-11-02T01:00:00Z'),
      ev('triage', 'received', 'investigating', '2026-11-02T01:30:00Z'), // 30 min: on time (1 h)
      ev('propose_pending', 'investigating', 'pending_approval', '2026-11-02T03:00:00Z'),
      ev('approve_pending', 'pending_approval', 'pending', '2026-11-02T08:00:00Z', { nextContactOn: '2026-12-04' }), // 5 h: late (4 h)
      ev('record_contact', 'pending', 'pending', '2026-12-04T01:00:00Z', { nextContactOn: '2027-01-04' }),
      ev('resume', 'pending', 'investigating', '2026-12-10T02:00:00Z'),
      ev('note', 'investigating', 'investigating', '2026-12-10T20:00:00Z', { customerUnreachable: true }),
      ev('submit_determination', 'investigating', 'management_review', '2026-12-11T22:00:00Z'), // 44 h of 48: on time
      ev('dispute_opinion', 'management_review', 'negotiation', '2026-12-12T00:00:00Z'),
      ev('record_negotiation', 'negotiation', 'gm_decision', '2026-12-12T01:30:00Z'), // inherits review's 4 h (to 02:00): on time
    ];
    const steps = stepTimeliness(history, defaultSlaPolicy, calendar, at('2026-12-12T10:00:00Z'));
    expect(steps.map((s) => [s.step, s.outcome, s.doneBy])).toEqual([
      ['received', 'on_time', 'triage-actor'],
      ['investigating', 'on_time', 'propose_pending-actor'],
      ['pending_approval', 'late', 'approve_pending-actor'],
      ['pending', 'on_time', 'resume-actor'],
      ['investigating', 'on_time', 'submit_determination-actor'],
      ['management_review', 'on_time', 'dispute_opinion-actor'],
      ['negotiation', 'on_time', 'record_negotiation-actor'],
      ['gm_decision', 'overdue', null],
    ]);
    // The pending step runs to the last recorded contact date (2027-01-04, 08:30 in Shanghai).
    expect(steps[3].dueAt).toEqual(at('2027-01-04T00:30:00Z'));
    // The unreachable customer stretched investigating to 48 h from its (second) start.
    expect(steps[4].dueAt).toEqual(at('2026-12-12T02:00:00Z'));
    expect(steps[6].dueAt).toEqual(at('2026-12-12T02:00:00Z'));
    expect(steps[2].tookMs).toBe(5 * 3_600_000);
  });

  it('counts working days over a holiday week and a 调休 Saturday', () => {
    const base = [
      ev('create', null, 'received', '2026-09-30T01:00:00Z'),
      ev('resolve_on_spot', 'received', 'assessment', '2026-09-30T02:00:00Z'), // Wed 10:00 in Shanghai
    ];
    // 3 working days: Oct 8 (Thu), Oct 9 (Fri), Oct 10 (the Saturday worked) → due Sat 10:00.
    const onTime = stepTimeliness([...base, ev('pass_assessment', 'assessment', 'archived', '2026-10-10T01:00:00Z')], defaultSlaPolicy, calendar, at('2026-10-20T00:00:00Z'));
    expect(onTime[1]).toMatchObject({ step: 'assessment', dueAt: at('2026-10-10T02:00:00Z'), outcome: 'on_time' });
    const late = stepTimeliness([...base, ev('pass_assessment', 'assessment', 'archived', '2026-10-10T03:00:00Z')], defaultSlaPolicy, calendar, at('2026-10-20T00:00:00Z'));
    expect(late[1].outcome).toBe('late');
  });

  it('a withdrawal ends the step without doing it', () => {
    const steps = stepTimeliness(
      [ev('create', null, 'received', '2026-11-02T01:00:00Z'), ev('withdraw', 'received', 'withdrawn', '2026-11-02T05:00:00Z')],
      defaultSlaPolicy, calendar, at('2026-11-03T00:00:00Z'),
    );
    expect(steps).toHaveLength(1);
    expect(steps[0].outcome).toBe('ended');
  });
});

describe('formClocks', () => {
  it('leaves the pending time out of the resolution time', () => {
    const c = formClocks({
      status: 'archived', receivedAt: at('2026-11-01T00:00:00Z'), responseDueAt: at('2026-11-02T00:00:00Z'), firstResponseAt: at('2026-11-01T02:00:00Z'),
      resolutionDueAt: at('2026-11-14T00:00:00Z'), resolvedAt: at('2026-11-13T00:00:00Z'), pausedMs: 10 * 86_400_000, pausedAt: null,
    }, at('2026-11-20T00:00:00Z'));
    expect(c.response).toMatchObject({ outcome: 'on_time', tookMs: 2 * 3_600_000 });
    expect(c.resolution).toMatchObject({ outcome: 'on_time', tookMs: 2 * 86_400_000 });
  });
});

describe('assessmentStart', () => {
  it('answers the timeliness part from the steps done, the running assessment left out', () => {
    const history = [
      ev('create', null, 'received', '2026-11-02T01:00:00Z'),
      ev('triage', 'received', 'investigating', '2026-11-02T03:00:00Z'), // 2 h of 1: late
      ev('submit_determination', 'investigating', 'management_review', '2026-11-02T05:00:00Z'),
      ev('approve_opinion', 'management_review', 'gm_decision', '2026-11-02T06:00:00Z'),
      ev('approve_final', 'gm_decision', 'accountability', '2026-11-02T07:00:00Z'),
      ev('complete_handling', 'accountability', 'follow_up', '2026-11-02T08:00:00Z'),
      ev('record_follow_up', 'follow_up', 'assessment', '2026-11-02T09:00:00Z'),
    ];
    const late = assessmentStart(stepTimeliness(history, defaultSlaPolicy, calendar, at('2026-11-30T00:00:00Z')));
    expect(late).toMatchObject({ timed: 6, onTime: 5, timely: false });
    expect(late.late.map((s) => s.step)).toEqual(['received']);
    const onTime = assessmentStart(stepTimeliness([history[0], { ...history[1], at: at('2026-11-02T01:30:00Z') }, ...history.slice(2)], defaultSlaPolicy, calendar, at('2026-11-30T00:00:00Z')));
    expect(onTime).toMatchObject({ timed: 6, onTime: 6, timely: true, late: [] });
  });
});
