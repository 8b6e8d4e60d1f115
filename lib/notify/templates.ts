/**
 * Notification texts (e-mail, SMS, staff inbox) in zh-CN and English, composed from the
 * `notify` messages. The outbox is rendered by the job runner, long after the request that
 * queued it, so this uses next-intl's createTranslator over the message files, not the
 * request's translations. Payload fields fill the messages' `{name}` arguments after being
 * written as the pages write them (dates in the business time zone, days, amounts).
 */

import { createTranslator } from 'next-intl';
import { createFormat } from '@/lib/i18n/format';
import { loadMessages } from '@/lib/i18n/messages';
import { defaultCalendar } from '@/lib/workflow/calendar';

export type NotifyLocale = 'zh-CN' | 'en';

export const TEMPLATE_NAMES = [
  'received',
  'state_changed',
  'rejected',
  'not_founded',
  'progress',
  'triaged',
  'resumed',
  'survey',
  'assigned',
  'deadline_warning',
  'overdue',
  'admin_repair',
  'low_satisfaction',
  'customer_note',
  'resolved',
  'withdrawn',
  'pending',
  'reopened',
  'gm_instruction',
  'major_needs_instruction',
  'ledger_round',
  'summary_weekly',
  'summary_monthly',
  'summary_accountability',
  'access_code_reissued',
  'tracking_attempts',
  'sign_in_locked',
  // Daily progress and time promises (lib/promises): their texts are in messages/<locale>/promises.json.
  'progress_reminder',
  'daily_progress',
  'promise_warning',
  'promise_due',
  'cover_alert',
  'cover_missing',
  // Hand-over (lib/handover): messages/<locale>/handover.json.
  'handover',
  // Smart triage (lib/triage): their texts are in messages/<locale>/triage.json.
  'crisis_flagged',
  'frequent_problem',
] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** What the command layer puts in `notifications.payload`. Unknown extra fields are ignored. */
export interface NotificationPayload {
  /** Form number, e.g. KS-2026-000123. */
  number?: string;
  /** Translated label of the form's (new) state. */
  statusLabel?: string;
  /** Public tracking link for the customer. */
  trackUrl?: string;
  /** Customer's access code for the tracking page. */
  accessCode?: string;
  /** Customer-visible text (a progress update, the rejection explanation, a reason …). */
  message?: string;
  /** Step deadline, ISO 8601; rendered in the business time zone. */
  deadline?: string;
  /** The form's resolution deadline, ISO 8601 (the triage message). */
  resolutionDue?: string;
  /** A day, YYYY-MM-DD (the next contact with a pending item's customer). */
  contactDay?: string;
  /** The department handling the form, in the reader's language (the triage message). */
  department?: string;
  /** The customer-facing summary written when handling completes (DESIGN §2): when, how, why, what prevents it. */
  customerWhen?: string;
  customerHow?: string;
  customerCause?: string;
  customerPrevention?: string;
  /** Staff link to the form (optional). */
  url?: string;
  /** Satisfaction score given by the customer (optional, low_satisfaction). */
  satisfaction?: number;
  [key: string]: unknown;
}

/**
 * A message of notify.<template> (its key), alternatives for one line (richest first), or lines
 * repeated for each object of the payload's array `each`, whose messages sit under that key.
 */
type Line = string | string[] | { each: string; lines: Line[] };

interface TemplateShape {
  subject: Line;
  lines: Line[];
  /** Where the template's messages are: `<namespace>.<template>` (default `notify`), so that a feature keeps its texts in its own file. */
  namespace?: string;
}

/**
 * Which messages of messages/<locale>/notify.json make each notice, in order. The texts are
 * there (ICU syntax); this table only composes them. A line whose message names a field the
 * payload lacks is left out (so "Access code: {accessCode}" only appears when there is an access
 * code); of alternatives the first whose fields are all present is used. A message can require a
 * field without printing it with `{name, select, other {}}`.
 */
