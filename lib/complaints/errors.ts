import type { RefusalCode } from '@/lib/workflow';
import type { UploadRefusal } from '@/lib/uploads';
import { encodeIssue } from '@/lib/validation/issues';

export type CommandErrorCode = RefusalCode | 'not_found' | 'stale_version' | 'invalid_input' | 'not_assignable' | 'unknown_reference' | 'department_unstaffed' | `upload_${UploadRefusal}`;

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

/**
 * A chosen person, department or category that does not exist (any more) or is not of the
 * form's site: `unknown_reference` naming the field, with the field error worded like any other
 * (`validation.rules.<key>`: by default "no longer exists or is not of this site").
 */
export function unknownReference(field: string, key = 'unknownChoice'): CommandError {
  return new CommandError('unknown_reference', { field }, { [field]: [encodeIssue({ kind: 'rule', key })] });
}
