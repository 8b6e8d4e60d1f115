import { describe, expect, it } from 'vitest';
import {
  availableEvents,
  assignableCheck,
  checkEvent,
  events,
  findTransition,
  openStates,
  replay,
  roles,
  stateOwner,
  states,
  targetsOf,
  transitions,
  type EventName,
  type Role,
  type State,
} from './index';
import { actors, makeForm } from './test-fixtures';

// Written out independently of `transitions` (DESIGN §3 + the role contract).
const W: Role[] = ['desk'];
const spec: Record<State, Partial<Record<EventName, Role[]>>> = {
  received: { triage: ['desk'], resolve_on_spot: ['desk'], propose_pending: ['desk'], reject: ['desk'], withdraw: W },
  investigating: { submit_determination: ['department'], propose_pending: ['desk', 'department'], withdraw: W },
  pending_approval: { approve_pending: ['gm'], refuse_pending: ['gm'], withdraw: W },
  pending: { record_contact: ['desk'], resume: ['desk'], withdraw: W },
  management_review: {
    approve_opinion: ['management'],
    dispute_opinion: ['management'],
    return_to_department: ['management'],
    withdraw: W,
  },
  negotiation: { record_negotiation: ['management'], withdraw: W },
  gm_decision: { approve_final: ['gm'], return_to_management: ['gm'], withdraw: W },
  accountability: { complete_handling: ['management'], withdraw: W },
  follow_up: { record_follow_up: ['desk'], reopen: ['desk'] },
  assessment: { pass_assessment: ['desk'], flag_fault: ['desk'] },
  fault_review: { settle_fault: ['management'] },
  archived: { reopen: ['gm', 'desk'] },
  rejected: { reopen: ['desk'] },
  withdrawn: {},
};
const terminal: State[] = ['archived', 'rejected', 'withdrawn'];

const actorFor: Record<Role, (typeof actors)[keyof typeof actors]> = {
  desk: actors.desk,
  department: actors.deptHead,
  management: actors.management,
  gm: actors.gm,
  admin: actors.admin,
  finance: actors.finance,
};

function expected(state: State, event: EventName, role: Role): string {
  if (event === 'note') {
    if (state === 'withdrawn') return 'withdrawn_no_notes';
    return role === 'finance' ? 'wrong_role' : 'ok';
  }
  if (event === 'evidence_added') return terminal.includes(state) ? 'terminal' : 'ok';
  if (event === 'instruct') {
    if (terminal.includes(state)) return 'terminal';
    return role === 'gm' || role === 'admin' ? 'ok' : 'wrong_role';
  }
  const allowed = spec[state][event];
  if (!allowed) return terminal.includes(state) ? 'terminal' : 'wrong_state';
  return role === 'admin' || allowed.includes(role) ? 'ok' : 'wrong_role';
}

