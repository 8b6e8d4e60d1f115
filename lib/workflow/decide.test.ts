import { describe, expect, it } from 'vitest';
import {
  checkEventInput,
  decide,
  defaultCalendar,
  defaultSlaPolicy,
  eventSchemas,
  latestPendingProposal,
  type Actor,
  type DecideContext,
  type EventName,
  type FormFacts,
} from './index';
import { actors, applyInMemory, makeForm, notFoundedDetermination, sampleInputs, type MemoryCase } from './test-fixtures';

const sh = (s: string) => new Date(`${s}+08:00`);
const now = sh('2026-11-06T10:00');
const ctx = (actor: Actor = actors.desk, extra: Partial<DecideContext> = {}): DecideContext => ({
  now,
  actor,
  policy: defaultSlaPolicy,
  calendar: defaultCalendar,
  ...extra,
});
const run = (form: FormFacts, event: EventName, actor: Actor = actors.desk, input: unknown = sampleInputs[event], extra: Partial<DecideContext> = {}) =>
  decide(form, event, eventSchemas[event].parse(input), ctx(actor, extra));

describe('decide', () => {
  it('triage routes to investigating and copies the triage facts', () => {
    const form = makeForm({ severity: 'general', receivedAt: sh('2026-11-06T09:00') });
    const d = run(form, 'triage', actors.desk, { departmentId: 'dep-parts', severity: 'urgent', followUpWanted: true, major: true, partyUserIds: ['u-x'] });
    expect(d.to).toBe('investigating');
    expect(d.patch).toMatchObject({
      status: 'investigating',
      departmentId: 'dep-parts',
      severity: 'urgent',
      major: true,
      followUpWanted: true,
      partyUserIds: ['u-tech', 'u-x'],
      stateEnteredAt: now,
      stepDueAt: sh('2026-11-07T10:00'),
      responseDueAt: sh('2026-11-06T10:00'),
      resolutionDueAt: sh('2026-11-06T13:00'),
      firstResponseAt: now,
    });
    expect(d.patch.customerManagerId).toBeUndefined();
    expect(d.effects).toContainEqual({ kind: 'notify', audience: 'gm', template: 'major_needs_instruction' });
    expect(d.effects).toContainEqual({ kind: 'notify', audience: 'department', template: 'state_changed' });
    expect(d.customerVisible).toBe(true);
  });

  it('resolve_on_spot goes to follow_up or assessment by its input, delivering the remedy', () => {
    const withFollowUp = run(makeForm(), 'resolve_on_spot');
    expect(withFollowUp.to).toBe('follow_up');
    expect(withFollowUp.patch).toMatchObject({ resolvedAt: now, rootCause: 'Waiting area was not cleaned', followUpWanted: true });
    expect(withFollowUp.effects[0]).toEqual({ kind: 'remedy', status: 'delivered', remedy: { kind: 'apology', description: 'Apologised in person' } });
    const without = run(makeForm(), 'resolve_on_spot', actors.desk, { ...sampleInputs.resolve_on_spot, followUpWanted: false });
    expect(without.to).toBe('assessment');
    expect(without.patch.stepDueAt).toEqual(sh('2026-11-11T10:00'));
  });

  it('complete_handling goes to follow_up or assessment by the form’s followUpWanted', () => {
    const a = run(makeForm({ status: 'accountability' }), 'complete_handling', actors.management);
    expect(a.to).toBe('follow_up');
    expect(a.effects.filter((e) => e.kind !== 'notify').map((e) => e.kind)).toEqual(['remedy', 'accountability']);
    const b = run(makeForm({ status: 'accountability', followUpWanted: false }), 'complete_handling', actors.management, {
      ...sampleInputs.complete_handling,
      accountability: [],
      noAccountabilityReason: 'Supplier fault',
    });
    expect(b.to).toBe('assessment');
    expect(b.effects.some((e) => e.kind === 'accountability')).toBe(false);
    // A form resolved before (then reopened) keeps the first resolution time.
    const c = run(makeForm({ status: 'accountability', resolvedAt: sh('2026-10-01T10:00') }), 'complete_handling', actors.management);
    expect(c.patch.resolvedAt).toBeUndefined();
  });

  it('reject and withdraw store the texts shown to the customer', () => {
    const r = run(makeForm(), 'reject');
    expect(r.to).toBe('rejected');
    expect(r.patch).toMatchObject({ stepDueAt: null, rejectionExplanation: sampleInputs.reject.explanation });
    expect(r.effects).toContainEqual({ kind: 'notify', audience: 'customer', template: 'rejected' });
    const w = run(makeForm({ status: 'gm_decision' }), 'withdraw');
    expect(w.patch).toMatchObject({ status: 'withdrawn', stepDueAt: null, withdrawReason: sampleInputs.withdraw.reason });
  });

  it('submit_determination proposes the remedy; contacting the customer is the first response', () => {
    const d = run(makeForm({ status: 'investigating' }), 'submit_determination', actors.deptHead);
    expect(d.to).toBe('management_review');
    expect(d.customerVisible).toBe(false);
    expect(d.patch).toMatchObject({ responsiblePerson: 'Technician Li', firstResponseAt: now, stepDueAt: sh('2026-11-06T14:00') });
    expect(d.effects).toContainEqual({ kind: 'remedy', status: 'proposed', remedy: sampleInputs.submit_determination.remedyProposal });
  });

  it('a not-founded determination records the finding and the explanation, and proposes no remedy', () => {
    const d = run(makeForm({ status: 'investigating' }), 'submit_determination', actors.deptHead, notFoundedDetermination);
    expect(d.to).toBe('management_review');
    expect(d.customerVisible).toBe(false);
    expect(d.patch).toMatchObject({
      founded: false,
      rootCause: notFoundedDetermination.rootCause,
      rejectionExplanation: notFoundedDetermination.customerExplanation,
      responsiblePerson: null,
    });
    expect(d.effects.filter((e) => e.kind === 'remedy')).toEqual([]);
    // After a return, a founded determination clears the not-founded explanation.
    const again = run(makeForm({ status: 'investigating', founded: false }), 'submit_determination', actors.deptHead);
    expect(again.patch).toMatchObject({ founded: true, rejectionExplanation: null, responsiblePerson: 'Technician Li' });
  });

  it('approve_final closes a not-founded form as rejected: customer told the finding, no resolution, no survey', () => {
    const explanation = notFoundedDetermination.customerExplanation as string;
    const d = run(makeForm({ status: 'gm_decision', founded: false }), 'approve_final', actors.gm, undefined, { notFoundedExplanation: explanation });
    expect(d.to).toBe('rejected');
    expect(d.payload).toEqual({ opinion: sampleInputs.approve_final.opinion, explanation });
    expect(d.customerVisible).toBe(true);
    expect(d.patch).toMatchObject({ status: 'rejected', stepDueAt: null, finalOpinion: sampleInputs.approve_final.opinion });
    expect(d.patch.resolvedAt).toBeUndefined();
    expect(d.effects).toContainEqual({ kind: 'notify', audience: 'customer', template: 'not_founded' });
    expect(d.effects.some((e) => e.kind === 'accountability' || e.kind === 'remedy')).toBe(false);
    expect(d.effects.some((e) => e.kind === 'notify' && e.template === 'survey')).toBe(false);
    const founded = run(makeForm({ status: 'gm_decision', founded: true }), 'approve_final', actors.gm);
    expect(founded.to).toBe('accountability');
    expect(founded.customerVisible).toBe(false);
    expect(founded.effects.some((e) => e.kind === 'notify' && e.audience === 'customer')).toBe(false);
    // Reopening a rejected form drops the old finding.
    expect(run(makeForm({ status: 'rejected', founded: false }), 'reopen', actors.desk).patch).toMatchObject({ status: 'received', founded: null });
  });

  it('approve_pending opens the ledger with the proposal and pauses the resolution clock', () => {
    const form = makeForm({ status: 'pending_approval' });
    const proposal = { reason: 'parts_delayed' as const, explanation: 'Gearbox part on back order' };
    const d = run(form, 'approve_pending', actors.gm, {}, { pendingProposal: proposal });
    expect(d.to).toBe('pending');
    expect(d.patch).toMatchObject({ pausedAt: now, stepDueAt: sh('2026-12-04T08:30') });
    expect(d.effects).toContainEqual({ kind: 'ledger_open', ...proposal, nextContactOn: '2026-12-04' });
    expect(d.payload).toMatchObject({ ...proposal, nextContactOn: '2026-12-04' });
    expect(d.effects).toContainEqual({ kind: 'notify', audience: 'customer', template: 'pending' });

    const chosen = run(form, 'approve_pending', actors.gm, { nextContactOn: '2026-11-20' }, { pendingProposal: proposal });
    expect(chosen.patch.stepDueAt).toEqual(sh('2026-11-20T08:30'));
    expect(() => run(form, 'approve_pending', actors.gm, {})).toThrow(/pendingProposal/);
  });

  it('latestPendingProposal reads the last propose_pending payload', () => {
    expect(latestPendingProposal([])).toBeUndefined();
    expect(
      latestPendingProposal([
        { event: 'propose_pending', payload: { reason: 'other', explanation: 'first' } },
        { event: 'refuse_pending', payload: { reason: 'no' } },
        { event: 'propose_pending', payload: { reason: 'customer_absent', explanation: 'abroad' } },
        { event: 'note', payload: { text: 'x' } },
      ]),
    ).toEqual({ reason: 'customer_absent', explanation: 'abroad' });
  });

  it('record_contact reschedules; resume closes the ledger and pushes the resolution deadline by the pause', () => {
    const pausedAt = sh('2026-10-06T10:00');
    const form = makeForm({ status: 'pending', pausedAt, pausedMs: 1000, resolutionDueAt: sh('2026-10-10T10:00'), stateEnteredAt: pausedAt });
    const c = run(form, 'record_contact');
    expect(c.to).toBe('pending');
    expect(c.patch.stateEnteredAt).toBeUndefined();
    expect(c.patch.stepDueAt).toEqual(sh('2027-01-04T08:30'));
    expect(c.effects).toEqual([{ kind: 'ledger_contact', summary: sampleInputs.record_contact.summary, nextContactOn: '2027-01-04' }]);
    expect(run(form, 'record_contact', actors.desk, { summary: 'x' }).patch.stepDueAt).toEqual(sh('2026-12-04T08:30'));

    const r = run(form, 'resume');
    const paused = now.getTime() - pausedAt.getTime();
    expect(r.to).toBe('investigating');
    expect(r.patch).toMatchObject({ pausedAt: null, pausedMs: 1000 + paused, resolutionDueAt: new Date(sh('2026-10-10T10:00').getTime() + paused) });
    expect(r.effects).toContainEqual({ kind: 'ledger_close', outcome: 'resumed' });

    const w = run(form, 'withdraw');
    expect(w.patch.pausedAt).toBeNull();
    expect(w.effects).toContainEqual({ kind: 'ledger_close', outcome: 'withdrawn' });
  });

  it('negotiation keeps the management review deadline', () => {
    const due = sh('2026-11-06T12:00');
    const d = run(makeForm({ status: 'management_review', stepDueAt: due }), 'dispute_opinion', actors.management);
    expect(d.to).toBe('negotiation');
    expect(d.patch.stepDueAt).toEqual(due);
    const n = run(makeForm({ status: 'negotiation', stepDueAt: due }), 'record_negotiation', actors.management);
    expect(n.patch).toMatchObject({ status: 'gm_decision', faultOpinion: 'Shared fault', stepDueAt: sh('2026-11-06T14:00') });
  });

  it('note: no state change; customer-visible notes are a response; unreachable stretches investigating to 48 h', () => {
    const inv = makeForm({ status: 'investigating', stateEnteredAt: sh('2026-11-05T15:00'), stepDueAt: sh('2026-11-06T15:00') });
    const internal = run(inv, 'note', actors.deptPrimary, { text: 'Checked the part' });
    expect(internal.patch).toEqual({ status: 'investigating' });
    expect(internal.customerVisible).toBe(false);
    expect(internal.effects).toEqual([]);

    const visible = run(inv, 'note', actors.desk, { text: 'Still working on it', customerVisible: true });
    expect(visible.patch).toEqual({ status: 'investigating', firstResponseAt: now });
    expect(visible.effects).toEqual([{ kind: 'notify', audience: 'customer', template: 'progress' }]);

    const unreachable = run(inv, 'note', actors.desk, { text: 'No answer', customerUnreachable: true });
    expect(unreachable.patch).toEqual({ status: 'investigating', customerUnreachable: true, stepDueAt: sh('2026-11-07T15:00') });
    // Elsewhere the flag has no effect on deadlines.
    expect(run(makeForm(), 'note', actors.desk, { text: 'x', customerUnreachable: true }).patch).toEqual({ status: 'received' });
    // Re-entering investigating starts over with the normal deadline.
    const back = run(makeForm({ status: 'management_review', customerUnreachable: true }), 'return_to_department', actors.management);
    expect(back.patch).toMatchObject({ customerUnreachable: false, stepDueAt: sh('2026-11-07T10:00') });
  });

  it('instruct records the first GM instruction time', () => {
    const d = run(makeForm({ status: 'investigating', major: true }), 'instruct', actors.gm);
    expect(d.to).toBe('investigating');
    expect(d.patch).toEqual({ status: 'investigating', gmInstructedAt: now });
    expect(d.effects).toContainEqual({ kind: 'notify', audience: 'customer_manager', template: 'gm_instruction' });
    const again = run(makeForm({ status: 'investigating', major: true, gmInstructedAt: sh('2026-11-01T10:00') }), 'instruct', actors.gm);
    expect(again.patch.gmInstructedAt).toBeUndefined();
  });

  it('archiving and reopening', () => {
    const passed = run(makeForm({ status: 'assessment', resolvedAt: sh('2026-11-01T10:00') }), 'pass_assessment');
    expect(passed.patch).toMatchObject({ status: 'archived', archivedAt: now, stepDueAt: null });
    const settled = run(makeForm({ status: 'fault_review' }), 'settle_fault', actors.management, {
      settlement: 'Warned',
      accountability: [{ person: 'Desk Zhao', type: 'penalty', amountCents: 5000, reason: 'Late call' }],
    });
    expect(settled.patch.archivedAt).toEqual(now);
    expect(settled.effects.some((e) => e.kind === 'accountability')).toBe(true);

    const archived = makeForm({ status: 'archived', resolvedAt: sh('2026-11-01T10:00'), archivedAt: sh('2026-11-03T10:00') });
    expect(run(archived, 'reopen', actors.gm).patch).toMatchObject({ status: 'investigating', resolvedAt: null, archivedAt: null });
    const followUp = makeForm({ status: 'follow_up', resolvedAt: sh('2026-11-01T10:00') });
    expect(run(followUp, 'reopen').patch).toMatchObject({ status: 'investigating', resolvedAt: null });
    const rejected = run(makeForm({ status: 'rejected', stepDueAt: null }), 'reopen');
    expect(rejected.to).toBe('received');
    expect(rejected.patch.stepDueAt).toEqual(sh('2026-11-06T11:00'));
  });

  it('a dissatisfied follow-up reopens the case with its rating; without the rating it is refused', () => {
    const followUp = makeForm({ status: 'follow_up', resolvedAt: sh('2026-11-01T10:00') });
    expect(checkEventInput(actors.desk, followUp, 'reopen', { reason: '异响仍在' })).toEqual({ ok: false, refusal: { code: 'rating_required' } });
    expect(checkEventInput(actors.desk, followUp, 'reopen', { reason: '异响仍在', satisfaction: 1 })).toEqual({ ok: true });
    const d = run(followUp, 'reopen', actors.desk, { reason: '异响仍在', satisfaction: 1 });
    expect(d.patch).toMatchObject({ status: 'investigating', satisfaction: 1, resolvedAt: null });
    // Reopening an archived form asks for no rating.
    const archived = makeForm({ status: 'archived', resolvedAt: sh('2026-11-01T10:00'), archivedAt: sh('2026-11-03T10:00') });
    expect(checkEventInput(actors.gm, archived, 'reopen', { reason: '客户再次投诉' })).toEqual({ ok: true });
  });

  it('record_follow_up stores satisfaction', () => {
    const d = run(makeForm({ status: 'follow_up' }), 'record_follow_up', actors.desk, { satisfaction: 4, summary: 'ok' });
    expect(d.patch).toMatchObject({ status: 'assessment', satisfaction: 4 });
  });

  it('an admin repair is made visible to management', () => {
    const d = run(makeForm({ status: 'gm_decision' }), 'approve_final', actors.admin);
    expect(d.effects).toContainEqual({ kind: 'notify', audience: 'management', template: 'admin_repair' });
    expect(d.payload.adminRepair).toBe(true);
    expect(run(makeForm({ status: 'gm_decision' }), 'approve_final', actors.gm).payload.adminRepair).toBeUndefined();
    expect(run(makeForm(), 'note', actors.admin, { text: 'x' }).effects).toEqual([]);
  });

  it('throws when asked for a transition the machine does not have', () => {
    expect(() => decide(makeForm(), 'complete_handling', sampleInputs.complete_handling, ctx(actors.management))).toThrow(/no transition/);
    expect(() => decide(makeForm({ status: 'withdrawn' }), 'reopen', sampleInputs.reopen, ctx())).toThrow(/no transition/);
  });

  it('does not mutate the form it is given', () => {
    const form = makeForm({ status: 'pending', pausedAt: sh('2026-10-06T10:00') });
    const copy = structuredClone(form);
    run(form, 'resume');
    expect(form).toEqual(copy);
  });
});

