/** The refusals of promises and daily progress, translated by the actions (promises.errors). */
export type PromiseErrorCode = 'invalid_input' | 'forbidden' | 'not_found' | 'closed' | 'already_resolved' | 'due_in_past';

export class PromiseError extends Error {
  constructor(
    readonly code: PromiseErrorCode,
    /** Field errors: zod codes (fieldErrorsOf) or this module's own codes (worded by promises.errors). */
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(code);
    this.name = 'PromiseError';
  }
}
