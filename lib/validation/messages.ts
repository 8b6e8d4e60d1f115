/**
 * Field errors in the reader's language, naming the field: the words of lib/validation/issues.ts
 * turned into sentences. Takes a next-intl translator of the root namespace (server:
 * getTranslations(), client: useTranslations()), so the same sentence is shown whether the browser
 * or the server found the problem.
 */
import { decodeIssue, type IssueWord } from './issues';
import type { BadCharKind } from './text';

export interface RootTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/**
 * Where field labels live, most specific first; the last named path segment is the field's name.
 * `validation.labels` holds the short names an error sentence uses where a form label is long.
 */
export const defaultLabelNamespaces = ['validation.labels', 'form.fields', 'public.submit.fields', 'login'] as const;
/** The admin screens' fields (their labels live per screen; these are the names errors use). */
export const adminLabelNamespaces = ['validation.adminLabels', ...defaultLabelNamespaces] as const;

/** Fields whose value is picked from a list although their schema is a plain string (an id, a code). */
const pickedFields = new Set(['categoryCode', 'departmentId', 'responsibleDepartmentId', 'customerManagerId', 'userId', 'headUserId', 'primaryUserId', 'secondaryUserId']);

/** Parts of a repeated or compound field (a remedy's amount, an accountability entry's person), by their parent. */
const subfieldGroups: Record<string, string> = {
  remedy: 'remedy',
  remedyProposal: 'remedy',
  remedyDelivered: 'remedy',
  accountability: 'accountability',
};

function labelOf(t: RootTranslator, leaf: string, namespaces: readonly string[]): string | undefined {
  for (const ns of namespaces) {
    const key = `${ns}.${leaf}`;
    if (leaf && t.has(key)) {
      const label = t(key);
      if (typeof label === 'string' && label) return label;
    }
  }
  return undefined;
}

export function fieldLabel(t: RootTranslator, path: string, namespaces: readonly string[] = defaultLabelNamespaces): string {
  const parts = path.split('.').filter(Boolean);
  const named = parts.filter((p) => !/^\d+$/.test(p));
  const leaf = named.at(-1) ?? '';
  const parent = named.at(-2);
  const group = parent ? subfieldGroups[parent] : undefined;
  if (parent && group && t.has(`validation.subfields.${group}.${leaf}`)) {
    const parentLabel = labelOf(t, parent, namespaces) ?? parent;
    const child = t(`validation.subfields.${group}.${leaf}`);
    const index = parts.find((p) => /^\d+$/.test(p));
    return index !== undefined
      ? t('validation.nestedItem', { parent: parentLabel, n: Number(index) + 1, child })
      : t('validation.nested', { parent: parentLabel, child });
  }
  return labelOf(t, leaf, namespaces) ?? t('common.badChar.thisField');
}

export function badCharText(t: RootTranslator, path: string, p: { kind: BadCharKind; char: string }, namespaces?: readonly string[]): string {
  return t(`common.badChar.${p.kind}`, { field: fieldLabel(t, path, namespaces), char: p.char || '?' });
}

/** The sentence for one problem with one field. */
export function issueText(t: RootTranslator, path: string, word: IssueWord, namespaces?: readonly string[]): string {
  if (word.kind === 'badChar') return badCharText(t, path, { kind: word.bad, char: word.char }, namespaces);
  const field = fieldLabel(t, path, namespaces);
  if (word.kind === 'rule') {
    return t.has(`validation.rules.${word.key}`) ? t(`validation.rules.${word.key}`, { field }) : t('validation.invalid', { field });
  }
  const leaf = path.split('.').filter((p) => p && !/^\d+$/.test(p)).at(-1) ?? '';
  // An id picked from a list is "chosen", not "filled in" (its schema is only a string).
  if (word.kind === 'required' && pickedFields.has(leaf)) return t('validation.choose', { field });
  if (word.kind === 'format' && t.has(`validation.formats.${leaf}`)) return t(`validation.formats.${leaf}`, { field });
  if ('n' in word) {
    // Amounts are kept in cents and typed in yuan.
    const n = /Cents$/.test(leaf) ? word.n / 100 : word.n;
    return t(`validation.${word.kind}`, { field, n });
  }
  return t(`validation.${word.kind}`, { field });
}

/** A field error as shown: a code from the server (or from zod on the client) as a sentence; other text as it is. */
export function fieldErrorText(t: RootTranslator, path: string, message: string, namespaces?: readonly string[]): string {
  const word = decodeIssue(message);
  return word ? issueText(t, path, word, namespaces) : message;
}

/** Replaces the language-neutral codes of `fieldErrorsOf` by sentences. */
export function localizeFieldErrors(
  fieldErrors: Record<string, string[]> | undefined,
  t: RootTranslator,
  namespaces?: readonly string[],
): Record<string, string[]> | undefined {
  if (!fieldErrors) return fieldErrors;
  const out: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fieldErrors)) out[path] = messages.map((m) => fieldErrorText(t, path, m, namespaces));
  return out;
}

/** The first bad-character error among field errors, worded: the form-level message names the field. */
export function firstBadCharText(fieldErrors: Record<string, string[]> | undefined, t: RootTranslator, namespaces?: readonly string[]): string | undefined {
  for (const [path, messages] of Object.entries(fieldErrors ?? {})) {
    for (const m of messages) {
      const word = decodeIssue(m);
      if (word?.kind === 'badChar') return issueText(t, path, word, namespaces);
    }
  }
  return undefined;
}
