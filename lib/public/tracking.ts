import 'server-only';
import crypto from 'node:crypto';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { categories, complaintEvents, complaints, departments, pendingItems } from '@/db/schema';
import { customerSummaryFields, type RemedyKind, type State } from '@/lib/workflow';
import { queueNotices } from '@/lib/complaints/outbox';
import { handledStates, handlingEvents, surveyAvailability, type SurveyAvailability } from '@/lib/complaints/survey';
import { isTrackingToken } from '@/lib/params';
import { envLimit, hit, refund } from './rate-limit';

export const trackIpWindowMs = 60_000;
export const trackPairWindowMs = 3_600_000;
export const trackDayMs = 24 * 3_600_000;

/** Every limit on lookups by number and access code, each from its environment variable (see the README). */
export function trackLimits() {
  return {
    /** Lookups (right or wrong) from one address in a minute. */
    perAddressMinute: envLimit('KESU_TRACK_IP_LIMIT', 10),
    /** Wrong codes for one number from one address in an hour. */
    perNumberAndAddress: envLimit('KESU_TRACK_PAIR_FAILURES', 5),
    /** Wrong lookups from one address in a day, all numbers together. */
    perAddressDay: envLimit('KESU_TRACK_IP_DAILY_FAILURES', 50),
    /** Wrong codes for one number in a day, from everywhere: reaching it alerts the customer manager (it locks nothing). */
    numberDailyAlert: envLimit('KESU_TRACK_NUMBER_DAILY_ALERT', 100),
  };
}

export type LookupResult =
  | { kind: 'found'; token: string }
  /** One answer for a wrong number and a wrong code alike. */
  | { kind: 'not_found'; alerted?: true }
  /** `minute`: too many lookups from the address; `pair`/`day`: too many wrong ones from it (for this number / at all). */
  | { kind: 'rate_limited'; scope: 'minute' | 'pair' | 'day'; retryAfterMs: number };

export interface LookupInput {
  number: unknown;
  code: unknown;
  ip: string;
}

/** KS-2026-000123, with or without the prefix's case; anything else is kept short and upper-cased. */
export function normalizeNumber(value: unknown): string {
  // Only the characters a number has: a NUL or other control character must not reach a query.
  return String(value ?? '').trim().toUpperCase().replace(/[^A-Z0-9-]/g, '').slice(0, 32);
}

export function normalizeCode(value: unknown): string {
  return String(value ?? '').trim().toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 32);
}

const digest = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest();
// Compared when the number is unknown, so that both cases hash and compare the same way.
const decoyCode = crypto.randomBytes(6).toString('hex').toUpperCase();

/**
 * Number + access code → tracking token. Every limit is on the *address*, alone or with the
 * number, so that a stranger's wrong codes never keep the customer out: from another address
 * (or by the private link) the right code still works. A lookup is counted against its address
 * and its (number, address) pair *before* the code is compared (atomic upserts, so parallel
 * requests cannot pass the limit) and given back when the code was right. Wrong codes for a
 * number from everywhere are counted too; reaching KESU_TRACK_NUMBER_DAILY_ALERT in a day
 * alerts the form's customer manager once, who can issue a new code (reissueAccessCode).
 */
export async function lookupByNumberAndCode(input: LookupInput, now = new Date(), db?: Db): Promise<LookupResult> {
  db ??= await getDb();
  const limits = trackLimits();
  const perMinute = await hit(db, `track-ip:${input.ip}`, limits.perAddressMinute, trackIpWindowMs, now);
  if (!perMinute.allowed) return { kind: 'rate_limited', scope: 'minute', retryAfterMs: perMinute.retryAfterMs };

  const number = normalizeNumber(input.number);
  const code = normalizeCode(input.code);
  const dayKey = `track-ip-fail:${input.ip}`;
  const pairKey = `track-pair:${number}|${input.ip}`;
  const perDay = await hit(db, dayKey, limits.perAddressDay, trackDayMs, now);
  if (!perDay.allowed) {
    await refund(db, dayKey); // a refused lookup compares nothing: only wrong codes fill the day
    return { kind: 'rate_limited', scope: 'day', retryAfterMs: perDay.retryAfterMs };
  }
  const perPair = await hit(db, pairKey, limits.perNumberAndAddress, trackPairWindowMs, now);
  if (!perPair.allowed) {
    await Promise.all([refund(db, dayKey), refund(db, pairKey)]);
    return { kind: 'rate_limited', scope: 'pair', retryAfterMs: perPair.retryAfterMs };
  }

  const [row] = await db
    .select({ id: complaints.id, token: complaints.trackingToken, accessCode: complaints.accessCode })
    .from(complaints)
    .where(eq(complaints.number, number || '-'))
    .limit(1);
  const codeMatches = crypto.timingSafeEqual(digest(code), digest(row ? row.accessCode : decoyCode));
  if (row && codeMatches && code !== '') {
    // The right code proves the earlier wrong ones from here were typos: the pair starts again.
    await Promise.all([refund(db, dayKey), refund(db, pairKey, perPair.count)]);
    return { kind: 'found', token: row.token };
  }
  const perNumber = await hit(db, `track-number-fail:${number}`, limits.numberDailyAlert, trackDayMs, now);
  // Exactly one lookup sees the count reach the threshold: one alert a day, however many instances.
  if (row && perNumber.count === limits.numberDailyAlert) {
    await alertCustomerManager(db, row.id, perNumber.count);
    return { kind: 'not_found', alerted: true }; // the caller kicks the outbox; the client sees plain not_found
  }
  return { kind: 'not_found' };
}

