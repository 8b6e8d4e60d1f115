import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableEvents,
  checkEvent,
  events,
  isTerminal,
  replay,
  type Actor,
  type EventName,
  type State,
} from './index';
import { actors, applyInMemory, makeForm, sampleInputs, type MemoryCase } from './test-fixtures';

const cast: Actor[] = Object.values(actors);

/** Valid inputs with the variations that change the path taken. */
function inputFor(event: EventName, variant: number): unknown {
  const base = sampleInputs[event] as Record<string, unknown>;
  switch (event) {
    case 'triage':
      return { ...base, major: variant % 3 === 0, followUpWanted: variant % 2 === 0, severity: (['urgent', 'important', 'general'] as const)[variant % 3] };
    case 'resolve_on_spot':
      return { ...base, followUpWanted: variant % 2 === 0 };
    case 'note':
      return { text: 'note', customerVisible: variant % 2 === 0, customerUnreachable: variant % 3 === 0 };
    case 'approve_pending':
      return variant % 2 === 0 ? {} : base;
    case 'record_contact':
      return variant % 2 === 0 ? { summary: 'Called' } : base;
    default:
      return base;
  }
}

const stepArb = fc.record({
  preferValid: fc.boolean(),
  pick: fc.nat(),
  actor: fc.nat(cast.length - 1),
  event: fc.nat(events.length - 1),
  variant: fc.nat(11),
  invalidInput: fc.boolean(),
  minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
});

const resolvedStates: State[] = ['follow_up', 'assessment', 'fault_review', 'archived'];

function checkInvariants(c: MemoryCase) {
  const { form, history } = c;
  expect(replay(history.map((h) => ({ event: h.event, to: h.to })))).toBe(form.status);
  expect(form.version).toBe(1 + history.length);
  for (const h of history) {
    if (isTerminal(h.from) && h.to !== h.from) {
      expect(h.event).toBe('reopen');
      expect(h.from).not.toBe('withdrawn');
    }
    expect(h.from).not.toBe('withdrawn');
  }
  expect(form.stepDueAt === null).toBe(isTerminal(form.status));
  expect(form.pausedAt !== null).toBe(form.status === 'pending');
  expect(form.archivedAt !== null).toBe(form.status === 'archived');
  if (resolvedStates.includes(form.status)) expect(form.resolvedAt).not.toBeNull();
  if (history.some((h) => h.customerVisible)) expect(form.firstResponseAt).not.toBeNull();
  const lastMove = [...history].reverse().find((h) => h.from !== h.to);
  if (lastMove) expect(form.stateEnteredAt).toEqual(lastMove.at);
  expect(form.pausedMs).toBeGreaterThanOrEqual(0);
  expect(form.resolutionDueAt.getTime() - form.pausedMs).toBeGreaterThanOrEqual(form.receivedAt.getTime());
}

describe('random event sequences', () => {
  it('keep the machine’s invariants', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(stepArb, { minLength: 1, maxLength: 60 }), (headAbsent, steps) => {
        const start = new Date('2026-09-28T01:00:00Z');
        let c: MemoryCase = { form: makeForm({ departmentHeadAbsent: headAbsent, receivedAt: start, stateEnteredAt: start }), history: [] };
        let t = start.getTime();
        for (const s of steps) {
          t += s.minutes * 60_000;
          const now = new Date(t);
          let actor = cast[s.actor];
          let event = events[s.event];
          if (s.preferValid) {
            const valid = cast.flatMap((a) => availableEvents(a, c.form).filter((e) => e.ok).map((e) => [a, e.event] as const));
            if (valid.length > 0) [actor, event] = valid[s.pick % valid.length];
          }
          const before = structuredClone(c);
          const input = s.invalidInput && !s.preferValid ? { bogus: true } : inputFor(event, s.variant);
          const r = applyInMemory(c, actor, event, input, now);
          if (!r.ok) {
            // Refused: nothing changed, not even by the guard.
            expect(r.case).toBe(c);
            expect(c).toEqual(before);
          } else {
            expect(checkEvent(actor, before.form, event).ok).toBe(true);
            expect(actor.id).not.toBe(actors.party.id);
            expect(c).toEqual(before); // decide does not mutate its input
            if (before.form.status === 'investigating' && before.form.major && before.form.gmInstructedAt === null) {
              expect(r.decision.to).toBe('investigating');
            }
            c = r.case;
          }
          checkInvariants(c);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reach every state', () => {
    const seen = new Set<State>();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(11)), { minLength: 1, maxLength: 40 }), (picks) => {
        let c: MemoryCase = { form: makeForm(), history: [] };
        let t = c.form.receivedAt.getTime();
        for (const [pick, variant] of picks) {
          t += 3_600_000;
          const valid = cast.flatMap((a) => availableEvents(a, c.form).filter((e) => e.ok).map((e) => [a, e.event] as const));
          const moving = valid.filter(([, e]) => e !== 'note');
          if (moving.length === 0) break;
          const [a, e] = moving[pick % moving.length];
          const r = applyInMemory(c, a, e, inputFor(e, variant), new Date(t));
          if (r.ok) c = r.case;
          seen.add(c.form.status);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
    expect([...seen].sort()).toEqual(
      ['received', 'investigating', 'pending_approval', 'pending', 'management_review', 'negotiation', 'gm_decision', 'accountability', 'follow_up', 'assessment', 'fault_review', 'archived', 'rejected', 'withdrawn'].sort(),
    );
  });
});
