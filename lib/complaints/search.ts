import 'server-only';
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { categories, complaints, lateSteps, complaintCjkTokensOf, complaintPhoneDigitsOf, complaintSearchTextOf, departments, sites, users } from '@/db/schema';
import { addCalendarDays, atLocalTime, channels, openStates, severities, states, terminalStates, type State } from '@/lib/workflow';
import { isRepeatSql } from './repeats';
import { loadTimeZone } from './settings';
import type { StaffUser } from '@/db/queries/staff';
import { visibleTo } from './access';
import { categoryJoin, departmentJoin, listRowColumns, toListRow, type ListRow } from './list-columns';
import { decodePosition, encodePosition } from './page-cursor';
import { findBadChar, safeText } from '@/lib/validation/text';
import { phoneSearchDigits } from '@/lib/validation/phone';
import { isComplaintNumber } from '@/lib/params';

export const searchPageSize = 25;

const ymd = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const term = safeText()
  .max(100)
  .optional()
  .transform((v) => (v ? v : undefined))
  .catch(undefined);

/**
 * The filters as they come from the URL query string (a GET form). Anything malformed is
 * dropped rather than refused: a hand-edited URL shows a wider search, never an error page.
 */
export const searchFiltersSchema = z.object({
  q: term,
  number: term,
  name: term,
  phone: term,
  plate: term,
  state: z.enum(states).optional().catch(undefined),
  department: z.uuid().optional().catch(undefined),
  category: z.string().regex(/^[a-z_]{1,40}$/).optional().catch(undefined),
  severity: z.enum(severities).optional().catch(undefined),
  overdue: z
    .string()
    .optional()
    .transform((v) => v === '1' || v === 'on' || v === 'true')
    .catch(false),
  from: ymd,
  to: ymd,
  // The dashboard's drill-downs (lib/reports): each number links to the search with its filters.
  channel: z.enum(channels).optional().catch(undefined),
  handler: z.uuid().optional().catch(undefined),
  site: z.uuid().optional().catch(undefined),
  stage: z.enum(['open', 'closed']).optional().catch(undefined),
  founded: z.enum(['yes', 'no']).optional().catch(undefined),
  repeat: z
    .string()
    .optional()
    .transform((v) => (v === '1' || v === 'on' || v === 'true' ? true : undefined))
    .optional()
    .catch(undefined),
  satisfaction: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  // A root cause as written on the forms (exact): the dashboard's top causes link to their forms.
  cause: safeText()
    .max(2000)
    .optional()
    .transform((v) => (v ? v : undefined))
    .optional()
    .catch(undefined),
  // A step of the procedure left late between lateFrom and lateTo (UTC days of leaving, as the
  // dashboard's per-step figures count them; late_steps): the dashboard's compliance drill-down.
  late: z.enum(states).optional().catch(undefined),
  lateFrom: ymd,
  lateTo: ymd,
});
export type SearchFilters = z.infer<typeof searchFiltersSchema>;

const textParams = ['q', 'number', 'name', 'phone', 'plate', 'cause'] as const;

/** Reads the filters and the page cursor from URLSearchParams-like input (first value wins). */
export function parseSearchParams(params: Record<string, string | string[] | undefined>) {
  const first = (k: string) => {
    const v = params[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(searchFiltersSchema.shape)) raw[key] = first(key);
  const after = decodeCursor(first('after'));
  const before = decodeCursor(first('before'));
  return {
    filters: searchFiltersSchema.parse(raw),
    after,
    before,
    /**
     * A cursor that does not decode to a real position, or a search text with a NUL / control
     * character (it would reach PostgreSQL): the page answers 404 instead of a wider search.
     */
    invalid:
      (first('after') !== undefined && first('after') !== '' && !after) ||
      (first('before') !== undefined && first('before') !== '' && !before) ||
      textParams.some((k) => typeof raw[k] === 'string' && findBadChar(raw[k]!) !== null),
  };
}

/** The filters back as query-string pairs (empty ones left out), for the page links. */
export function filtersToQuery(filters: SearchFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || v === false || v === '') continue;
    out[k] = v === true ? '1' : String(v);
  }
  return out;
}

