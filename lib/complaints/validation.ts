import type { z } from 'zod';
import { badCharCode, isBadCharParams, type BadCharParams } from '@/lib/validation/text';
import { badPhoneCode, isBadPhoneParams } from '@/lib/validation/phone';

/**
 * zod issues as { "field.path": [messages] }, the shape the forms show next to their fields.
 * A bad character (lib/validation/text.ts) becomes a language-neutral code that the UI words
 * in the reader's language (lib/validation/messages.ts).
 */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    const bad = badCharOf(issue);
    const badPhone = issue.code === 'custom' && isBadPhoneParams(issue.params);
    (out[key] ??= []).push(bad ? badCharCode(bad) : badPhone ? badPhoneCode : issue.message);
  }
  return out;
}

/** The bad character behind an issue, also inside a union (e.g. 'none' or a name) where zod only says "Invalid input". */
function badCharOf(issue: z.core.$ZodIssue): BadCharParams | undefined {
  if (issue.code === 'custom') return isBadCharParams(issue.params) ? issue.params : undefined;
  if (issue.code === 'invalid_union') {
    for (const branch of issue.errors) for (const inner of branch) if (inner.path.length === 0) {
      const bad = badCharOf(inner);
      if (bad) return bad;
    }
  }
  return undefined;
}