export const TEMPLATES: Record<TemplateName, TemplateShape> = {
  received: { subject: 'subject', lines: ['thanks', 'accessCode', 'track', ['contactBy', 'contactSoon']] },
  state_changed: { subject: ['subject', 'subjectPlain'], lines: [['status', 'statusPlain'], 'message', 'track'] },
  rejected: { subject: 'subject', lines: ['intro', 'message', ['contactWithLink', 'contact']] },
  not_founded: { subject: 'subject', lines: ['intro', 'message', ['contactWithLink', 'contact']] },
  progress: { subject: 'subject', lines: ['news', 'track'] },
  triaged: { subject: ['subject', 'subjectPlain'], lines: [['handledBy', 'handledByPlain'], 'decideBy', 'resolveBy', 'track'] },
  resumed: { subject: 'subject', lines: ['resumed', 'decideBy', 'track'] },
  survey: { subject: 'subject', lines: [['askWithLink', 'ask'], 'thanks'] },
  assigned: { subject: 'subject', lines: [['waiting', 'waitingPlain'], 'dueBy', 'message', 'open'] },
  deadline_warning: { subject: 'subject', lines: [['warning', 'warningPlain', 'warningNoDeadline'], 'message', 'open'] },
  overdue: { subject: 'subject', lines: [['overdue', 'overduePlain', 'overdueNoDeadline'], 'message', 'open'] },
  admin_repair: { subject: 'subject', lines: [['corrected', 'correctedPlain'], 'reason', 'open'] },
  low_satisfaction: { subject: 'subject', lines: [['scored', 'notSatisfied'], 'comment', 'open'] },
  customer_note: { subject: 'subject', lines: ['added', 'message', 'open'] },
  resolved: { subject: 'subject', lines: ['resolved', 'when', 'how', 'cause', 'prevention', 'remedy', ['rateWithLink', 'rate']] },
  withdrawn: { subject: 'subject', lines: ['withdrawn', 'reason', 'contact'] },
  pending: { subject: 'subject', lines: ['pending', 'reason', 'nextContact', 'track'] },
  reopened: { subject: 'subject', lines: ['reopened', 'reason', 'dueBy', 'track'] },
  gm_instruction: { subject: 'subject', lines: ['instructed', 'open'] },
  major_needs_instruction: { subject: 'subject', lines: ['needsInstruction', 'open'] },
  ledger_round: { subject: 'subject', lines: ['call', 'open'] },
  summary_weekly: { subject: 'subject', lines: ['counts', 'repeats', 'accountability', 'frequentTitle', { each: 'frequent', lines: ['group'] }, 'report'] },
  summary_monthly: { subject: 'subject', lines: ['counts', 'repeats', 'accountability', 'report'] },
  summary_accountability: {
    subject: 'subject',
    lines: ['totals', { each: 'people', lines: [['outsider', 'withDepartment', 'person'], { each: 'entries', lines: [['penalty', 'reward']] }] }, 'report'],
  },
  access_code_reissued: { subject: 'subject', lines: ['reissued', 'accessCode', 'track'] },
  tracking_attempts: { subject: 'subject', lines: ['attempts', 'advice', 'open'] },
  sign_in_locked: { subject: ['subjectLogin', 'subjectAddress'], lines: [['lockedLogin', 'lockedAddress'], 'advice'] },
  progress_reminder: { namespace: 'promises.notify', subject: 'subject', lines: ['silent', 'task', 'open'] },
  daily_progress: { namespace: 'promises.notify', subject: 'subject', lines: ['message', 'track'] },
  promise_warning: { namespace: 'promises.notify', subject: 'subject', lines: [['warning', 'warningPlain'], 'open'] },
  promise_due: { namespace: 'promises.notify', subject: 'subject', lines: [['due', 'duePlain'], 'record', 'open'] },
  cover_alert: { namespace: 'promises.notify', subject: ['subject', 'subjectPlain'], lines: [['cover', 'coverPlain'], 'dueBy', 'open'] },
  cover_missing: { namespace: 'promises.notify', subject: 'subject', lines: [['missing', 'missingPlain'], 'open'] },
  handover: { namespace: 'handover.notify', subject: 'subject', lines: ['given', 'reason', 'dueBy', 'open'] },
  crisis_flagged: { namespace: 'triage.notify', subject: 'subject', lines: [['flagged', 'screened'], 'advice', 'open'] },
  frequent_problem: { namespace: 'triage.notify', subject: ['subject', 'subjectPlain'], lines: ['intro', { each: 'forms', lines: ['form'] }, 'open'] },
};

