import { describe, expect, it } from 'vitest';
import { bodyTooLargePage } from './body-limit';
import { requestLocale } from './refusal-page';

describe('the 413 page', () => {
  it('is in the reader\'s language: the language cookie first, then Accept-Language', () => {
    expect(requestLocale('en', 'zh-CN,zh;q=0.9')).toBe('en');
    expect(requestLocale(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(requestLocale('fr', 'zh-TW')).toBe('zh-CN');
    expect(requestLocale(undefined, null)).toBe('zh-CN');
  });

  it('names the limits and says that what was typed is still in the form, without English in the Chinese page', () => {
    const zh = bodyTooLargePage('zh-CN');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('合计超过 31 MB');
    expect(zh).toContain('每个不超过 10 MB，合计不超过 30 MB');
    expect(zh).toContain('已填写的内容仍在');
    expect(zh).not.toMatch(/\{\w+\}/);
    expect(zh.replace(/<[^>]*>/g, '').replace(/MB/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    const en = bodyTooLargePage('en');
    expect(en).toContain('over 31 MB in all');
    expect(en).toContain('what you typed is still in the form');
    expect(en).toContain('browser&#39;s Back button');
    expect(en).not.toContain('<script');
  });
});
