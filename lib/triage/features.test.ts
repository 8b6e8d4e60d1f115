import { describe, expect, it } from 'vitest';
import { analyse } from './features';
import { normalize } from './normalize';
import { tokens } from './tokens';

describe('features of Chinese and English complaint text', () => {
  it('normalises full-width characters and case', () => {
    expect(normalize('  １２３１５　ＡＢＣ  ')).toBe('12315 abc');
  });

  it('segments Chinese with jieba, keeps character bigrams, stems English and keeps model names', () => {
    const t = tokens(normalize('星驰S7天窗漏水，the sunroof is leaking'));
    expect(t.zh).toEqual(expect.arrayContaining(['天窗', '漏水']));
    expect(t.bigrams).toEqual(expect.arrayContaining(['天窗', '窗漏', '漏水']));
    expect(t.en).toEqual(expect.arrayContaining(['sunroof', 'leak']));
    expect(t.codes).toContain('s7');
    expect(t.en).not.toContain('the'); // stop words dropped
  });

  it('carries glossary concepts, rule signals, the request apart and the channel', () => {
    const { features, signals } = analyse({ text: 'My sunroof leaks. I will go to the media.', request: '退钱', channel: 'email' });
    expect(features.has('g:sunroof')).toBe(true);
    expect(features.has('s:crisis_media')).toBe(true);
    expect(features.has('s:crisis_any')).toBe(true);
    expect(features.has('rg:refund')).toBe(true);
    expect(features.has('ch:email')).toBe(true);
    expect(signals.has('crisis_media')).toBe(true);
  });

  it('an unusable product counts as "now" only when it is not already in our workshop', () => {
    expect(analyse({ text: '车子打不着火，我被困在停车场' }).features.has('s:unusable_now')).toBe(true);
    expect(analyse({ text: '车还在你们店里等配件，打不着火' }).features.has('s:unusable_now')).toBe(false);
  });
});
