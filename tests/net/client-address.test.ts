import { describe, expect, it } from 'vitest';
import { normalizeAddress, parseTrustedProxies, resolveClientAddress, stampClientAddress } from '@/scripts/client-address.mjs';
import { clientAddress } from '@/lib/net/client-address';

type Headers = Record<string, string | string[] | undefined>;
const resolve = (remoteAddress: string, headers: Headers, trusted?: string) =>
  resolveClientAddress({ remoteAddress, headers }, parseTrustedProxies(trusted));

describe('client address', () => {
  it('without a trusted proxy is the socket address, whatever X-Forwarded-For and X-Real-IP say', () => {
    expect(resolve('203.0.113.9', { 'x-forwarded-for': '198.51.100.1', 'x-real-ip': '198.51.100.2' })).toBe('203.0.113.9');
    expect(resolve('::ffff:127.0.0.1', { 'x-forwarded-for': '198.51.100.1' })).toBe('127.0.0.1');
    expect(resolve('203.0.113.9', {}, '0')).toBe('203.0.113.9');
  });

  it('with a hop count takes the entry that many places left of the socket', () => {
    const h = { 'x-forwarded-for': 'forged, 198.51.100.7, 10.0.0.5' };
    expect(resolve('10.0.0.9', h, '1')).toBe('10.0.0.5');
    expect(resolve('10.0.0.9', h, '2')).toBe('198.51.100.7');
    // More hops configured than entries: the left-most good entry.
    expect(resolve('10.0.0.9', { 'x-forwarded-for': '198.51.100.7' }, '3')).toBe('198.51.100.7');
    // A client that prepends an entry does not move the one the proxy appended.
    expect(resolve('10.0.0.9', { 'x-forwarded-for': '1.2.3.4, 198.51.100.7' }, '1')).toBe('198.51.100.7');
  });

  it('with an address list takes the right-most entry that is not a trusted proxy', () => {
    const trusted = '10.0.0.0/8, 192.0.2.1';
    expect(resolve('10.1.2.3', { 'x-forwarded-for': '1.2.3.4, 198.51.100.7, 192.0.2.1, 10.9.9.9' }, trusted)).toBe('198.51.100.7');
    // The socket itself is not a trusted proxy: its headers are ignored.
    expect(resolve('198.51.100.50', { 'x-forwarded-for': '1.2.3.4' }, trusted)).toBe('198.51.100.50');
    // Only trusted hops: the left-most one.
    expect(resolve('10.1.2.3', { 'x-forwarded-for': '10.0.0.1' }, trusted)).toBe('10.0.0.1');
    expect(resolve('::1', { 'x-forwarded-for': '2001:DB8::5' }, 'loopback')).toBe('2001:db8::5');
    // Several header lines count as one list.
    expect(resolve('127.0.0.1', { 'x-forwarded-for': ['1.1.1.1', '198.51.100.8'] }, 'loopback')).toBe('198.51.100.8');
  });

  it('stops at an entry that is not an address instead of using it as a bucket name', () => {
    expect(resolve('127.0.0.1', { 'x-forwarded-for': '198.51.100.8, garbage' }, 'loopback')).toBe('127.0.0.1');
    expect(resolve('10.0.0.9', { 'x-forwarded-for': 'not-an-ip' }, '1')).toBe('10.0.0.9');
  });

  it('reads X-Real-IP only from a trusted proxy that sent no X-Forwarded-For', () => {
    expect(resolve('127.0.0.1', { 'x-real-ip': '198.51.100.4' }, 'loopback')).toBe('198.51.100.4');
    expect(resolve('203.0.113.9', { 'x-real-ip': '198.51.100.4' }, 'loopback')).toBe('203.0.113.9');
    expect(resolve('127.0.0.1', { 'x-real-ip': '198.51.100.4', 'x-forwarded-for': '198.51.100.5' }, 'loopback')).toBe('198.51.100.5');
  });

  it('normalizes addresses and refuses bad settings', () => {
    expect(normalizeAddress('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(normalizeAddress('192.0.2.1:8080')).toBe('192.0.2.1');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress('<script>')).toBeNull();
    expect(() => parseTrustedProxies('10.0.0.0/99')).toThrow(/prefix/);
    expect(() => parseTrustedProxies('proxy.example')).toThrow(/not an address/);
  });

  it('the server replaces a client-sent x-kesu-client-ip; the app reads only that header', () => {
    const req = {
      socket: { remoteAddress: '203.0.113.9' },
      headers: { 'x-kesu-client-ip': '1.1.1.1', 'x-forwarded-for': '2.2.2.2' } as Headers,
      rawHeaders: ['X-Kesu-Client-Ip', '1.1.1.1', 'X-Forwarded-For', '2.2.2.2'],
    };
    stampClientAddress(req, parseTrustedProxies(''));
    expect(req.headers['x-kesu-client-ip']).toBe('203.0.113.9');
    expect(req.rawHeaders).toEqual(['X-Forwarded-For', '2.2.2.2']);
    expect(clientAddress(new Headers({ 'x-kesu-client-ip': '203.0.113.9', 'x-forwarded-for': '2.2.2.2', 'x-real-ip': '3.3.3.3' }))).toBe('203.0.113.9');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '2.2.2.2', 'x-real-ip': '3.3.3.3' }))).toBe('unknown');
  });
});
