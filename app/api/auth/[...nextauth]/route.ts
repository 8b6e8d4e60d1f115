import type { NextRequest } from 'next/server';
import { handlers } from '@/auth';
import { isAcceptableCallbackUrl } from '@/lib/auth/redirect';

const callbackCookies = ['authjs.callback-url', '__Secure-authjs.callback-url'];

/** A callbackUrl Auth.js would choke on (a 500) is the client's mistake: 400. */
function guard(handler: (req: NextRequest) => Promise<Response>) {
  return (req: NextRequest) => {
    const values = [req.nextUrl.searchParams.get('callbackUrl'), ...callbackCookies.map((n) => req.cookies.get(n)?.value)];
    if (values.some((v) => v && !isAcceptableCallbackUrl(v))) {
      return new Response('Bad callbackUrl', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    return handler(req);
  };
}

export const GET = guard(handlers.GET);
export const POST = guard(handlers.POST);