// ---- cursor -------------------------------------------------------------------------------

/** A position in (received_at desc, id desc) order. */
export interface Cursor {
  /** received_at as PostgreSQL prints it: keeps the microseconds a JS Date would lose. */
  receivedAt: string;
  id: string;
}

/** Opaque to the browser (lib/complaints/page-cursor.ts, like every keyset-paged list). */
export function encodeCursor(c: Cursor): string {
  return encodePosition({ at: c.receivedAt, id: c.id });
}

/** A cursor from the URL, or undefined when absent or tampered with (the first page is shown). */
export function decodeCursor(value: string | undefined): Cursor | undefined {
  const p = decodePosition(value);
  return p && p.at.length > 10 ? { receivedAt: p.at, id: p.id } : undefined;
}

// ---- query --------------------------------------------------------------------------------

/** LIKE pattern for "contains", with the user's own % _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The searchable text of a form, exactly the expression of the GIN trigram index
 * `complaints_search_trgm_idx` (db/schema.ts), so that the planner can use the index.
 */
const searchText = complaintSearchTextOf(complaints);
/** Its CJK tokens: the expression of the GIN index `complaints_search_cjk_idx`. */
const cjkTokens = complaintCjkTokensOf(complaints);
/** The phone's digits: the expression of the GIN trigram index `complaints_phone_digits_idx`. */
const phoneDigits = complaintPhoneDigitsOf(complaints);

/** The ideographs kesu_cjk_tokens indexes (migration 0006_search_cjk): keep the two in step. */
const cjk = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;

/**
 * "Contains" on the searchable text, exact, plus the conditions that let an index find the
 * candidates.
 *
 * Why not pg_trgm similarity (`%`, `word_similarity`): it is fuzzy, and a 2-character Chinese
 * word such as 异味 has no trigram of its own. Two GIN indexes serve the search instead:
 * - A word with Chinese characters: kesu_cjk_tokens(text) ⊇ kesu_cjk_query(word) (the word's
 *   adjacent pairs, or its single character), on PGlite and PostgreSQL alike; rechecked with
 *   strpos(lower(text), lower(word)) <> 0, which is ILIKE '%word%' (ILIKE folds case with
 *   lower() too) in a form the planner estimates as "almost every row". Written as ILIKE, the
 *   planner would multiply the token estimate (accurate: from the index statistics) with an
 *   ILIKE guess that knows nothing of Chinese ("100 rows" for any word) as if the two were
 *   independent, and read thousands of candidates for a common word. The recheck is also cheap,
 *   so when the planner walks the forms newest first it runs kesu_cjk_tokens only on real hits.
 * - Latin letters and digits, 3 or more (English words, plates, numbers): ILIKE, served by the
 *   trigram index, and estimated from its statistics.
 * From those estimates the planner picks between reading the candidates and sorting them (rare
 * words) and walking complaints_received_idx newest first until a page is full (common words).
 * Only a term of 1–2 Latin letters or digits has no index: it walks that order too.
 */
function textContains(text: string): SQL {
  if (!cjk.test(text)) return sql`${searchText} ilike ${containsPattern(text)}`;
  return and(sql`${cjkTokens} @> kesu_cjk_query(${text})`, sql`strpos(lower(${searchText}), lower(${text})) <> 0`)!;
}

/**
 * A field filter: contains on the column itself (the exact rule), AND on the indexed
 * expression (implied by the first, but it lets the indexes find the candidates).
 */
function fieldContains(column: SQL | AnyPgColumn, text: string): SQL {
  return and(sql`${column} ilike ${containsPattern(text)}`, textContains(text))!;
}

/**
 * Part of a phone number, compared digits to digits: "138 0013" and "13800138001" find
 * "+8613800138001", as does "0755 1234 5678" its landline "+8675512345678". 3 or more digits are served by complaints_phone_digits_idx.
 */
