import { describe, expect, it } from 'vitest';
import { decodePosition, encodePosition } from './page-cursor';

const id = '0b6c3f5e-8a4f-4c4b-9a63-1d2e3f4a5b6c';
const raw = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('keyset positions', () => {
  it('round-trips timestamps as PostgreSQL prints them, with microseconds, and dates', () => {
    for (const at of ['2026-11-02 09:00:00.123456+08', '2026-11-02 01:00:00+00', '2026-11-02T01:00:00Z', '2026-12-04']) {
      expect(decodePosition(encodePosition({ at, id }))).toEqual({ at, id });
    }
  });

  it('drops anything tampered with instead of passing it to the database', () => {
    for (const bad of [undefined, '', 'x', '%%%', raw([1, 2]), raw(['2026-13-45 00:00:00+00', id]), raw(['9999-12-31', id]), raw(['2026-11-02', 'not-a-uuid']), raw({ at: '2026-11-02', id }), 'a'.repeat(500)]) {
      expect(decodePosition(bad)).toBeUndefined();
    }
  });
});