/** An in-app notice to the form's customer manager (the desk when none is named yet). */
async function alertCustomerManager(db: Db, complaintId: string, attempts: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [form] = await tx.select().from(complaints).where(eq(complaints.id, complaintId));
    if (form) await queueNotices(tx, form, null, [{ audience: 'customer_manager', template: 'tracking_attempts', payload: { attempts } }]);
  });
}

// ---------------------------------------------------------------------------------------------
// What the customer sees: nothing internal (no internal notes, accountability, staff names,
// departments' internal opinions) ever leaves this module.

export type PublicActor = 'customer' | 'desk' | 'department' | 'management' | 'gm' | 'admin' | 'staff';

export interface PublicHistoryEntry {
  version: number;
  at: Date;
  type: string;
  actor: PublicActor;
  /** Free text meant for the customer (a reply, a progress note, the rejection explanation, their own comment). */
  text?: string;
  remedy?: { kind: RemedyKind; description: string; amountCents?: number };
  rating?: number;
  nextContactOn?: string;
  /** The customer-facing summary of a completed handling. */
  summary?: CustomerSummary;
}

/** DESIGN §2: the customer's four questions, answered when handling completes. */
export interface CustomerSummary {
  when: string;
  how: string;
  cause: string;
  prevention: string;
}

export interface PublicView {
  number: string;
  status: State;
  receivedAt: Date;
  categoryCode: string | null;
  categoryName: string | null;
  categoryNameEn: string | null;
  subject: string | null;
  stepDueAt: Date | null;
  resolutionDueAt: Date | null;
  nextContactOn: string | null;
  /** While the form is a pending item: why it cannot be settled yet, as explained to the customer. */
  pendingExplanation: string | null;
  /** While handling is under way: the department handling it, in both languages. */
  departmentName: string | null;
  departmentNameEn: string | null;
  /** Once handled (and not reopened since): the summary of the latest handling, and when it was written. */
  summary: (CustomerSummary & { at: Date }) | null;
  history: PublicHistoryEntry[];
  survey: SurveyAvailability;
  /** Who a low rating alerts, so the page promises the right person (lib/complaints/outbox.ts). */
  lowRatingContact: 'customer_manager' | 'desk';
}

/** States in which the customer is still waiting for the handling itself (dates are shown). */
const handlingStates: readonly State[] = ['received', 'investigating', 'pending_approval', 'management_review', 'negotiation', 'gm_decision', 'accountability'];

const staffRoles: readonly string[] = ['desk', 'department', 'management', 'gm', 'admin'];

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v : undefined;
}

function publicSummary(p: Record<string, unknown>): CustomerSummary | undefined {
  const [when, how, cause, prevention] = customerSummaryFields.map((f) => str(p[f]));
  // Forms handled before the summary existed have none: nothing half-filled is shown.
  return when && how && cause && prevention ? { when, how, cause, prevention } : undefined;
}

function publicRemedy(v: unknown): PublicHistoryEntry['remedy'] {
  if (!v || typeof v !== 'object') return undefined;
  const r = v as Record<string, unknown>;
  const description = str(r.description);
  if (!description || typeof r.kind !== 'string') return undefined;
  return { kind: r.kind as RemedyKind, description, amountCents: typeof r.amountCents === 'number' ? r.amountCents : undefined };
}

