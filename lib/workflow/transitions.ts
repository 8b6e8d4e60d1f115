import { isTerminal, withdrawableStates, type Role, type State } from './states';

export const events = [
  'triage',
  'resolve_on_spot',
  'propose_pending',
  'reject',
  'submit_determination',
  'approve_pending',
  'refuse_pending',
  'record_contact',
  'resume',
  'approve_opinion',
  'dispute_opinion',
  'return_to_department',
  'record_negotiation',
  'approve_final',
  'return_to_management',
  'complete_handling',
  'record_follow_up',
  'reopen',
  'pass_assessment',
  'flag_fault',
  'settle_fault',
  'withdraw',
  'note',
  'instruct',
  'evidence_added',
] as const;

/** Every event of the procedure; the union is derived from the list, so the two cannot drift. */
export type EventName = (typeof events)[number];

/** Events that change no state and are therefore not in `transitions`. */
export const statelessEvents = ['note', 'instruct', 'evidence_added'] as const satisfies readonly EventName[];
export type StatelessEvent = (typeof statelessEvents)[number];
export function isStatelessEvent(event: EventName): event is StatelessEvent {
  return (statelessEvents as readonly EventName[]).includes(event);
}

export interface Transition {
  from: State;
  event: EventName;
  to: State | State[];
  roles: Role[];
}

const t = (from: State, event: EventName, to: State | State[], roles: Role[]): Transition => ({
  from,
  event,
  to,
  roles,
});

const afterHandling: State[] = ['follow_up', 'assessment'];

export const transitions: Transition[] = [
  t('received', 'triage', 'investigating', ['desk']),
  t('received', 'resolve_on_spot', afterHandling, ['desk']),
  t('received', 'propose_pending', 'pending_approval', ['desk']),
  t('received', 'reject', 'rejected', ['desk']),

  t('investigating', 'submit_determination', 'management_review', ['department']),
  t('investigating', 'propose_pending', 'pending_approval', ['desk', 'department']),

  t('pending_approval', 'approve_pending', 'pending', ['gm']),
  t('pending_approval', 'refuse_pending', 'investigating', ['gm']),

  t('pending', 'record_contact', 'pending', ['desk']),
  t('pending', 'resume', 'investigating', ['desk']),

  t('management_review', 'approve_opinion', 'gm_decision', ['management']),
  t('management_review', 'dispute_opinion', 'negotiation', ['management']),
  t('management_review', 'return_to_department', 'investigating', ['management']),

  t('negotiation', 'record_negotiation', 'gm_decision', ['management']),

  // Rejected when the determination found the complaint not founded (decide reads `founded`).
  t('gm_decision', 'approve_final', ['accountability', 'rejected'], ['gm']),
  t('gm_decision', 'return_to_management', 'management_review', ['gm']),

  t('accountability', 'complete_handling', afterHandling, ['management']),

  t('follow_up', 'record_follow_up', 'assessment', ['desk']),
  t('follow_up', 'reopen', 'investigating', ['desk']),

  t('assessment', 'pass_assessment', 'archived', ['desk']),
  t('assessment', 'flag_fault', 'fault_review', ['desk']),

  t('fault_review', 'settle_fault', 'archived', ['management']),

  t('archived', 'reopen', 'investigating', ['gm', 'desk']),
  t('rejected', 'reopen', 'received', ['desk']),

  ...withdrawableStates.map((from) => t(from, 'withdraw', 'withdrawn', ['desk'])),
];

const byKey = new Map<string, Transition>(transitions.map((tr) => [`${tr.from}:${tr.event}`, tr]));

export function findTransition(from: State, event: EventName): Transition | undefined {
  return byKey.get(`${from}:${event}`);
}

export function transitionsFrom(from: State): Transition[] {
  return transitions.filter((tr) => tr.from === from);
}

export function targetsOf(tr: Transition): State[] {
  return Array.isArray(tr.to) ? tr.to : [tr.to];
}

/**
 * Replays a history from `received`; throws on any step the machine does not allow.
 * `note` rows are accepted in any state but `withdrawn`, `instruct` and `evidence_added` rows in open
 * states only; none of them moves the state.
 */
export function replay(history: readonly { event: EventName; to: State }[], start: State = 'received'): State {
  let current = start;
  history.forEach(({ event, to }, i) => {
    if (isStatelessEvent(event)) {
      if (to !== current || (event === 'note' && current === 'withdrawn') || (event !== 'note' && isTerminal(current))) {
        throw new Error(`replay: step ${i}: ${event} not allowed in ${current} (to ${to})`);
      }
      return;
    }
    const tr = findTransition(current, event);
    if (!tr || !targetsOf(tr).includes(to)) {
      throw new Error(`replay: step ${i}: ${current} --${event}--> ${to} is not a transition`);
    }
    current = to;
  });
  return current;
}