export class UnknownTemplateError extends Error {
  constructor(template: string) {
    super(`Unknown notification template "${template}"`);
    this.name = 'UnknownTemplateError';
  }
}

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}

export function normalizeLocale(locale: string | null | undefined): NotifyLocale {
  return locale && locale.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

function formatDeadline(value: unknown, locale: NotifyLocale, timeZone: string): string | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return typeof value === 'string' && value ? value : undefined;
  // The same date-time as the pages (lib/i18n/format), in the customer's language.
  return createFormat(locale, timeZone).dateTime(date);
}

type Values = Record<string, string | undefined>;

/** One locale's notify messages: the raw text of a key (to see which fields it needs) and its rendering. */
interface Texts {
  raw(key: string): string;
  format(key: string, values: Record<string, string>): string;
}

function textsFor(locale: NotifyLocale, timeZone: string, namespace = 'notify'): Texts {
  const t = createTranslator({ locale, timeZone, messages: loadMessages(locale) as Record<string, never>, namespace: namespace as never });
  const tr = t as unknown as { raw(key: string): unknown; (key: string, values: Record<string, string>): string };
  return {
    raw: (key) => {
      const text = tr.raw(key);
      if (typeof text !== 'string') throw new Error(`notify.${key} is not a message`);
      return text;
    },
    format: (key, values) => tr(key, values),
  };
}

// The top-level arguments of an ICU message: `{name}` and `{name, select, …}` alike.
const ARGUMENT = /\{\s*(\w+)\s*[,}]/g;

function argumentsOf(message: string): string[] {
  return [...message.matchAll(ARGUMENT)].map((m) => m[1]);
}

/** Renders message `key` when every field it names has a value; null otherwise. */
function fill(texts: Texts, key: string, values: Values): string | null {
  const needed = argumentsOf(texts.raw(key));
  const args: Record<string, string> = {};
  for (const name of needed) {
    const v = values[name];
    if (v === undefined || v === '') return null;
    args[name] = v;
  }
  return texts.format(key, args);
}

function pick(texts: Texts, line: string | string[], values: Values, prefix: string): string | null {
  for (const alternative of Array.isArray(line) ? line : [line]) {
    const filled = fill(texts, prefix + alternative, values);
    if (filled !== null) return filled;
  }
  return null;
}

/** Whether the template's texts (any alternative, either language) can show payload field `field`. */
export function templateShows(template: TemplateName, field: string): boolean {
  const messages = loadMessages('en') as Record<string, unknown>;
  const found = (node: unknown): boolean =>
    typeof node === 'string' ? argumentsOf(node).includes(field) : typeof node === 'object' && node !== null && Object.values(node).some(found);
  const path = [...(TEMPLATES[template].namespace ?? 'notify').split('.'), template];
  return found(path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], messages));
}

/**
 * Renders a notification: (template, locale 'zh-CN' | 'en', payload) → { subject, text }, with
 * dates in `timeZone` (the business time zone: loadCalendar's, defaulting as a fresh database does).
 * Any locale starting with "en" renders English, anything else Chinese. Throws
 * UnknownTemplateError for a template that is not in the table.
 */
export function renderTemplate(
  template: string,
  locale: string | null | undefined,
  payload: NotificationPayload | null | undefined,
  timeZone: string = defaultCalendar.timeZone,
): { subject: string; text: string } {
  if (!isTemplateName(template)) throw new UnknownTemplateError(template);
  const loc = normalizeLocale(locale);
  const shape = TEMPLATES[template];
  const texts = textsFor(loc, timeZone, shape.namespace);
  const p = payload ?? {};
  const values = scalars(p, {}, loc, timeZone);
  values.deadline = formatDeadline(p.deadline, loc, timeZone);
  values.resolutionDue = formatDeadline(p.resolutionDue, loc, timeZone);
  // A YYYY-MM-DD day has no time zone: shown as the pages show days.
  if (typeof p.contactDay === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.contactDay)) values.contactDay = createFormat(loc, timeZone).day(p.contactDay);

  const prefix = `${template}.`;
  const subjects = (Array.isArray(shape.subject) ? shape.subject : [shape.subject]) as string[];
  const last = prefix + subjects[subjects.length - 1];
  // No alternative fits: the plainest one, its missing fields left empty.
  const subject =
    pick(texts, subjects, values, prefix) ?? texts.format(last, Object.fromEntries(argumentsOf(texts.raw(last)).map((n) => [n, values[n] ?? '']))).trim();
  return { subject, text: renderLines(texts, shape.lines, values, p, loc, timeZone, prefix).join('\n') };
}

