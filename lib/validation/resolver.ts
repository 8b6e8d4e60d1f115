/**
 * react-hook-form's resolver for our zod schemas, with every field error worded in the reader's
 * language and naming its field (lib/validation/messages.ts). zodResolver keeps zod's message,
 * and inside a union zod words the issue before it knows the field's path; this resolver words
 * each issue with its full path. Pure: for client components.
 */
import type { z } from 'zod';
import type { FieldError, FieldValues, Resolver } from 'react-hook-form';
import { toNestErrors } from '@hookform/resolvers';
import { describeIssue } from './issues';
import { issueText, type RootTranslator } from './messages';

export function localizedResolver<V extends FieldValues = FieldValues, O = V>(
  schema: z.ZodType,
  t: RootTranslator,
  opts: { labels?: readonly string[]; prepare?: (values: V) => unknown } = {},
): Resolver<V, unknown, O> {
  return async (values, _context, options) => {
    const result = await schema.safeParseAsync(opts.prepare ? opts.prepare(values) : values);
    if (result.success) return { values: result.data as O, errors: {} };
    const flat: Record<string, FieldError> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.join('.') || 'root';
      // The first problem of a field is the one to fix first.
      flat[path] ??= { type: issue.code, message: issueText(t, path, describeIssue(issue), opts.labels) };
    }
    return { values: {}, errors: toNestErrors(flat, options) };
  };
}
