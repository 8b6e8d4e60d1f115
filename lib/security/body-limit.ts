/**
 * The answer to a request body over the portal's limit (lib/validation/limits.ts): a 413 with a
 * small readable page in the reader's language, given before the body is read. A form posted
 * without JavaScript lands here; with JavaScript the forms check sizes before they send.
 * No `server-only`: the proxy imports this.
 */
import enCommon from '@/messages/en/common.json';
import zhCommon from '@/messages/zh-CN/common.json';
import { isLocale, localeCookie, negotiateLocale, type Locale } from '@/lib/i18n/locales';
import { inMegabytes, maxFileBytes, maxFilesBytes, maxRequestBodyBytes } from '@/lib/validation/limits';

/** The reader's language as the pages pick it: the language switch's cookie, then Accept-Language. */
export function requestLocale(cookieLocale: string | undefined, acceptLanguage: string | null): Locale {
  return isLocale(cookieLocale) ? cookieLocale : negotiateLocale(acceptLanguage);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page of a 413, in `locale`. */
export function bodyTooLargePage(locale: Locale): string {
  // Bundled with the proxy, as lib/security/headers.ts does for its 403 page.
  const errors: Record<string, string> = (locale === 'en' ? enCommon : zhCommon).errors;
  const values: Record<string, number> = { max: inMegabytes(maxRequestBodyBytes), file: inMegabytes(maxFileBytes), total: inMegabytes(maxFilesBytes) };
  const say = (key: string) => escapeHtml(errors[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name])));
  return [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${say('bodyTooLargeTitle')}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">',
    `<h1>${say('bodyTooLargeTitle')}</h1>`,
    `<p>${say('bodyTooLarge')}</p>`,
    `<p>${say('bodyTooLargeBack')}</p>`,
    '</body></html>',
  ].join('\n');
}

/** The page has no script and one inline style: nothing else may load. */
export const bodyTooLargeCsp = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export { localeCookie };
