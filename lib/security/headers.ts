/**
 * The security headers of every response, and the same-origin rule for writes. Pure functions:
 * proxy.ts applies them, the unit tests check them. No `server-only`: the proxy imports this.
 */

import enCommon from '@/messages/en/common.json';
import zhCommon from '@/messages/zh-CN/common.json';
import { refusalContentType, refusalPage, requestLocale } from './refusal-page';

export interface HeaderOptions {
  /** KESU_PUBLIC_URL (may be unset). */
  publicUrl?: string;
  dev?: boolean;
}

const isHttps = (publicUrl?: string) => !!publicUrl && /^https:\/\//i.test(publicUrl);

/**
 * Scripts run only with this request's nonce (Next puts it on its own scripts, read from the
 * request's CSP header) or when loaded by such a script ('strict-dynamic'): no 'unsafe-inline'.
 * Styles are the Tailwind file; images may be previews of chosen photos (blob:) or data: URLs.
 * Development needs eval (React's error overlay) and inline styles (hot reload).
 */
export function contentSecurityPolicy(nonce: string, { publicUrl, dev }: HeaderOptions = {}): string {
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' ${dev ? `'unsafe-inline'` : `'nonce-${nonce}'`}`,
    `img-src 'self' blob: data:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `media-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ];
  if (isHttps(publicUrl)) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/**
 * Powerful features nobody here needs. The photo input of the public form needs none of
 * them: a file input (even one that opens the phone's camera app) is not the camera API.
 */
export const permissionsPolicy = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'midi=()',
  'display-capture=()',
  'browsing-topics=()',
].join(', ');

/**
 * The tracking pages carry the customer's token in the URL: no Referer leaves them for another
 * origin. `same-origin`, not `no-referrer`: under `no-referrer` a browser posts the page's own
 * forms with `Origin: null` (Chromium does, Fetch "serializing a request origin"), which Next
 * refuses for a server action — the survey without JavaScript failed. With `same-origin` a
 * same-origin post carries the real Origin, and another site still gets neither Referer nor Origin.
 */
export const trackingReferrerPolicy = 'same-origin';

export const isTrackingPath = (pathname: string) => pathname === '/track' || pathname.startsWith('/track/');

/** Everything but the CSP, for a response to `pathname`. */
export function securityHeaders(pathname: string, { publicUrl }: HeaderOptions = {}): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': isTrackingPath(pathname) ? trackingReferrerPolicy : 'strict-origin-when-cross-origin',
    'Permissions-Policy': permissionsPolicy,
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  // Only when the portal is known to be served over https: HSTS on plain http would lock a
  // LAN install out of itself the day it is first opened through a TLS proxy by mistake.
  if (isHttps(publicUrl)) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a page was reached from another site (a link or a frame elsewhere): the browser's own
 * `Sec-Fetch-Site`, which no page can set. A typed address or a bookmark is 'none'; a request
 * without the header (no browser) is not a browser's cross-site request. A page that shows or
 * records a credential (the receipt) does neither for such a request.
 */
export function isCrossSiteNavigation(fetchSite: string | null): boolean {
  return fetchSite === 'cross-site' || fetchSite === 'same-site';
}

/**
 * Whether a request must be refused as cross-origin: a write (a server action is a POST with a
 * `Next-Action` header; a form without JavaScript posts without it) whose Origin is neither this
 * request's own host nor KESU_PUBLIC_URL. `Origin: null` (sandboxed frames, data: URLs, some
 * redirects) is foreign. No Origin at all is not a browser's cross-site request: let it pass
 * to the handler, which checks the session as always.
 *
 * One exception: a form posted from a page with `Referrer-Policy: no-referrer` (a browser or
 * an extension may still apply one) is sent with `Origin: null`. The browser's own
 * `Sec-Fetch-Site` (which no page can set; an opaque origin is always `cross-site`) then tells
 * whether it came from this origin: see originForNext.
 */
export function isCrossOriginWrite(
  method: string,
  origin: string | null,
  host: string | null,
  publicUrl?: string,
  fetchSite?: string | null,
): boolean {
  if (safeMethods.has(method.toUpperCase())) return false;
  if (origin === null) return false;
  if (origin === 'null' && fetchSite === 'same-origin') return false;
  let originHost: string;
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return true;
    originHost = u.host.toLowerCase();
  } catch {
    return true; // 'null' and garbage
  }
  if (host && originHost === host.toLowerCase()) return false;
  if (publicUrl) {
    try {
      if (originHost === new URL(publicUrl).host.toLowerCase()) return false;
    } catch {
      /* a malformed KESU_PUBLIC_URL allows nothing extra */
    }
  }
  return true;
}

/**
 * The Origin to hand on to Next for a write that isCrossOriginWrite let through. Next's own
 * server-action check compares Origin with Host and aborts `Origin: null` with a 500, so the
 * one `null` we accept (Sec-Fetch-Site: same-origin, set by the browser) is handed on as this
 * request's own origin; anything else is handed on unchanged (undefined).
 */
export function originForNext(origin: string | null, host: string | null, fetchSite: string | null): string | undefined {
  if (origin !== 'null' || fetchSite !== 'same-origin' || !host) return undefined;
  return `http://${host}`; // Next compares only the host part
}

/**
 * The answer to a refused cross-origin write: a small page in the person's language (the
 * NEXT_LOCALE cookie, else Accept-Language), readable without JavaScript.
 */
export function crossOriginRefusal(cookieLocale: string | undefined, acceptLanguage: string | null): { body: string; contentType: string } {
  const locale = requestLocale(cookieLocale, acceptLanguage);
  const { crossOriginTitle: title, crossOriginBody: text } = (locale === 'en' ? enCommon : zhCommon).errors;
  return { body: refusalPage(locale, title, [text]), contentType: refusalContentType };
}