function phoneContains(text: string): SQL {
  // Stored in E.164: a whole number typed nationally ("0755-1234 5678") is compared as E.164 digits.
  const digits = phoneSearchDigits(text);
  // Nothing to compare digit by digit (e.g. letters): contains on the stored value.
  if (!digits) return sql`${complaints.customerPhone} ilike ${containsPattern(text)}`;
  return sql`${phoneDigits} like ${containsPattern(digits)}`;
}

export function filterConditions(filters: SearchFilters, now: Date, timeZone: string): SQL[] {
  const where: SQL[] = [];
  if (filters.q) {
    // Every word must occur somewhere (e.g. "异味 凯美瑞" or "air smell").
    for (const word of filters.q.split(/\s+/).filter(Boolean).slice(0, 5)) where.push(textContains(word));
  }
  if (filters.number) {
    const n = filters.number.toUpperCase();
    // A full number is a unique-index lookup; a part of one (e.g. "000123") a contains search.
    where.push(isComplaintNumber(n) ? eq(complaints.number, n) : fieldContains(complaints.number, n));
  }
  if (filters.name) where.push(fieldContains(complaints.customerName, filters.name));
  if (filters.phone) where.push(phoneContains(filters.phone));
  if (filters.plate) where.push(fieldContains(sql`coalesce(${complaints.plate}, '')`, filters.plate.toUpperCase()));
  if (filters.state) where.push(eq(complaints.status, filters.state));
  if (filters.department) where.push(eq(complaints.departmentId, filters.department));
  if (filters.category) {
    where.push(sql`${complaints.categoryId} = (select ${categories.id} from ${categories} where ${categories.code} = ${filters.category})`);
  }
  if (filters.severity) where.push(eq(complaints.severity, filters.severity));
  if (filters.overdue) {
    where.push(lt(complaints.stepDueAt, now), inArray(complaints.status, [...openStates]));
  }
  if (filters.channel) where.push(eq(complaints.channel, filters.channel));
  if (filters.handler) where.push(eq(complaints.customerManagerId, filters.handler));
  if (filters.site) where.push(eq(complaints.siteId, filters.site));
  if (filters.stage) where.push(filters.stage === 'open' ? inArray(complaints.status, [...openStates]) : inArray(complaints.status, [...terminalStates]));
  // Founded as the reports count it: a finding of founded, or closed as not founded (report_days' not_founded).
  if (filters.founded === 'yes') where.push(eq(complaints.founded, true));
  if (filters.founded === 'no') where.push(eq(complaints.founded, false), eq(complaints.status, 'rejected'));
  if (filters.repeat) where.push(isRepeatSql);
  if (filters.satisfaction) where.push(eq(complaints.satisfaction, filters.satisfaction));
  if (filters.cause) where.push(eq(complaints.rootCause, filters.cause));
  if (filters.late) {
    where.push(sql`exists (select 1 from ${lateSteps} where ${lateSteps.complaintId} = ${complaints.id} and ${lateSteps.step} = ${filters.late}
      ${filters.lateFrom ? sql`and ${lateSteps.day} >= ${filters.lateFrom}` : sql``} ${filters.lateTo ? sql`and ${lateSteps.day} <= ${filters.lateTo}` : sql``})`);
  }
  // Dates are days of the business calendar: "to" includes the whole day.
  if (filters.from) where.push(gte(complaints.receivedAt, atLocalTime(filters.from, '00:00', timeZone)));
  if (filters.to) where.push(lt(complaints.receivedAt, atLocalTime(addCalendarDays(filters.to, 1), '00:00', timeZone)));
  return where;
}

export interface SearchRow extends ListRow {
  receivedAt: Date;
}

export interface SearchPage {
  rows: SearchRow[];
  /** Cursor for the page after this one, if there is one. */
  next?: string;
  /** Cursor for the page before this one, if there is one. */
  previous?: string;
}

