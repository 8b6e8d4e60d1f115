import { createTranslator } from 'next-intl';
import { loadMessages } from '@/lib/i18n/messages';
import { createFormat } from '@/lib/i18n/format';
import { defaultLocale, isLocale, type Locale } from '@/lib/i18n/locales';

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * A translator of one namespace in a given locale, outside a request (the job runner writes
 * the stored reports' files) as well as inside one (the export route, with the request's locale).
 * A missing key comes back as its last part rather than throwing.
 */
export function translator(locale: string, namespace: string): Translate {
  const loc: Locale = isLocale(locale) ? locale : defaultLocale;
  const t = createTranslator({ locale: loc, messages: loadMessages(loc) as Record<string, never>, namespace: namespace as never }) as unknown as {
    (key: string, values?: Record<string, string | number>): string;
    has(key: string): boolean;
  };
  return (key, values) => (t.has(key) ? t(key, values) : key.split('.').pop()!);
}

/** The labels every list export needs (lib/export/lists.ts). */
export function exportLabels(locale: string) {
  const loc: Locale = isLocale(locale) ? locale : defaultLocale;
  return {
    t: translator(loc, 'export'),
    wf: translator(loc, 'workflow'),
    ledger: translator(loc, 'ledger'),
    locale: loc,
    colon: createFormat(loc, 'UTC').labelled('', ''),
  };
}
