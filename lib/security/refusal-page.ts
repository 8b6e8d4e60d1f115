/**
 * The small pages the proxy answers with before Next sees a request (a refused cross-origin
 * write, a body over the limit): in the reader's language, readable without JavaScript, with
 * nothing to load. No `server-only`: the proxy imports this.
 */
import { isLocale, localeCookie, negotiateLocale, type Locale } from '@/lib/i18n/locales';

/** The reader's language as the pages pick it: the language switch's cookie, then Accept-Language. */
export function requestLocale(cookieLocale: string | undefined, acceptLanguage: string | null): Locale {
  return isLocale(cookieLocale) ? cookieLocale : negotiateLocale(acceptLanguage);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page with a title and paragraphs (plain text, escaped here); the first paragraph is the alert. */
export function refusalPage(locale: Locale, title: string, paragraphs: string[]): string {
  return [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">`,
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5"><main>',
    `<h1>${escapeHtml(title)}</h1>`,
    ...paragraphs.map((p, i) => (i === 0 ? `<p role="alert">${escapeHtml(p)}</p>` : `<p>${escapeHtml(p)}</p>`)),
    '</main></body></html>',
  ].join('\n');
}

/** Such a page has no script and one inline style: nothing else may load. */
export const refusalPageCsp = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const refusalContentType = 'text/html; charset=utf-8';

export { localeCookie };
