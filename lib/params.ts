import { z } from 'zod';

/**
 * Route segments and query parameters, checked before they reach a query: PostgreSQL answers
 * an impossible date, a malformed uuid or a NUL with an error (a 500), so anything that is not
 * of its form is refused here (the page answers 404, a route handler 400/404).
 */

/**
 * Whether a request path percent-decodes to well-formed UTF-8. Next decodes route segments with
 * decodeURIComponent and answers a URIError (`%ff`, or `%ED%A0%80`, an encoded lone surrogate)
 * with a 500; such a path names nothing, so the proxy answers it with the not-found page.
 */
export function isWellFormedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidRe.test(value);
}

/** A form number as the portal prints it: KS-<year>-<6 digits>. The one place its pattern is written. */
export function isComplaintNumber(value: unknown): value is string {
  return typeof value === 'string' && /^KS-\d{4}-\d{6}$/.test(value);
}

/** isComplaintNumber as a zod schema, for the action and form schemas that carry a form number. */
export const complaintNumberSchema = z.string().refine(isComplaintNumber);

/** A tracking token: 24 random bytes in base64url (32 characters); a little slack for older ones. */
export function isTrackingToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(value);
}

/** Years the portal's dates may be in: anything else is a typo or a tampered link. */
export const minYear = 2000;
export const maxYear = 2100;

/** 'YYYY-MM' within [minYear, maxYear]. */
export function isMonth(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  return !!m && Number(m[1]) >= minYear && Number(m[1]) <= maxYear;
}

/** 'YYYY-MM-DD', a real calendar day within [minYear, maxYear]. */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < minYear || y > maxYear) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * A timestamp as PostgreSQL prints a timestamptz ('2026-11-02 09:00:00.123456+08'), the form
 * keyset cursors carry: a real day, a real time of day and offset, in the portal's years.
 */
export function isPgTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 40) return false;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-](\d{2})(?::?(\d{2}))?)?$/.exec(value);
  if (!m || !isDay(m[1])) return false;
  const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (h > 23 || min > 59 || s > 59) return false;
  if (m[7] !== undefined && (Number(m[7]) > 15 || Number(m[8] ?? 0) > 59)) return false;
  return true;
}

/** The first value of a query parameter (Next gives an array for a repeated one). */
export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The ledger's filters (page and CSV export): scope=all, closed=1, or absent. */
export function ledgerParams(get: (name: string) => string | undefined): { scopeAll: boolean; closed: boolean } | null {
  const scope = get('scope');
  const closed = get('closed');
  if (scope !== undefined && scope !== '' && scope !== 'all' && scope !== 'mine') return null;
  if (closed !== undefined && closed !== '' && closed !== '0' && closed !== '1') return null;
  return { scopeAll: scope === 'all', closed: closed === '1' };
}