describe('transition table', () => {
  const triples = states.flatMap((s) => events.map((e) => roles.map((r) => [s, e, r] as const)).flat());

  it('covers 14 states × 25 events × 6 roles', () => {
    expect(states).toHaveLength(14);
    expect(events).toHaveLength(25);
    expect(triples).toHaveLength(14 * 25 * 6);
  });

  it.each(triples)('%s / %s / %s', (state, event, role) => {
    // Major and already instructed, so the major rule never interferes here.
    const form = makeForm({ status: state, major: true, gmInstructedAt: new Date('2026-11-01T00:00:00Z') });
    const r = checkEvent(actorFor[role], form, event);
    expect(r.ok ? 'ok' : r.refusal.code).toBe(expected(state, event, role));
  });

  it('approve_final targets accountability, or rejected for a not-founded determination', () => {
    expect(targetsOf(findTransition('gm_decision', 'approve_final')!).sort()).toEqual(['accountability', 'rejected']);
    expect(targetsOf(findTransition('management_review', 'approve_opinion')!)).toEqual(['gm_decision']);
  });

  it('lists exactly the table: one entry per (from, event), note/instruct/evidence_added absent', () => {
    const fromSpec = states.flatMap((s) => Object.keys(spec[s]).map((e) => `${s}:${e}`)).sort();
    const fromCode = transitions.map((t) => `${t.from}:${t.event}`).sort();
    expect(fromCode).toEqual(fromSpec);
    expect(new Set(fromCode).size).toBe(fromCode.length);
    for (const t of transitions) {
      expect([...t.roles].sort()).toEqual([...spec[t.from][t.event]!].sort());
      expect(t.roles).not.toContain('admin');
      expect(t.roles).not.toContain('finance');
    }
    expect(transitions.filter((t) => t.event === 'withdraw').map((t) => t.from)).toEqual([
      'received',
      'investigating',
      'pending_approval',
      'pending',
      'management_review',
      'negotiation',
      'gm_decision',
      'accountability',
    ]);
  });

  it('targets match DESIGN §3', () => {
    expect(findTransition('received', 'resolve_on_spot')?.to).toEqual(['follow_up', 'assessment']);
    expect(findTransition('accountability', 'complete_handling')?.to).toEqual(['follow_up', 'assessment']);
    expect(findTransition('rejected', 'reopen')?.to).toBe('received');
    expect(findTransition('archived', 'reopen')?.to).toBe('investigating');
    expect(findTransition('follow_up', 'reopen')?.to).toBe('investigating');
    expect(findTransition('pending', 'record_contact')?.to).toBe('pending');
    expect(findTransition('withdrawn', 'reopen')).toBeUndefined();
    expect(findTransition('received', 'note')).toBeUndefined();
  });

  it('owners and open states', () => {
    expect(openStates).toEqual(states.filter((s) => !terminal.includes(s)));
    for (const s of terminal) expect(stateOwner[s]).toEqual([]);
    for (const s of openStates) expect(stateOwner[s].length).toBeGreaterThan(0);
  });
});

