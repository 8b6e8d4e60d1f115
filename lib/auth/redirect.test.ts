import { describe, expect, it } from 'vitest';
import { isAcceptableCallbackUrl, safeRedirect } from './redirect';

const base = 'https://kesu.example';

describe('safeRedirect', () => {
  it('keeps paths and URLs of this portal', () => {
    expect(safeRedirect('/desk', base)).toBe('https://kesu.example/desk');
    expect(safeRedirect('/complaints?q=a#x', base)).toBe('https://kesu.example/complaints?q=a#x');
    expect(safeRedirect('https://kesu.example/gm', base)).toBe('https://kesu.example/gm');
  });
  it.each([
    'https://evil.example/desk',
    '//evil.example/desk',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://kesu.example/desk', // another scheme is another origin
    'https://kesu.example.evil.example/',
    'https://kesu.example@evil.example/',
  ])('sends %s to the root', (url) => {
    expect(safeRedirect(url, base)).toBe(base);
  });
});

describe('isAcceptableCallbackUrl', () => {
  it('accepts http(s) URLs and paths, refuses what Auth.js would answer with a 500', () => {
    expect(isAcceptableCallbackUrl('/desk')).toBe(true);
    expect(isAcceptableCallbackUrl('https://evil.example/')).toBe(true); // the redirect callback sends it home
    expect(isAcceptableCallbackUrl('javascript:alert(1)')).toBe(false);
    expect(isAcceptableCallbackUrl('not a url')).toBe(false);
    expect(isAcceptableCallbackUrl('')).toBe(false);
  });
});