/** The text fields of one payload object over the inherited ones. */
// Days and amounts in the reader's language, as the pages write them (the payload keeps machine
// values: YYYY-MM-DD and yuan with two decimals, so queued rows render either way).
const dayKeys = new Set(['from', 'to']);
const moneyKeys = new Set(['penalties', 'rewards', 'penalty', 'reward']);

function scalars(p: Record<string, unknown>, inherited: Values, loc: NotifyLocale, timeZone: string): Values {
  const values = { ...inherited };
  const format = createFormat(loc, timeZone);
  for (const [key, v] of Object.entries(p)) {
    if (typeof v === 'string') values[key] = v.trim();
    else if (typeof v === 'number' || typeof v === 'boolean') values[key] = String(v);
    const value = values[key];
    if (value === undefined || !Object.hasOwn(p, key)) continue;
    if (dayKeys.has(key) && /^\d{4}-\d{2}-\d{2}$/.test(value)) values[key] = format.day(value);
    if (moneyKeys.has(key) && /^-?\d+(\.\d+)?$/.test(value)) values[key] = format.money(Math.round(Number(value) * 100));
  }
  return values;
}

function renderLines(texts: Texts, lines: readonly Line[], values: Values, p: Record<string, unknown>, loc: NotifyLocale, timeZone: string, prefix: string): string[] {
  return lines.flatMap((line) => {
    if (typeof line === 'string' || Array.isArray(line)) {
      const filled = pick(texts, line, values, prefix);
      return filled === null ? [] : [filled];
    }
    const items = Array.isArray(p[line.each]) ? (p[line.each] as unknown[]) : [];
    return items
      .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item))
      .flatMap((item) => renderLines(texts, line.lines, scalars(item, values, loc, timeZone), item, loc, timeZone, `${prefix}${line.each}.`));
  });
}

/**
 * What a staff notice adds to its template (issue 17): which complaint it is about (the
 * customer, the category, a line of the customer's words) and what the reader must do by when,
 * or that it is for information only. The texts are `notify.staff.*`; the inbox supplies the
 * fields from the form as it is now, so an old notice never asks for a step already taken.
 */
export const STAFF_LINES: Record<'about' | 'task', Line> = {
  about: ['about', 'aboutPlain'],
  task: ['todo', 'todoPlain', 'info'],
};

export interface StaffContext {
  customer?: string;
  category?: string;
  /** A line of the complaint, as the lists show it. */
  summary?: string;
  /** The step the reader must take (a state, or `investigating_desk`); absent: for information. */
  action?: string;
  /** When the step is due (the form's step deadline). */
  deadline?: Date | null;
}

export function renderStaffContext(locale: string | null | undefined, ctx: StaffContext, timeZone: string = defaultCalendar.timeZone): { about: string | null; task: string } {
  const loc = normalizeLocale(locale);
  const texts = textsFor(loc, timeZone);
  const values: Values = {
    customer: ctx.customer?.trim() || undefined,
    category: ctx.category?.trim() || undefined,
    summary: ctx.summary?.trim() || undefined,
    action: ctx.action,
    deadline: ctx.action && ctx.deadline ? formatDeadline(ctx.deadline, loc, timeZone) : undefined,
    // `info` only when there is nothing to do, so the to-do lines are tried first.
    info: ctx.action ? undefined : 'yes',
  };
  const about = pick(texts, STAFF_LINES.about as string[], values, 'staff.');
  const task = pick(texts, STAFF_LINES.task as string[], values, 'staff.')!;
  return { about, task };
}