describe('guards', () => {
  const investigating = makeForm({ status: 'investigating' });

  it('refuses a department user on another department’s form, for events and notes', () => {
    expect(checkEvent(actors.otherDeptHead, investigating, 'submit_determination')).toEqual({
      ok: false,
      refusal: { code: 'wrong_department' },
    });
    expect(checkEvent(actors.otherDeptHead, investigating, 'propose_pending').ok).toBe(false);
    expect(checkEvent(actors.otherDeptHead, investigating, 'note')).toMatchObject({ refusal: { code: 'wrong_department' } });
    expect(checkEvent(actors.deptHead, makeForm({ status: 'investigating', departmentId: null }), 'submit_determination').ok).toBe(false);
  });

  it('refuses an involved party every event, including note', () => {
    for (const state of states) {
      const form = makeForm({ status: state, partyUserIds: [actors.desk.id, actors.gm.id, actors.deptHead.id] });
      for (const event of events) {
        for (const a of [actors.desk, actors.gm, actors.deptHead]) {
          expect(checkEvent(a, form, event)).toEqual({ ok: false, refusal: { code: 'involved_party' } });
        }
      }
    }
    expect(checkEvent(actors.party, makeForm(), 'note')).toMatchObject({ refusal: { code: 'involved_party' } });
  });

  it('submit_determination: head only; secondary only while the head is absent; never primary', () => {
    expect(checkEvent(actors.deptHead, investigating, 'submit_determination').ok).toBe(true);
    expect(checkEvent(actors.deptSecondary, investigating, 'submit_determination')).toMatchObject({ refusal: { code: 'needs_head' } });
    expect(checkEvent(actors.deptPrimary, investigating, 'submit_determination')).toMatchObject({ refusal: { code: 'needs_head' } });
    const headAway = makeForm({ status: 'investigating', departmentHeadAbsent: true });
    expect(checkEvent(actors.deptSecondary, headAway, 'submit_determination').ok).toBe(true);
    expect(checkEvent(actors.deptPrimary, headAway, 'submit_determination')).toMatchObject({ refusal: { code: 'needs_head' } });
    expect(checkEvent(actors.admin, investigating, 'submit_determination').ok).toBe(true);
    // Handlers other than the head may still propose a pending item.
    expect(checkEvent(actors.deptPrimary, investigating, 'propose_pending').ok).toBe(true);
  });

  it('a major form cannot leave investigating before the GM instruction', () => {
    const major = makeForm({ status: 'investigating', major: true });
    for (const [a, e] of [
      [actors.deptHead, 'submit_determination'],
      [actors.desk, 'propose_pending'],
      [actors.deptHead, 'propose_pending'],
      [actors.desk, 'withdraw'],
      [actors.admin, 'submit_determination'],
    ] as const) {
      expect(checkEvent(a, major, e)).toEqual({ ok: false, refusal: { code: 'needs_gm_instruction' } });
    }
    expect(checkEvent(actors.desk, major, 'note').ok).toBe(true);
    expect(checkEvent(actors.gm, major, 'instruct').ok).toBe(true);
    const instructed = { ...major, gmInstructedAt: new Date() };
    expect(checkEvent(actors.deptHead, instructed, 'submit_determination').ok).toBe(true);
    expect(checkEvent(actors.desk, instructed, 'withdraw').ok).toBe(true);
    // The rule is about leaving investigating: a major form may be withdrawn while received.
    expect(checkEvent(actors.desk, makeForm({ major: true }), 'withdraw').ok).toBe(true);
  });

  it('withdraw only before follow_up', () => {
    for (const s of states) {
      const ok = checkEvent(actors.desk, makeForm({ status: s }), 'withdraw').ok;
      expect(ok, s).toBe(states.indexOf(s) < states.indexOf('follow_up'));
    }
  });

  it('note: refused in withdrawn, allowed in archived and rejected, never for finance', () => {
    expect(checkEvent(actors.desk, makeForm({ status: 'withdrawn' }), 'note')).toEqual({
      ok: false,
      refusal: { code: 'withdrawn_no_notes' },
    });
    expect(checkEvent(actors.desk, makeForm({ status: 'archived' }), 'note').ok).toBe(true);
    expect(checkEvent(actors.management, makeForm({ status: 'rejected' }), 'note').ok).toBe(true);
    expect(checkEvent(actors.finance, makeForm(), 'note')).toMatchObject({ refusal: { code: 'wrong_role' } });
  });

  it('evidence_added: open forms only, never another department; changes no state in replay', () => {
    for (const s of terminal) expect(checkEvent(actors.desk, makeForm({ status: s }), 'evidence_added')).toMatchObject({ refusal: { code: 'terminal' } });
    expect(checkEvent(actors.otherDeptHead, makeForm({ status: 'investigating' }), 'evidence_added')).toMatchObject({ refusal: { code: 'wrong_department' } });
    expect(checkEvent(actors.deptPrimary, makeForm({ status: 'investigating' }), 'evidence_added').ok).toBe(true);
    expect(replay([{ event: 'evidence_added', to: 'received' }, { event: 'triage', to: 'investigating' }])).toBe('investigating');
    expect(() => replay([{ event: 'evidence_added', to: 'investigating' }])).toThrow();
    expect(() => replay([{ event: 'reject', to: 'rejected' }, { event: 'evidence_added', to: 'rejected' }])).toThrow();
  });

  it('instruct: gm or admin, major forms only, open states only', () => {
    expect(checkEvent(actors.gm, makeForm(), 'instruct')).toEqual({ ok: false, refusal: { code: 'not_major' } });
    expect(checkEvent(actors.gm, makeForm({ major: true }), 'instruct').ok).toBe(true);
    expect(checkEvent(actors.admin, makeForm({ major: true }), 'instruct').ok).toBe(true);
    expect(checkEvent(actors.management, makeForm({ major: true }), 'instruct')).toMatchObject({ refusal: { code: 'wrong_role' } });
    expect(checkEvent(actors.gm, makeForm({ major: true, status: 'archived' }), 'instruct')).toMatchObject({ refusal: { code: 'terminal' } });
  });

  it('refusals carry params for wrong_state and wrong_role', () => {
    expect(checkEvent(actors.desk, makeForm(), 'approve_final')).toEqual({
      ok: false,
      refusal: { code: 'wrong_state', params: { event: 'approve_final', state: 'received' } },
    });
    expect(checkEvent(actors.gm, makeForm(), 'triage')).toEqual({
      ok: false,
      refusal: { code: 'wrong_role', params: { event: 'triage', role: 'gm' } },
    });
  });

  it('availableEvents lists the state’s events plus note and instruct, with reasons', () => {
    const list = availableEvents(actors.desk, makeForm({ status: 'follow_up' }));
    expect(list.map((e) => e.event)).toEqual(['record_follow_up', 'reopen', 'note', 'instruct']);
    expect(list.filter((e) => e.ok).map((e) => e.event)).toEqual(['record_follow_up', 'reopen', 'note']);
    expect(list.find((e) => e.event === 'instruct')?.refusal).toEqual({ code: 'wrong_role', params: { event: 'instruct', role: 'desk' } });
    const withdrawn = availableEvents(actors.admin, makeForm({ status: 'withdrawn' }));
    expect(withdrawn.every((e) => !e.ok)).toBe(true);
    expect(availableEvents(actors.finance, makeForm()).every((e) => !e.ok)).toBe(true);
  });

  it('assignableCheck refuses an involved party', () => {
    const form = makeForm({ partyUserIds: ['u-tech'] });
    expect(assignableCheck('u-tech', form)).toEqual({ ok: false, refusal: { code: 'involved_party' } });
    expect(assignableCheck('u-desk', form)).toEqual({ ok: true });
  });
});