/** One customer-visible history row, reduced to what the customer is meant to read. */
export function toPublicEntry(row: { version: number; at: Date; type: string; actorRole: string; payload: unknown }): PublicHistoryEntry {
  const p = (row.payload ?? {}) as Record<string, unknown>;
  const actor: PublicActor = row.actorRole === 'customer' ? 'customer' : staffRoles.includes(row.actorRole) ? (row.actorRole as PublicActor) : 'staff';
  const entry: PublicHistoryEntry = { version: row.version, at: row.at, type: row.type, actor };
  switch (row.type) {
    case 'note':
      entry.text = str(p.text);
      break;
    case 'reject':
    case 'approve_final': // visible only when it closes a not-founded form; `explanation` is the finding
      entry.text = str(p.explanation);
      break;
    case 'withdraw':
    case 'resume':
    case 'reopen':
      entry.text = str(p.reason);
      break;
    case 'resolve_on_spot':
      entry.remedy = publicRemedy(p.remedy);
      entry.summary = publicSummary(p);
      break;
    case 'complete_handling':
      entry.remedy = publicRemedy(p.remedyDelivered);
      entry.summary = publicSummary(p);
      break;
    case 'approve_pending':
      // The explanation proposed with the pending item, approved by the GM (never the GM's comment).
      entry.text = str(p.explanation);
      entry.nextContactOn = str(p.nextContactOn);
      break;
    case 'record_contact':
      entry.nextContactOn = str(p.nextContactOn);
      break;
    case 'progress_auto': // the daily progress message as it was sent (lib/promises/daily-progress.ts)
      entry.text = str(p.text);
      break;
    case 'promise_made': // only a customer-visible promise has a customer-visible row
      entry.text = str(p.what);
      break;
    case 'survey':
      entry.rating = typeof p.rating === 'number' ? p.rating : undefined;
      entry.text = str(p.comment);
      break;
    // triage, record_follow_up, create …: a fixed sentence, no payload.
  }
  return entry;
}

/** The tracking page's content for a private link, or null for an unknown token. */
export async function loadPublicView(token: string, db?: Db): Promise<PublicView | null> {
  if (!isTrackingToken(token)) return null;
  const d = db ?? (await getDb());
  const [row] = await d
    .select({
      id: complaints.id,
      number: complaints.number,
      status: complaints.status,
      receivedAt: complaints.receivedAt,
      stepDueAt: complaints.stepDueAt,
      resolutionDueAt: complaints.resolutionDueAt,
      plate: complaints.plate,
      product: complaints.subjectProduct,
      categoryCode: categories.code,
      categoryName: categories.name,
      categoryNameEn: categories.nameEn,
      departmentName: departments.name,
      departmentNameEn: departments.nameEn,
      customerManagerId: complaints.customerManagerId,
    })
    .from(complaints)
    .leftJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(departments, eq(departments.id, complaints.departmentId))
    .where(eq(complaints.trackingToken, token));
  if (!row) return null;
  const status = row.status as State;
  const history = await d
    .select({ version: complaintEvents.version, at: complaintEvents.at, type: complaintEvents.type, actorRole: complaintEvents.actorRole, payload: complaintEvents.payload })
    .from(complaintEvents)
    .where(and(eq(complaintEvents.complaintId, row.id), eq(complaintEvents.customerVisible, true)))
    .orderBy(asc(complaintEvents.version));
  // Handling events are customer-visible, so the visible history is enough to place the survey.
  const survey = surveyAvailability(status, history);
  let nextContactOn: string | null = null;
  let pendingExplanation: string | null = null;
  if (status === 'pending') {
    const [item] = await d
      .select({ nextContactOn: pendingItems.nextContactOn, explanation: pendingItems.explanation })
      .from(pendingItems)
      .where(and(eq(pendingItems.complaintId, row.id), isNull(pendingItems.closedAt)))
      .orderBy(desc(pendingItems.openedAt))
      .limit(1);
    nextContactOn = item?.nextContactOn ?? null;
    pendingExplanation = item?.explanation ?? null;
  }
  const waiting = handlingStates.includes(status);
  // Named from triage on (before it, the desk is still choosing the department).
  const assigned = (waiting && status !== 'received') || status === 'pending';
  const entries = history.map(toPublicEntry);
  // The summary stands while the form is handled: a reopen sends it back to handling.
  const handled = handledStates.includes(status) ? entries.filter((e) => (handlingEvents as readonly string[]).includes(e.type)).at(-1) : undefined;
  return {
    number: row.number,
    status,
    receivedAt: row.receivedAt,
    categoryCode: row.categoryCode,
    categoryName: row.categoryName,
    categoryNameEn: row.categoryNameEn,
    subject: [row.plate, row.product].filter(Boolean).join(' · ') || null,
    stepDueAt: waiting ? row.stepDueAt : null,
    resolutionDueAt: waiting ? row.resolutionDueAt : null,
    nextContactOn,
    pendingExplanation,
    departmentName: assigned ? row.departmentName : null,
    departmentNameEn: assigned ? row.departmentNameEn : null,
    summary: handled?.summary ? { ...handled.summary, at: handled.at } : null,
    history: entries,
    survey,
    lowRatingContact: row.customerManagerId ? 'customer_manager' : 'desk',
  };
}
