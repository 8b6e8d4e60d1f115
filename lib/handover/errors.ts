/** The refusals of a hand-over, worded by handover.errors. */
export type HandoverErrorCode = 'invalid_input' | 'forbidden' | 'not_found' | 'closed' | 'same_person' | 'not_assignable' | 'nothing_to_hand_over';

export class HandoverError extends Error {
  constructor(
    readonly code: HandoverErrorCode,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(code);
    this.name = 'HandoverError';
  }
}