describe('replay', () => {
  it('follows a full happy path', () => {
    expect(
      replay([
        { event: 'triage', to: 'investigating' },
        { event: 'note', to: 'investigating' },
        { event: 'submit_determination', to: 'management_review' },
        { event: 'dispute_opinion', to: 'negotiation' },
        { event: 'record_negotiation', to: 'gm_decision' },
        { event: 'approve_final', to: 'accountability' },
        { event: 'complete_handling', to: 'follow_up' },
        { event: 'record_follow_up', to: 'assessment' },
        { event: 'pass_assessment', to: 'archived' },
        { event: 'reopen', to: 'investigating' },
      ]),
    ).toBe('investigating');
  });

  it('follows the not-founded path: the GM’s approval closes it as rejected (DESIGN §3)', () => {
    expect(
      replay([
        { event: 'triage', to: 'investigating' },
        { event: 'submit_determination', to: 'management_review' },
        { event: 'approve_opinion', to: 'gm_decision' },
        { event: 'approve_final', to: 'rejected' },
        { event: 'reopen', to: 'received' },
      ]),
    ).toBe('received');
  });

  it('throws on an impossible step', () => {
    expect(() => replay([{ event: 'approve_final', to: 'accountability' }])).toThrow();
    expect(() => replay([{ event: 'resolve_on_spot', to: 'archived' }])).toThrow();
    expect(() => replay([{ event: 'withdraw', to: 'withdrawn' }, { event: 'note', to: 'withdrawn' }])).toThrow();
    expect(() => replay([{ event: 'note', to: 'investigating' }])).toThrow();
  });
});

describe('labels', () => {
  it('every machine name has an English and a Chinese label', async () => {
    const { channels, pendingReasons, refusalCodes, remedyKinds, severities } = await import('./index');
    for (const locale of ['en', 'zh-CN']) {
      const m = (await import(`../../messages/${locale}/workflow.json`)).default as Record<string, Record<string, string>>;
      const groups: [string, readonly string[]][] = [
        ['states', states],
        ['events', events],
        ['refusals', refusalCodes],
        ['remedyKinds', remedyKinds],
        ['severities', severities],
        ['channels', channels],
        ['pendingReasons', pendingReasons],
      ];
      for (const [group, names] of groups) {
        expect(Object.keys(m[group]).sort(), `${locale}.${group}`).toEqual([...names].sort());
        for (const n of names) expect(m[group][n].length, `${locale}.${group}.${n}`).toBeGreaterThan(0);
      }
    }
  });
});