export interface SearchOptions {
  after?: Cursor;
  before?: Cursor;
  now?: Date;
  timeZone?: string;
  pageSize?: number;
  /** Leave out what only the page shows (the crisis badge's 2,000 characters): the exports. */
  lean?: boolean;
}

/**
 * One page of the forms this user may see that match the filters, newest first.
 * Keyset pagination on (received_at desc, id desc) — served by complaints_received_idx — with
 * the position in an opaque cursor: no OFFSET, so page 4,000 costs what page 1 costs, and a
 * form arriving meanwhile neither repeats nor skips a row. `before` walks backwards.
 */
export async function searchComplaints(user: StaffUser, filters: SearchFilters, opts: SearchOptions = {}, db?: Db): Promise<SearchPage> {
  const d = db ?? (await getDb());
  const now = opts.now ?? new Date();
  const size = opts.pageSize ?? searchPageSize;
  const backwards = !opts.after && !!opts.before;
  const cursor = opts.after ?? opts.before;
  const where = [visibleTo(user), ...filterConditions(filters, now, opts.timeZone ?? (await loadTimeZone(d)))];
  if (cursor) {
    const key = sql`(${cursor.receivedAt}::timestamptz, ${cursor.id}::uuid)`;
    where.push(backwards ? sql`(${complaints.receivedAt}, ${complaints.id}) > ${key}` : sql`(${complaints.receivedAt}, ${complaints.id}) < ${key}`);
  }
  const order = backwards ? [asc(complaints.receivedAt), asc(complaints.id)] : [desc(complaints.receivedAt), desc(complaints.id)];
  const found = await d
    .select({
      ...listRowColumns,
      ...(opts.lean ? { triageText: sql<string>`''` } : {}),
      receivedAt: complaints.receivedAt,
      receivedAtText: sql<string>`${complaints.receivedAt}::text`,
    })
    .from(complaints)
    .leftJoin(...departmentJoin)
    .leftJoin(...categoryJoin)
    .where(and(...where))
    .orderBy(...order)
    .limit(size + 1);
  const more = found.length > size;
  const page = found.slice(0, size);
  if (backwards) page.reverse();
  const rows: SearchRow[] = page.map((r) => ({ ...toListRow(r, now), receivedAt: r.receivedAt }));
  if (page.length === 0) {
    // Past either end (e.g. a stale cursor): offer the way back only.
    return backwards ? { rows, next: cursor ? encodeCursor(cursor) : undefined } : { rows, previous: cursor ? encodeCursor(cursor) : undefined };
  }
  const firstKey = encodeCursor({ receivedAt: page[0].receivedAtText, id: page[0].id });
  const lastKey = encodeCursor({ receivedAt: page[page.length - 1].receivedAtText, id: page[page.length - 1].id });
  return backwards
    ? { rows, previous: more ? firstKey : undefined, next: lastKey }
    : { rows, next: more ? lastKey : undefined, previous: cursor ? firstKey : undefined };
}

/** The choices of the search form's selects. */
export async function loadSearchChoices(user: StaffUser, db?: Db) {
  const d = db ?? (await getDb());
  const [depts, cats, handlers, siteRows] = await Promise.all([
    d
      .select({ id: departments.id, name: departments.name, nameEn: departments.nameEn })
      .from(departments)
      .where(user.role === 'department' && user.departmentId ? eq(departments.id, user.departmentId) : eq(departments.siteId, user.siteId))
      .orderBy(asc(departments.code)),
    d.select({ code: categories.code, name: categories.name, nameEn: categories.nameEn }).from(categories).orderBy(asc(categories.code)),
    // Named in a dashboard drill-down's filters (customer manager, site).
    d.select({ id: users.id, name: users.name }).from(users).where(eq(users.role, 'desk')).orderBy(asc(users.name)),
    user.groupWide ? d.select({ id: sites.id, name: sites.name }).from(sites).orderBy(asc(sites.code)) : Promise.resolve([] as { id: string; name: string }[]),
  ]);
  return { departments: depts, categories: cats, handlers, sites: siteRows };
}
