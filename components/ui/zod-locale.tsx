'use client';

import { z } from 'zod';
import { useLocale, useTranslations } from 'next-intl';
import { isBadCharParams } from '@/lib/validation/text';
import { isBadPhoneParams } from '@/lib/validation/phone';
import { badCharText, type RootTranslator } from '@/lib/validation/messages';

// zod compiles object parsers with `new Function` when it may; the CSP forbids eval, and the
// probe alone is reported as a violation. Interpreted parsing is fast enough for a form.
if (typeof window !== 'undefined') z.config({ jitless: true });

/**
 * Form validation messages in the reader's language. zod's error map is global, so it is set
 * in the browser only (one reader per page); the server answers with the command layer's codes.
 * A bad character (NUL, lone surrogate, control character) is worded by our own messages, naming the field.
 */
export function ZodLocale() {
  const locale = useLocale();
  const t = useTranslations() as unknown as RootTranslator;
  // Not during server rendering: there the global would leak between requests.
  if (typeof window !== 'undefined') {
    z.config(locale === 'en' ? z.locales.en() : z.locales.zhCN());
    z.config({
      customError: (issue) =>
        issue.code !== 'custom'
          ? undefined
          : isBadCharParams(issue.params)
            ? badCharText(t, issue.path?.join('.') ?? '', issue.params)
            : isBadPhoneParams(issue.params)
              ? t('common.phone.invalid')
              : undefined,
    });
  }
  return null;
}
