import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { badCharCode, findBadChar, parseBadCharCode, safeText } from './text';
import { badCharText, firstBadCharText, localizeFieldErrors, type RootTranslator } from './messages';
import en from '@/messages/en/common.json';
import zh from '@/messages/zh-CN/common.json';
import enForm from '@/messages/en/form.json';
import zhForm from '@/messages/zh-CN/form.json';

/** A root translator over a tiny message tree, filling {name} arguments the way next-intl does. */
function translator(messages: Record<string, unknown>): RootTranslator {
  const get = (key: string) => key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], messages);
  const t = ((key: string, values: Record<string, string> = {}) => {
    const m = get(key);
    if (typeof m !== 'string') throw new Error(`missing ${key}`);
    return m.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? `{${k}}`);
  }) as RootTranslator;
  t.has = (key) => typeof get(key) === 'string';
  return t;
}

describe('findBadChar', () => {
  it('finds NUL, lone surrogates (high and low) and control characters', () => {
    expect(findBadChar('a\u0000b')).toEqual({ kind: 'nul', index: 1, char: 'U+0000' });
    expect(findBadChar('x\ud800')).toEqual({ kind: 'surrogate', index: 1, char: 'U+D800' });
    expect(findBadChar('\udc00x')).toEqual({ kind: 'surrogate', index: 0, char: 'U+DC00' });
    expect(findBadChar('\ud83d\ud83d')).toMatchObject({ kind: 'surrogate', index: 0 });
    expect(findBadChar('bell\u0007')).toEqual({ kind: 'control', index: 4, char: 'U+0007' });
    expect(findBadChar('del\u007f')).toMatchObject({ kind: 'control', char: 'U+007F' });
    expect(findBadChar('c1\u0085')).toMatchObject({ kind: 'control', char: 'U+0085' });
    expect(findBadChar('esc\u001b[31m')).toMatchObject({ kind: 'control', char: 'U+001B' });
  });

  // Issue 14 finding 9: a right-to-left override showed an admin-entered name reversed.
  it('finds bidi controls (overrides, embeddings, isolates, marks) in every field, multi-line ones too', () => {
    expect(findBadChar('\u202Ecod.exe')).toEqual({ kind: 'bidi', index: 0, char: 'U+202E' });
    for (const c of ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(findBadChar(`售后${c}服务部`), c).toMatchObject({ kind: 'bidi', index: 2 });
      expect(findBadChar(`line\n${c}`, { multiline: true }), c).toMatchObject({ kind: 'bidi' });
    }
    expect(parseBadCharCode(badCharCode({ kind: 'bidi', char: 'U+202E' }))).toEqual({ kind: 'bidi', char: 'U+202E' });
    for (const m of [zh, en]) expect(translator(m).has('badChar.bidi')).toBe(true);
  });

  it('accepts ordinary text, emoji (valid pairs) and CJK', () => {
    for (const s of ['', 'plain', '车门异响 😀 𠮷', 'ü é ß', '\u00a0nbsp', '\u200bzero-width']) expect(findBadChar(s), s).toBeNull();
  });

  it('tab, CR and LF only in multi-line fields', () => {
    for (const c of ['\t', '\n', '\r']) {
      expect(findBadChar(`a${c}b`)).toMatchObject({ kind: 'control' });
      expect(findBadChar(`a${c}b`, { multiline: true })).toBeNull();
    }
    expect(findBadChar('a\u0000b', { multiline: true })).toMatchObject({ kind: 'nul' });
    expect(findBadChar('a\u000bb', { multiline: true })).toMatchObject({ kind: 'control' });
  });
});

describe('safeText', () => {
  const schema = z.object({ name: safeText().min(1).max(10), story: safeText({ multiline: true }).min(1) });

  it('refuses a bad character with a custom issue that names the kind and the character, never changes the value', () => {
    const r = schema.safeParse({ name: 'Li\u0000', story: 'ok' });
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0];
    expect(issue).toMatchObject({ code: 'custom', path: ['name'], params: { kesu: 'bad_char', kind: 'nul', char: 'U+0000' } });
    expect(fieldErrorsOf(r.error!)).toEqual({ name: [badCharCode({ kind: 'nul', char: 'U+0000' })] });
  });

  it('keeps the other rules and trims', () => {
    expect(schema.parse({ name: '  Li  ', story: 'line 1\nline 2' })).toEqual({ name: 'Li', story: 'line 1\nline 2' });
    expect(schema.safeParse({ name: 'x'.repeat(11), story: 's' }).success).toBe(false);
    expect(schema.safeParse({ name: 'a\nb', story: 's' }).success).toBe(false);
    // A trailing newline in a one-line field is trimmed, not refused: harmless.
    expect(schema.parse({ name: 'Li\n', story: 's' }).name).toBe('Li');
  });

  it('trim: false keeps spaces (passwords)', () => {
    expect(safeText({ trim: false }).parse(' pw ')).toBe(' pw ');
    expect(safeText({ trim: false }).safeParse('pw\ud800').success).toBe(false);
  });
});

describe('bad-character messages', () => {
  const messages = (common: object, form: object) => ({ common, form });

  it('round-trips the language-neutral code', () => {
    expect(parseBadCharCode(badCharCode({ kind: 'surrogate', char: 'U+D800' }))).toEqual({ kind: 'surrogate', char: 'U+D800' });
    expect(parseBadCharCode('Too small')).toBeNull();
  });

  it('words it in English and Chinese, naming the field', () => {
    const tEn = translator(messages(en, enForm));
    const tZh = translator(messages(zh, zhForm));
    expect(badCharText(tEn, 'description', { kind: 'nul', char: 'U+0000' })).toBe(
      `${enForm.fields.description} contains a NUL character (U+0000), which cannot be stored. Please delete it and try again.`,
    );
    expect(badCharText(tZh, 'remedy.description', { kind: 'control', char: 'U+0007' })).toContain(zhForm.fields.description);
    expect(badCharText(tZh, 'remedy.description', { kind: 'control', char: 'U+0007' })).toContain('控制字符');
    expect(badCharText(tEn, 'participants.1', { kind: 'surrogate', char: 'U+D800' })).toContain(enForm.fields.participants);
    expect(badCharText(tEn, 'nosuchfield', { kind: 'surrogate', char: 'U+D800' })).toMatch(/^This field contains a broken character/);
  });

  it('localizes field errors and leaves other messages alone', () => {
    const t = translator(messages(en, enForm));
    const errors = { rootCause: [badCharCode({ kind: 'control', char: 'U+001B' })], reason: ['Too small'] };
    const out = localizeFieldErrors(errors, t)!;
    expect(out.reason).toEqual(['Too small']);
    expect(out.rootCause[0]).toContain(enForm.fields.rootCause);
    expect(out.rootCause[0]).toContain('U+001B');
    expect(firstBadCharText(errors, t)).toBe(out.rootCause[0]);
    expect(firstBadCharText({ reason: ['Too small'] }, t)).toBeUndefined();
  });
});
