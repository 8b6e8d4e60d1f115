import type { RefusalCode } from '@/lib/workflow';

export type CommandErrorCode = RefusalCode | 'not_found' | 'stale_version' | 'invalid_input' | 'not_assignable' | 'unknown_reference';

/**
 * An expected refusal of a command: a code the UI translates (workflow.refusals / commands.errors),
 * parameters for the message, and field errors when the input was at fault.
 */
export class CommandError extends Error {
  constructor(
    readonly code: CommandErrorCode,
    readonly params: Record<string, string> = {},
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
    this.name = 'CommandError';
  }
}