describe('applyInMemory (test helper)', () => {
  it('walks the longest path to archived', () => {
    let c: MemoryCase = { form: makeForm({ receivedAt: now, stateEnteredAt: now }), history: [] };
    const steps: [Actor, EventName][] = [
      [actors.desk, 'triage'],
      [actors.desk, 'propose_pending'],
      [actors.gm, 'approve_pending'],
      [actors.desk, 'record_contact'],
      [actors.desk, 'resume'],
      [actors.deptHead, 'submit_determination'],
      [actors.management, 'dispute_opinion'],
      [actors.management, 'record_negotiation'],
      [actors.gm, 'return_to_management'],
      [actors.management, 'approve_opinion'],
      [actors.gm, 'approve_final'],
      [actors.management, 'complete_handling'],
      [actors.desk, 'record_follow_up'],
      [actors.desk, 'flag_fault'],
      [actors.management, 'settle_fault'],
    ];
    let t = now.getTime();
    for (const [actor, event] of steps) {
      t += 3_600_000;
      const r = applyInMemory(c, actor, event, sampleInputs[event], new Date(t));
      expect(r.ok, `${event}: ${r.ok ? '' : r.refusal.code}`).toBe(true);
      c = r.case;
    }
    expect(c.form.status).toBe('archived');
    expect(c.form.version).toBe(1 + steps.length);
    expect(c.history.find((h) => h.event === 'approve_pending')?.payload).toMatchObject({ reason: 'parts_delayed' });
    expect(c.form.pausedMs).toBe(2 * 3_600_000); // approve_pending → resume
  });
});

