import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, crossOriginRefusal, isCrossOriginWrite, originForNext, securityHeaders } from './headers';

describe('contentSecurityPolicy', () => {
  it('allows scripts only by nonce, never inline, and no framing', () => {
    const csp = contentSecurityPolicy('abc123');
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src'))!;
    expect(scriptSrc).toBe(`script-src 'self' 'nonce-abc123' 'strict-dynamic'`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
  it('upgrades requests only on https; development gets eval and inline styles', () => {
    expect(contentSecurityPolicy('n', { publicUrl: 'https://kesu.example' })).toContain('upgrade-insecure-requests');
    const dev = contentSecurityPolicy('n', { dev: true });
    expect(dev).toContain("'unsafe-eval'");
    expect(dev).toContain(`style-src 'self' 'unsafe-inline'`);
  });
});

describe('securityHeaders', () => {
  it('no Referer from the tracking pages to other origins (same-origin keeps their own posts\' Origin), a strict one elsewhere', () => {
    expect(securityHeaders('/track/abc')['Referrer-Policy']).toBe('same-origin');
    expect(securityHeaders('/track')['Referrer-Policy']).toBe('same-origin');
    expect(securityHeaders('/trackers')['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(securityHeaders('/desk')['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
  });
  it('HSTS only when KESU_PUBLIC_URL is https', () => {
    expect(securityHeaders('/', { publicUrl: 'https://kesu.example' })['Strict-Transport-Security']).toMatch(/^max-age=\d{8,}/);
    expect(securityHeaders('/', { publicUrl: 'http://kesu.example' })['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders('/')['Strict-Transport-Security']).toBeUndefined();
  });
});

describe('isCrossOriginWrite', () => {
  const host = 'kesu.example:3000';
  it('lets reads and same-origin writes through', () => {
    expect(isCrossOriginWrite('GET', 'https://evil.example', host)).toBe(false);
    expect(isCrossOriginWrite('POST', 'http://kesu.example:3000', host)).toBe(false);
    expect(isCrossOriginWrite('POST', 'https://KESU.example:3000', host)).toBe(false);
    expect(isCrossOriginWrite('POST', null, host)).toBe(false);
    // A no-JS form on a no-referrer page posts `Origin: null`; the browser says it is same-origin.
    expect(isCrossOriginWrite('POST', 'null', host, undefined, 'same-origin')).toBe(false);
    // Behind a proxy that rewrites Host, the public URL is this portal too.
    expect(isCrossOriginWrite('POST', 'https://portal.example', '127.0.0.1:3000', 'https://portal.example/')).toBe(false);
  });
  it.each(['https://evil.example', 'null', 'http://kesu.example', 'http://kesu.example:3000.evil.example', 'file://', 'garbage', ''])(
    'refuses a write from %j',
    (origin) => {
      expect(isCrossOriginWrite('POST', origin, host, 'not a url')).toBe(true);
      expect(isCrossOriginWrite('DELETE', origin, host)).toBe(true);
      expect(isCrossOriginWrite('POST', origin, host, undefined, 'cross-site')).toBe(true);
    },
  );
  it('a foreign Origin stays foreign whatever Sec-Fetch-Site claims', () => {
    expect(isCrossOriginWrite('POST', 'https://evil.example', host, undefined, 'same-origin')).toBe(true);
  });
});

describe('originForNext', () => {
  const host = 'kesu.example:3000';
  it('hands the one accepted Origin: null (Sec-Fetch-Site: same-origin) on as this origin, so Next does not abort it', () => {
    expect(originForNext('null', host, 'same-origin')).toBe('http://kesu.example:3000');
    expect(isCrossOriginWrite('POST', 'http://kesu.example:3000', host)).toBe(false);
  });
  it('changes nothing else', () => {
    expect(originForNext('null', host, 'cross-site')).toBeUndefined();
    expect(originForNext('null', host, null)).toBeUndefined();
    expect(originForNext('https://evil.example', host, 'same-origin')).toBeUndefined();
    expect(originForNext(null, host, 'same-origin')).toBeUndefined();
    expect(originForNext('null', null, 'same-origin')).toBeUndefined();
  });
});

describe('crossOriginRefusal', () => {
  it('is a page in the language of the cookie, else of Accept-Language', () => {
    expect(crossOriginRefusal(undefined, 'en-GB,en;q=0.9').body).toContain('<html lang="en">');
    expect(crossOriginRefusal('zh-CN', 'en').body).toContain('已被拒绝');
    expect(crossOriginRefusal('xx', null).body).toContain('<html lang="zh-CN">');
    expect(crossOriginRefusal('en', null).contentType).toBe('text/html; charset=utf-8');
  });
});
