/** An expected refusal of an admin write: a code translated under `admin.errors`, and the field at fault. */
export type AdminErrorCode =
  | 'not_found'
  | 'not_retryable'
  | 'login_taken'
  | 'unknown_department'
  | 'not_in_department'
  | 'day_exists'
  | 'self_lockout'
  | 'forbidden'
  | 'code_taken'
  | 'unknown_site';

export class AdminError extends Error {
  constructor(
    readonly code: AdminErrorCode,
    readonly field?: string,
  ) {
    super(code);
    this.name = 'AdminError';
  }
}