describe('marking a form major after triage', () => {
  it('the desk marks it with a note: no state change, the GM is asked for an instruction', () => {
    const form = makeForm({ status: 'investigating' });
    const d = run(form, 'note', actors.desk, { text: '客户已投诉到媒体，升级为重大投诉。', markMajor: true });
    expect(d.to).toBe('investigating');
    expect(d.patch.major).toBe(true);
    expect(d.effects).toContainEqual({ kind: 'notify', audience: 'gm', template: 'major_needs_instruction' });
  });

  it('only the desk (or admin) may, and only on an open form', () => {
    const open = makeForm({ status: 'investigating' });
    const input = eventSchemas.note.parse({ text: '升级', markMajor: true });
    expect(checkEventInput(actors.desk, open, 'note', input)).toEqual({ ok: true });
    expect(checkEventInput(actors.admin, open, 'note', input)).toEqual({ ok: true });
    for (const actor of [actors.management, actors.gm, actors.deptHead]) {
      const r = checkEventInput(actor, open, 'note', input);
      expect(r.ok ? null : r.refusal.code).toBe('wrong_role');
    }
    const closed = checkEventInput(actors.desk, makeForm({ status: 'archived' }), 'note', input);
    expect(closed.ok ? null : closed.refusal.code).toBe('terminal');
    // A plain note asks nothing of the kind.
    expect(checkEventInput(actors.management, open, 'note', eventSchemas.note.parse({ text: '备注' }))).toEqual({ ok: true });
  });
});
