import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, crossOriginRefusal, isCrossOriginWrite, originForNext, securityHeaders } from '@/lib/security/headers';
import { bodyTooLargePage } from '@/lib/security/body-limit';
import { localeCookie, refusalContentType, refusalPageCsp, requestLocale } from '@/lib/security/refusal-page';
import { bodyOverLimit, unmeasuredBody } from '@/lib/validation/limits';
import { isWellFormedPath } from '@/lib/params';

/**
 * Runs before every request (Next 16 proxy, Node runtime). It sets the security headers and
 * the per-request CSP nonce, refuses cross-origin writes with a 403 before Next handles a
 * server action, and refuses a body over the portal's limit with a 413. It does NOT sign
 * anyone in or out: pages, actions and route handlers check the session themselves
 * (lib/auth), so nothing here is the only check.
 */
export function proxy(request: NextRequest) {
  const publicUrl = process.env.KESU_PUBLIC_URL || undefined;
  const { pathname } = request.nextUrl;
  const fixed = securityHeaders(pathname, { publicUrl });

  const h = request.headers;
  if (isCrossOriginWrite(request.method, h.get('origin'), h.get('host'), publicUrl, h.get('sec-fetch-site'))) {
    const refusal = crossOriginRefusal(request.cookies.get(localeCookie)?.value, h.get('accept-language'));
    return new NextResponse(refusal.body, {
      status: 403,
      headers: { ...fixed, 'Content-Type': refusal.contentType, 'Content-Security-Policy': refusalPageCsp, 'Cache-Control': 'no-store' },
    });
  }

  // A body over the portal's limit is refused whole, from its declared length, with a page in
  // the reader's language: never cut to the buffer's size and failed later as a 500.
  if (bodyOverLimit(h.get('content-length'))) {
    const locale = requestLocale(request.cookies.get(localeCookie)?.value, h.get('accept-language'));
    return new NextResponse(bodyTooLargePage(locale), {
      status: 413,
      headers: {
        ...fixed,
        'Content-Type': refusalContentType,
        'Content-Security-Policy': refusalPageCsp,
        'Cache-Control': 'no-store',
      },
    });
  }

  if (unmeasuredBody(h.get('content-length'), h.get('transfer-encoding'))) {
    return new NextResponse('Length Required: send the body with a Content-Length', {
      status: 411,
      headers: { ...fixed, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  // Evidence files are never pages: their own response's `sandbox` policy (no script, no
  // origin) must not be replaced by the pages' policy.
  const csp = pathname.startsWith('/attachments/')
    ? 'sandbox'
    : contentSecurityPolicy(nonce, { publicUrl, dev: process.env.NODE_ENV === 'development' });
  // Next reads the nonce for its own scripts from the request's CSP header.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const origin = originForNext(h.get('origin'), h.get('host'), h.get('sec-fetch-site'));
  if (origin) requestHeaders.set('origin', origin);
  // A path that does not decode to UTF-8 is a 500 in Next's router: the not-found page instead.
  const response = isWellFormedPath(pathname)
    ? NextResponse.next({ request: { headers: requestHeaders } })
    : NextResponse.rewrite(new URL('/_not-found', request.url), { request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(fixed)) response.headers.set(name, value);
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  // Everything but the hashed build assets (served with their own headers, see next.config.ts).
  // No `missing: next-router-prefetch` exclusion: a client could add that header to skip this.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
