/**
 * Which messages each part of the app passes to its client components. A server layout's
 * <NextIntlClientProvider> without `messages` serialises every message of the app into each
 * page (41.6 kB of JSON); each subtree gets only the namespaces its client components read
 * (tests/i18n/client-messages.test.ts checks every useTranslations call against these lists).
 * A nested provider replaces its parent's messages, so each list is complete for its subtree.
 */
type Messages = Record<string, unknown>;

/**
 * What the root translator of lib/validation/messages.ts reads in the browser (field errors
 * worded by localizedResolver and the zod locale): the rule sentences and every namespace in
 * which a field's label is looked up (defaultLabelNamespaces, adminLabelNamespaces).
 */
export const fieldErrorNamespaces = ['validation', 'form.fields', 'public.submit.fields', 'login', 'common.badChar'] as const;

export const clientNamespaces = {
  /** app/login: the sign-in form. */
  login: ['login'],
  /**
   * app/(public): the submit form and a tracking page's survey and message form (/track's own form
   * gets its words as props: that page has no provider at all).
   */
  public: ['public.optional', 'public.submit', 'public.survey', 'channels.answer', ...fieldErrorNamespaces],
  /**
   * app/(staff): intake form, person picker, event forms, evidence upload, access code, inbox
   * buttons, the person-data and legal-hold forms (which reuse the admin form parts).
   */
  staff: ['form', 'workflow', 'intake', 'inbox', 'privacy', 'admin.common', 'triage', 'promises.form', 'promises.absence', 'eightd.form', 'eightd.fields', 'handover.form', 'handover.positions', ...fieldErrorNamespaces],
  /** app/(staff)/admin: the set-up, staff, SLA, calendar, outbox, security and retention forms. */
  admin: ['admin', 'common', 'workflow.severities', 'privacy.retention', 'api.keys', 'channels.webhooks', 'promises.admin', 'promises.errors.fields', 'handover', 'calendar', 'triage.admin', ...fieldErrorNamespaces],
} as const satisfies Record<string, readonly string[]>;

export type ClientPart = keyof typeof clientNamespaces;

/** Only the given namespaces (dotted paths, e.g. 'public.submit') of a messages object. */
export function pickMessages(messages: Messages, paths: readonly string[]): Messages {
  const out: Messages = {};
  for (const p of paths) {
    const keys = p.split('.');
    let from: unknown = messages;
    for (const k of keys) from = from && typeof from === 'object' ? (from as Messages)[k] : undefined;
    if (from === undefined) continue;
    let to = out;
    for (const k of keys.slice(0, -1)) to = (to[k] ??= {}) as Messages;
    to[keys.at(-1)!] = from;
  }
  return out;
}

// The loaded messages of a locale are one object for the life of the process (lib/i18n/messages.ts):
// pick once per locale and part, not per request.
const picked = new WeakMap<Messages, Map<ClientPart, Messages>>();
export function clientMessages(messages: Messages, part: ClientPart): Messages {
  let byPart = picked.get(messages);
  if (!byPart) picked.set(messages, (byPart = new Map()));
  let m = byPart.get(part);
  if (!m) byPart.set(part, (m = pickMessages(messages, clientNamespaces[part])));
  return m;
}
