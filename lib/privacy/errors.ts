/** An expected refusal of a person's-data act: a code translated under `privacy.errors`. */
export type PrivacyErrorCode = 'forbidden' | 'not_found' | 'changed' | 'open_forms' | 'on_hold' | 'already_on_hold' | 'not_on_hold';

export class PrivacyError extends Error {
  constructor(
    readonly code: PrivacyErrorCode,
    /** e.g. { numbers: 'KS-2026-000001, KS-2026-000002' } for open_forms and on_hold. */
    readonly params: Record<string, string> = {},
  ) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
    this.name = 'PrivacyError';
  }
}
