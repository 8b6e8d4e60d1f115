/**
 * What a zod issue asks of the person, in our own small vocabulary: "fill this in", "at most 4000
 * characters", "choose one". zod's own messages are developer text ("Too small: expected string
 * to have >=1 characters", the enum's values in quotes); ours become sentences in the reader's
 * language (lib/validation/messages.ts). The vocabulary also travels from the server to the page
 * as a short language-neutral code in an action's field errors. Pure: safe in client components.
 */
import type { z } from 'zod';
import { badCharCode, isBadCharParams, parseBadCharCode, type BadCharKind } from './text';

export type IssueWord =
  | { kind: 'required' }
  | { kind: 'choose' }
  | { kind: 'confirm' }
  | { kind: 'tooShort'; n: number }
  | { kind: 'tooLong'; n: number }
  | { kind: 'tooFew'; n: number }
  | { kind: 'tooMany'; n: number }
  | { kind: 'tooLow'; n: number }
  | { kind: 'tooHigh'; n: number }
  | { kind: 'wholeNumber' }
  | { kind: 'number' }
  | { kind: 'date' }
  | { kind: 'email' }
  | { kind: 'format' }
  | { kind: 'invalid' }
  /** A rule of the form (a refinement), worded by its key: `validation.rules.<key>`. */
  | { kind: 'rule'; key: string }
  | { kind: 'badChar'; bad: BadCharKind; char: string };

/** The params of a refinement whose sentence is `validation.rules.<key>`. */
export interface RuleParams {
  kesu: 'rule';
  key: string;
}

/**
 * A refinement's params (`.refine(fn, rule('key', path))`, `ctx.addIssue({ …, params: ruleParams('key') })`):
 * no English message, a key both the browser and the server translate.
 */
export function ruleParams(key: string): RuleParams {
  return { kesu: 'rule', key };
}
export function rule(key: string, path: string[]): { params: RuleParams; path: string[] } {
  return { params: ruleParams(key), path };
}
function isRuleParams(p: unknown): p is RuleParams {
  return !!p && typeof p === 'object' && (p as { kesu?: unknown }).kesu === 'rule' && typeof (p as { key?: unknown }).key === 'string';
}

/** Any zod issue, raw (inside an error map) or finalized (in a ZodError). */
type AnyIssue = z.core.$ZodIssue | z.core.$ZodRawIssue;

/** No value (a finalized issue keeps no input: from a form, a type error means an empty field). */
function empty(issue: AnyIssue): boolean {
  if (!('input' in issue)) return true;
  const input = (issue as { input?: unknown }).input;
  return input === undefined || input === null || input === '' || (typeof input === 'number' && Number.isNaN(input));
}

export function describeIssue(issue: AnyIssue): IssueWord {
  const i = issue as Record<string, unknown> & { code?: string };
  switch (i.code) {
    case 'too_small': {
      const n = Number(i.minimum);
      if (i.origin === 'string') return n <= 1 ? { kind: 'required' } : { kind: 'tooShort', n };
      if (i.origin === 'array' || i.origin === 'set') return { kind: 'tooFew', n };
      return { kind: 'tooLow', n: i.inclusive === false ? n + (Number.isInteger(n) ? 1 : 0) : n };
    }
    case 'too_big': {
      const n = Number(i.maximum);
      if (i.origin === 'string') return { kind: 'tooLong', n };
      if (i.origin === 'array' || i.origin === 'set') return { kind: 'tooMany', n };
      return { kind: 'tooHigh', n };
    }
    case 'invalid_type': {
      const expected = i.expected;
      if (expected === 'boolean' || expected === 'enum' || expected === 'literal') return { kind: 'choose' };
      // z.number().int() on 3.5 (an empty box is NaN, refused as a number first).
      if (expected === 'int') return { kind: 'wholeNumber' };
      // valueAsNumber turns an empty box into NaN: still "fill it in".
      if (empty(issue)) return { kind: 'required' };
      if (expected === 'number' || expected === 'int') return { kind: 'number' };
      return { kind: 'invalid' };
    }
    case 'invalid_value': {
      const values = (i.values as unknown[] | undefined) ?? [];
      if (values.length === 1 && values[0] === true) return { kind: 'confirm' };
      return { kind: 'choose' };
    }
    case 'invalid_format':
      if (i.format === 'date' || i.format === 'datetime') return { kind: 'date' };
      if (i.format === 'email') return { kind: 'email' };
      return { kind: 'format' };
    case 'not_multiple_of':
      return { kind: 'wholeNumber' };
    case 'custom':
      if (isBadCharParams(i.params)) return { kind: 'badChar', bad: i.params.kind, char: i.params.char };
      if (isRuleParams(i.params)) return { kind: 'rule', key: i.params.key };
      return { kind: 'invalid' };
    case 'invalid_union': {
      // The branch the person meant: the one whose issue says most (a length beats "not 'none'").
      const branches = (i.errors as AnyIssue[][] | undefined) ?? [];
      const words = branches.flatMap((b) => b.filter((x) => !x.path || x.path.length === 0)).map(describeIssue);
      const rank = (w: IssueWord) => (w.kind === 'choose' || w.kind === 'invalid' ? 2 : w.kind === 'required' ? 1 : 0);
      return words.sort((a, b) => rank(a) - rank(b))[0] ?? { kind: 'invalid' };
    }
    default:
      return { kind: 'invalid' };
  }
}

/**
 * The language-neutral code of a word, for an action's field errors: `kesu:tooLong:4000`,
 * `kesu:rule:chooseResponsibleDepartment`, and the bad-character code of lib/validation/text.ts.
 */
export const issueCodePrefix = 'kesu:';
export function encodeIssue(w: IssueWord): string {
  if (w.kind === 'badChar') return badCharCode({ kind: w.bad, char: w.char });
  if (w.kind === 'rule') return `${issueCodePrefix}rule:${w.key}`;
  if ('n' in w) return `${issueCodePrefix}${w.kind}:${w.n}`;
  return `${issueCodePrefix}${w.kind}`;
}

const plainKinds = new Set(['required', 'choose', 'confirm', 'wholeNumber', 'number', 'date', 'email', 'format', 'invalid']);
const countedKinds = new Set(['tooShort', 'tooLong', 'tooFew', 'tooMany', 'tooLow', 'tooHigh']);

export function decodeIssue(code: string): IssueWord | null {
  const bad = parseBadCharCode(code);
  if (bad) return { kind: 'badChar', bad: bad.kind, char: bad.char };
  if (!code.startsWith(issueCodePrefix)) return null;
  const [kind, arg] = code.slice(issueCodePrefix.length).split(/:(.*)/s);
  if (plainKinds.has(kind) && !arg) return { kind } as IssueWord;
  if (countedKinds.has(kind) && /^-?\d+(\.\d+)?$/.test(arg ?? '')) return { kind, n: Number(arg) } as IssueWord;
  if (kind === 'rule' && /^[A-Za-z0-9_]{1,80}$/.test(arg ?? '')) return { kind: 'rule', key: arg };
  return null;
}
