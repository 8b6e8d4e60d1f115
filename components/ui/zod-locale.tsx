'use client';

import { z } from 'zod';
import { useLocale } from 'next-intl';

// zod compiles object parsers with `new Function` when it may; the CSP forbids eval, and the
// probe alone is reported as a violation. Interpreted parsing is fast enough for a form.
if (typeof window !== 'undefined') z.config({ jitless: true });

/**
 * Form validation messages in the reader's language. zod's error map is global, so it is set
 * in the browser only (one reader per page); the server answers with the command layer's codes.
 */
export function ZodLocale() {
  const locale = useLocale();
  // Not during server rendering: there the global would leak between requests.
  if (typeof window !== 'undefined') z.config(locale === 'en' ? z.locales.en() : z.locales.zhCN());
  return null;
}
