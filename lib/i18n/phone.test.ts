import { describe, expect, it } from 'vitest';
import { displayPhone } from './phone';

describe('displayPhone', () => {
  it('shows a Chinese number in national format and a foreign one with its country code', () => {
    expect(displayPhone('+8613912345678')).toBe('139 1234 5678');
    expect(displayPhone('+8675512345678')).toBe('0755 1234 5678');
    expect(displayPhone('+12133734253')).toBe('+1 213 373 4253');
    expect(displayPhone('+85291234567')).toBe('+852 9123 4567');
  });
  it('leaves what it cannot read as it is, and nothing as nothing', () => {
    expect(displayPhone('not a phone')).toBe('not a phone');
    expect(displayPhone(null)).toBe('');
  });
});
