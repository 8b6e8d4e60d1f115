import { describe, expect, it } from 'vitest';
import { isComplaintNumber, isDay, isMonth, isPgTimestamp, isTrackingToken, isUuid, isWellFormedPath, ledgerParams } from './params';
import { decodeCursor, encodeCursor, parseSearchParams } from '@/lib/complaints/search';
import { decodeCursor as decodeOutboxCursor, encodeCursor as encodeOutboxCursor } from '@/lib/admin/outbox';

// Issue 14 finding 4: these paths were a 500 from Next's router (URIError); the proxy answers 404.
describe('isWellFormedPath', () => {
  it('refuses bad percent-encoding, invalid UTF-8 and encoded lone surrogates', () => {
    for (const p of ['/track/%ff', '/complaints/%ff%fe', '/complaints/%ED%A0%80/receipt', '/department/%ff', '/admin/categories/%ED%A0%80', '/x/%', '/x/%zz', '/x/%C0%AF', '/x/%E5%BC', '/x/%F4%90%80%80']) {
      expect(isWellFormedPath(p), p).toBe(false);
    }
  });
  it('accepts plain paths and well-formed UTF-8, NUL included (the routes refuse that themselves)', () => {
    for (const p of ['/', '/track/abc', '/complaints/KS-2026-000001', '/complaints?q=x', '/x/%E5%BC%82', '/x/%F0%9F%98%80', '/x/%00', '/x/%25ff']) {
      expect(isWellFormedPath(p), p).toBe(true);
    }
  });
});

describe('route segments and query parameters', () => {
  it('months and days within the portal years, real calendar days only', () => {
    expect(isMonth('2026-11')).toBe(true);
    for (const bad of ['9999-12', '0000-01', '2026-13', '2026-1', '2026-11\u0000', ['2026-11']]) expect(isMonth(bad), String(bad)).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '2026-00-10', '9999-12-31', '2026-1-1']) expect(isDay(bad), bad).toBe(false);
  });

  it('timestamps as PostgreSQL prints them, and nothing impossible', () => {
    for (const ok of ['2026-11-02 09:00:00.123456+08', '2026-11-02T01:00:00Z', '2026-11-02 09:00:00+05:30', '2026-11-02 09:00:00']) expect(isPgTimestamp(ok), ok).toBe(true);
    for (const bad of ['9999-99-99 99:99:99', '2026-11-02 24:00:00', '2026-02-30 00:00:00', '2026-11-02 09:00:00+99', '20261102', '2026-11-02 9:0:0', '2026-11-02 09:00:00.1234567'])
      expect(isPgTimestamp(bad), bad).toBe(false);
  });

  it('uuids, numbers and tokens', () => {
    expect(isUuid('0b0c5c2e-2f7a-4c1e-9d1a-2b8e0c1f3a4d')).toBe(true);
    expect(isUuid('------------------------------------')).toBe(false);
    expect(isComplaintNumber('KS-2026-000123')).toBe(true);
    expect(isComplaintNumber('KS-2026-000123\u0000')).toBe(false);
    expect(isTrackingToken('Zq3x9TtkR2v8WmPa4LsYb6NcD1eFgHjK')).toBe(true);
    expect(isTrackingToken("x' or 1=1 --")).toBe(false);
  });

  it('ledger filters', () => {
    const q = (o: Record<string, string>) => ledgerParams((k) => o[k]);
    expect(q({})).toEqual({ scopeAll: false, closed: false });
    expect(q({ scope: 'all', closed: '1' })).toEqual({ scopeAll: true, closed: true });
    expect(q({ scope: 'everything' })).toBeNull();
    expect(q({ closed: 'yes' })).toBeNull();
  });

  it('a search cursor that decodes but holds an impossible timestamp is refused before any query', () => {
    const id = '0b0c5c2e-2f7a-4c1e-9d1a-2b8e0c1f3a4d';
    expect(decodeCursor(encodeCursor({ receivedAt: '2026-11-02 09:00:00.123456+08', id }))).toEqual({ receivedAt: '2026-11-02 09:00:00.123456+08', id });
    const tampered = encodeCursor({ receivedAt: '9999-99-99 99:99:99', id });
    expect(decodeCursor(tampered)).toBeUndefined();
    expect(parseSearchParams({ after: tampered }).invalid).toBe(true);
    expect(parseSearchParams({ before: 'garbage!' }).invalid).toBe(true);
    expect(parseSearchParams({ q: 'a\u0000b' }).invalid).toBe(true);
    expect(parseSearchParams({ q: '异味' }).invalid).toBe(false);
    expect(decodeOutboxCursor(encodeOutboxCursor('9999-99-99 99:99:99', id))).toBeNull();
    expect(decodeOutboxCursor(encodeOutboxCursor('2026-11-02 09:00:00+08', '------------------------------------'))).toBeNull();
  });
});
