import 'server-only';
import { getDb, type Db } from '@/db/client';
import { CommandError } from '@/lib/complaints/errors';
import { envLimit } from '@/lib/public/rate-limit';
import { log } from '@/lib/log';
import type { Locale } from '@/lib/i18n/locales';
import type { Role } from '@/lib/workflow';
import { countApiCall, verifiedCaller, type ApiCaller } from './keys';
import { ApiError, apiProblem, commandProblem, problemResponse, requestLocale } from './problem';

/** Calls per key per minute (`KESU_API_RATE_LIMIT`). */
export function apiRateLimit(): number {
  return envLimit('KESU_API_RATE_LIMIT', 600);
}
const rateWindowMs = 60_000;

export interface EndpointContext<P> {
  req: Request;
  params: P;
  caller: ApiCaller;
  db: Db;
  locale: Locale;
  now: Date;
  /** Set by an endpoint that took the version from If-Match: a stale one is then 412, not 409. */
  ifMatch: { used: boolean };
}

/** A route handler of the API, callable from a route file (params as Next passes them) and from tests (with a database). */
export type Endpoint<P> = (req: Request, ctx?: { params: Promise<P> | P }, db?: Db) => Promise<Response>;

function bearer(req: Request): string | null {
  const h = req.headers.get('authorization');
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h.trim()) : null;
  return m ? m[1] : null;
}

/**
 * Every API call: the key from `Authorization: Bearer …` (401 without a live one), the key's
 * rate limit (429), the role check, then the endpoint; refusals of the API and of the command
 * layer come back as problem+json in the caller's language, anything unexpected as a bare 500.
 */
export function endpoint<P = Record<string, never>>(options: { roles?: readonly Role[] }, run: (c: EndpointContext<P>) => Promise<Response>): Endpoint<P> {
  return async (req, ctx, db) => {
    const locale = requestLocale(req);
    const ifMatch = { used: false };
    try {
      db ??= await getDb();
      const now = new Date();
      const caller = await verifiedCaller(bearer(req), db, now);
      const limit = apiRateLimit();
      // One statement counts the call and checks the key is still live (a revocation holds at once).
      const rate = caller && (await countApiCall(db, caller.keyId, limit, rateWindowMs, now));
      if (!caller || !rate) throw new ApiError(401, 'unauthenticated', {}, { 'WWW-Authenticate': 'Bearer realm="kesu"' });
      if (!rate.allowed) throw new ApiError(429, 'rateLimited', {}, { 'Retry-After': String(Math.ceil(rate.retryAfterMs / 1000)) });
      if (options.roles && !options.roles.includes(caller.user.role)) throw new ApiError(403, 'forbidden');
      const params = ((await ctx?.params) ?? {}) as P;
      const res = await run({ req, params, caller, db, locale, now, ifMatch });
      res.headers.set('RateLimit-Limit', String(limit));
      res.headers.set('RateLimit-Remaining', String(Math.max(0, limit - rate.count)));
      return res;
    } catch (err) {
      if (err instanceof ApiError) return problemResponse(apiProblem(err, locale), err.headers);
      if (err instanceof CommandError) return problemResponse(commandProblem(err, locale, ifMatch.used));
      log.error({ err, path: new URL(req.url).pathname }, 'api call failed');
      return problemResponse(apiProblem(new ApiError(500, 'internal'), locale));
    }
  };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });
}

/** The request's JSON body, or a 400 / 415 problem. */
export async function jsonBody(req: Request): Promise<unknown> {
  if (!/^application\/(.+\+)?json\b/i.test(req.headers.get('content-type') ?? '')) throw new ApiError(415, 'unsupportedMediaType');
  try {
    return await req.json();
  } catch {
    throw new ApiError(400, 'badJson');
  }
}

/** A form's version as its ETag. */
export const etag = (version: number) => `"${version}"`;

/**
 * The version the caller saw: If-Match (an ETag from a read) wins, then the body's `version`.
 * A malformed If-Match is refused rather than ignored.
 */
export function expectedVersion(c: EndpointContext<unknown>, bodyVersion: number | undefined): number | undefined {
  const h = c.req.headers.get('if-match');
  if (h !== null) {
    const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(h);
    if (!m) throw new ApiError(400, 'badIfMatch');
    c.ifMatch.used = true;
    return Number(m[1]);
  }
  return bodyVersion;
}
