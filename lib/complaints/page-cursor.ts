import { z } from 'zod';

/**
 * A keyset position (a timestamp or date as PostgreSQL prints it, and a row id), opaque to the
 * browser: base64url of a small JSON array. The timestamp stays text so no microseconds are lost.
 */
export interface KeysetPosition {
  at: string;
  id: string;
}

const timestampText = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?)?$/)
  // A well-formed but impossible instant (month 13, year 0) would make PostgreSQL throw.
  .refine((s) => {
    const iso = s.length > 10 ? s.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00') : s;
    const ms = Date.parse(iso);
    return Number.isFinite(ms) && new Date(ms).getUTCFullYear() >= 1970 && new Date(ms).getUTCFullYear() < 3000;
  });
const positionSchema = z.tuple([timestampText, z.uuid()]);

export function encodePosition(p: KeysetPosition): string {
  return Buffer.from(JSON.stringify([p.at, p.id]), 'utf8').toString('base64url');
}

/** A position from the URL, or undefined when absent or tampered with (the first page is shown). */
export function decodePosition(value: string | undefined): KeysetPosition | undefined {
  if (!value || value.length > 200) return undefined;
  try {
    const parsed = positionSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? { at: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}
