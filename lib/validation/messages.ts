/**
 * Words for the bad-character field error in the reader's language, naming the field. Takes a
 * next-intl translator of the root namespace (server: getTranslations(), client: useTranslations()),
 * so the same sentence is shown whether the browser or the server found the character.
 */
import { parseBadCharCode, type BadCharKind } from './text';
import { badPhoneCode } from './phone';

export interface RootTranslator {
  (key: string, values?: Record<string, string>): string;
  has(key: string): boolean;
}

/** Where field labels live, most specific first; the last path segment is the field's name. */
const labelNamespaces = ['form.fields', 'public.submit.fields', 'admin.fields', 'login'];

export function fieldLabel(t: RootTranslator, path: string, namespaces: readonly string[] = labelNamespaces): string {
  const leaf = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? '';
  for (const ns of namespaces) {
    const key = `${ns}.${leaf}`;
    if (leaf && t.has(key)) {
      const label = t(key);
      if (typeof label === 'string' && label) return label;
    }
  }
  return t('common.badChar.thisField');
}

export function badCharText(t: RootTranslator, path: string, p: { kind: BadCharKind; char: string }, namespaces?: readonly string[]): string {
  return t(`common.badChar.${p.kind}`, { field: fieldLabel(t, path, namespaces), char: p.char || '?' });
}

/** Replaces the language-neutral bad-character codes of `fieldErrorsOf` by sentences. */
export function localizeFieldErrors(
  fieldErrors: Record<string, string[]> | undefined,
  t: RootTranslator,
  namespaces?: readonly string[],
): Record<string, string[]> | undefined {
  if (!fieldErrors) return fieldErrors;
  const out: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fieldErrors)) {
    out[path] = messages.map((m) => {
      const bad = parseBadCharCode(m);
      if (m === badPhoneCode) return t('common.phone.invalid');
      return bad ? badCharText(t, path, bad, namespaces) : m;
    });
  }
  return out;
}

/** The first bad-character error among field errors, worded: the form-level message names the field. */
export function firstBadCharText(fieldErrors: Record<string, string[]> | undefined, t: RootTranslator, namespaces?: readonly string[]): string | undefined {
  for (const [path, messages] of Object.entries(fieldErrors ?? {})) {
    for (const m of messages) {
      const bad = parseBadCharCode(m);
      if (bad) return badCharText(t, path, bad, namespaces);
    }
  }
  return undefined;
}
