import type { z } from 'zod';
import { describeIssue, encodeIssue } from '@/lib/validation/issues';

/**
 * zod issues as { "field.path": [codes] }, the shape the forms show next to their fields. Each
 * issue becomes a language-neutral code (lib/validation/issues.ts: `kesu:required`,
 * `kesu:tooLong:4000`, the bad-character code…) that the UI words in the reader's language
 * (lib/validation/messages.ts), never zod's English developer text.
 */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    (out[key] ??= []).push(encodeIssue(describeIssue(issue)));
  }
  return out;
}
