'use client';

import { z } from 'zod';
import { useTranslations } from 'next-intl';
import { describeIssue } from '@/lib/validation/issues';
import { issueText, type RootTranslator } from '@/lib/validation/messages';

// zod compiles object parsers with `new Function` when it may; the CSP forbids eval, and the
// probe alone is reported as a violation. Interpreted parsing is fast enough for a form.
// instrumentation-client.ts sets this before any schema is built; kept here as well.
if (typeof window !== 'undefined') z.config({ jitless: true });

/**
 * Form validation messages in the reader's language. zod's error map is global, so it is set
 * in the browser only (one reader per page); the server answers with language-neutral codes
 * (lib/complaints/validation.ts). Staff forms word their errors in their resolver
 * (lib/validation/resolver.ts); this map covers any other parse in the browser, with the same
 * sentences, so that zod's developer English never reaches a page.
 *
 * Called by the client components that parse with zod (and rendered by the admin layout, whose
 * forms all do), not by the root layout: a page without such a form ships no zod at all.
 */
export function useZodLocale() {
  const t = useTranslations() as unknown as RootTranslator;
  // Not during server rendering: there the global would leak between requests.
  if (typeof window !== 'undefined') {
    z.config({ customError: (issue) => issueText(t, issue.path?.join('.') ?? '', describeIssue(issue)) });
  }
}

export function ZodLocale() {
  useZodLocale();
  return null;
}
