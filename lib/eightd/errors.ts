/** The refusals of 8D reports, translated by the actions (eightd.errors). */
export type EightDErrorCode = 'invalid_input' | 'forbidden' | 'not_found' | 'closed' | 'not_quality' | 'already_linked' | 'steps_open' | 'other_site';

export class EightDError extends Error {
  constructor(
    readonly code: EightDErrorCode,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(code);
    this.name = 'EightDError';
  }
}
