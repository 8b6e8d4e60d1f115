/**
 * Text that can be stored as it was typed. PostgreSQL refuses NUL in text and lone UTF-16
 * surrogates in JSON (a 500), and turns lone surrogates in text into U+FFFD (a silent change);
 * other control characters are invisible and only ever arrive by accident or attack. Every
 * text field of every schema is built from `safeText`, so each of them answers such input with
 * a field error instead. Pure zod: safe to import from client components.
 */
import { z } from 'zod';

export type BadCharKind = 'nul' | 'surrogate' | 'control' | 'bidi';

export interface BadChar {
  kind: BadCharKind;
  /** UTF-16 index in the string. */
  index: number;
  /** 'U+0000' style, for the message. */
  char: string;
}

/**
 * Unicode's Bidi_Control characters (ALM, LRM, RLM, the embeddings and overrides, the isolates):
 * invisible, they reorder the text shown around them (a name typed as "\u202Ecod.exe" reads
 * "exe.doc"). Never needed in a Chinese or English portal's fields, so refused in all of them.
 */
const bidiControls = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

/** Allowed in multi-line fields only (and never in single-line ones: a pasted newline in a name is a mistake). */
const lineBreaks = new Set([0x09, 0x0a, 0x0d]);

/** The first character that must not be stored, or null. */
export function findBadChar(value: string, opts: { multiline?: boolean } = {}): BadChar | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a valid pair
        continue;
      }
      return { kind: 'surrogate', index: i, char: hex(c) };
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { kind: 'surrogate', index: i, char: hex(c) };
    if (c === 0) return { kind: 'nul', index: i, char: hex(c) };
    const control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
    if (control && !(opts.multiline && lineBreaks.has(c))) return { kind: 'control', index: i, char: hex(c) };
    if (bidiControls.has(c)) return { kind: 'bidi', index: i, char: hex(c) };
  }
  return null;
}

function hex(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The params of the issue a bad character raises; `fieldErrorsOf` and the client error map read them. */
export interface BadCharParams {
  kesu: 'bad_char';
  kind: BadCharKind;
  char: string;
}

export function isBadCharParams(p: unknown): p is BadCharParams {
  return !!p && typeof p === 'object' && (p as { kesu?: unknown }).kesu === 'bad_char';
}

/**
 * The language-neutral form of a bad-character field error (command layer → UI): the UI turns
 * it into a sentence in the reader's language (`badCharMessage`).
 */
export const badCharPrefix = 'kesu:bad_char:';
export function badCharCode(p: Pick<BadCharParams, 'kind' | 'char'>): string {
  return `${badCharPrefix}${p.kind}:${p.char}`;
}
export function parseBadCharCode(message: string): Pick<BadCharParams, 'kind' | 'char'> | null {
  if (!message.startsWith(badCharPrefix)) return null;
  const [kind, char] = message.slice(badCharPrefix.length).split(':');
  if (kind !== 'nul' && kind !== 'surrogate' && kind !== 'control' && kind !== 'bidi') return null;
  return { kind, char: /^U\+[0-9A-F]{4}$/.test(char ?? '') ? char : '' };
}

/**
 * A string field (trimmed) that refuses NUL, lone surrogates, control and bidi characters; tab, CR and
 * LF only where `multiline`. Chain `.min()`, `.max()`, `.regex()` as on `z.string()`.
 * No message is set on the issue: the reader's error map (client) or the UI (server, from the
 * code `fieldErrorsOf` makes) words it in the page's language.
 */
export function safeText(opts: { multiline?: boolean; trim?: boolean } = {}) {
  const base = opts.trim === false ? z.string() : z.string().trim();
  return base.superRefine((value, ctx) => {
    const bad = findBadChar(value, opts);
    // continue: false — the field's other rules (regex, length) would only add noise to this one.
    if (bad) ctx.addIssue({ code: 'custom', input: value, continue: false, params: { kesu: 'bad_char', kind: bad.kind, char: bad.char } satisfies BadCharParams });
  });
}
