import { z } from 'zod';
import { isDay, isPgTimestamp } from '@/lib/params';

/**
 * A keyset position (a timestamp or date as PostgreSQL prints it, and a row id), opaque to the
 * browser: base64url of a small JSON array. The timestamp stays text so no microseconds are lost.
 */
export interface KeysetPosition {
  at: string;
  id: string;
}

// A real instant or day (not just its shape): '9999-99-99' would reach PostgreSQL and fail there.
const timestampText = z.string().refine((s) => isPgTimestamp(s) || isDay(s));

/** Encoding and decoding of positions whose row id matches `id` (a uuid, or a bigserial's digits). */
export function keysetCodec(id: z.ZodType<string>) {
  const positionSchema = z.tuple([timestampText, id]);
  return {
    encode(p: KeysetPosition): string {
      return Buffer.from(JSON.stringify([p.at, p.id]), 'utf8').toString('base64url');
    },
    /** A position from the URL, or undefined when absent or tampered with (the first page is shown). */
    decode(value: string | undefined): KeysetPosition | undefined {
      if (!value || value.length > 200) return undefined;
      try {
        const parsed = positionSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
        return parsed.success ? { at: parsed.data[0], id: parsed.data[1] } : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

const uuidPositions = keysetCodec(z.uuid());
export const encodePosition = uuidPositions.encode;
export const decodePosition = uuidPositions.decode;
