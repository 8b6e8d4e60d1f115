import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import {
  accountabilityEntries,
  categories,
  closedStatesSql,
  complaints,
  departments,
  formCounts,
  lateSteps,
  openStatesSql,
  remedies,
  sites,
  stepDays,
  users,
} from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { addCalendarDays, atLocalTime, openStates, type Role } from '@/lib/workflow';
import { notInvolved } from '@/lib/complaints/access';
import { isRepeatSql } from '@/lib/complaints/repeats';
import type { DashboardFilters, Period } from './period';

/**
 * The management dashboard (issue 18) as SQL aggregates: nothing here loads forms into
 * JavaScript. Each figure is one GROUP BY over
 * - the forms received in the period (complaints_received_idx range; the filters narrow it), or
 * - the maintained daily summaries: step_days (per-step on-time and reopens, migration 0019)
 *   and form_counts (each department's open forms, migration 0017), or
 * - the accountability entries and compensation of the period (their created_at indexes).
 * Counts follow the forms as they stand now (a form received in the period and closed since
 * counts as closed), as the monthly report does.
 */

/** Who reads the dashboard: management, the GM, the customer-service centre; finance the money only. */
export const dashboardRoles = ['management', 'gm', 'desk', 'finance'] as const satisfies readonly Role[];
export const moneyOnly = (user: Pick<StaffUser, 'role'>) => user.role === 'finance';

/**
 * The steps whose deadlines the dashboard measures, in the procedure's order (DESIGN §2–3): every
 * open state but the pending ledger, whose time is paused.
 */
export const measuredSteps = openStates.filter((s) => s !== 'pending');

interface Range {
  start: Date;
  end: Date;
}
function rangeOf(from: string, to: string, timeZone: string): Range {
  return { start: atLocalTime(from, '00:00', timeZone), end: atLocalTime(addCalendarDays(to, 1), '00:00', timeZone) };
}

/** The site a reader's figures cover: their own, or (group-wide) the one chosen, or all. */
function siteOf(user: StaffUser, filters: DashboardFilters): string | undefined {
  return user.groupWide ? filters.site : user.siteId;
}

/** The breakdown filters as conditions on `complaints` (the same the drill-down search applies). */
function formFilters(user: StaffUser, filters: DashboardFilters): SQL[] {
  // Nothing of a form the reader is involved in, as in the search the numbers link to (visibleTo).
  const where: SQL[] = [notInvolved(user)];
  const site = siteOf(user, filters);
  if (site) where.push(eq(complaints.siteId, site));
  if (filters.category) where.push(sql`${complaints.categoryId} = (select ${categories.id} from ${categories} where ${categories.code} = ${filters.category})`);
  if (filters.department) where.push(eq(complaints.departmentId, filters.department));
  if (filters.handler) where.push(eq(complaints.customerManagerId, filters.handler));
  if (filters.channel) where.push(eq(complaints.channel, filters.channel));
  if (filters.severity) where.push(eq(complaints.severity, filters.severity));
  return where;
}

const received = (r: Range) => [gte(complaints.receivedAt, r.start), lt(complaints.receivedAt, r.end)];
const seconds = (expr: SQL) => sql`extract(epoch from ${expr})`;
const int = (expr: SQL) => sql<number>`(${expr})::int`;
const num = (expr: SQL) => sql<number | null>`(${expr})::float8`;

/** The chart buckets as local days: the first day of each day, ISO week or month. */
function bucketSql(bucket: Period['bucket'], timeZone: string): SQL<string> {
  return sql<string>`to_char(date_trunc(${bucket}, (${complaints.receivedAt} at time zone ${timeZone})), 'YYYY-MM-DD')`;
}

export interface Headline {
  received: number;
  closed: number;
  open: number;
  overdue: number;
  resolved: number;
  resolvedOnTime: number;
  founded: number;
  notFounded: number;
  repeats: number;
  /** Flagged as a public-opinion crisis (lib/triage/crisis.ts). */
  crisis: number;
  /** Seconds from receipt to the first response: median and 90th percentile. */
  responseP50: number | null;
  responseP90: number | null;
  /** Seconds from receipt to resolution, time on the pending ledger left out. */
  resolutionP50: number | null;
  resolutionP90: number | null;
  /** Surveys answered, of the resolved forms whose customer was to be called back. */
  answered: number;
  surveyed: number;
  satisfactionAvg: number | null;
  /** Answers 1..5. */
  satisfaction: number[];
}

async function headline(d: Db, where: SQL[], r: Range, now: Date): Promise<Headline> {
  const respSecs = seconds(sql`${complaints.firstResponseAt} - ${complaints.receivedAt}`);
  const resoSecs = sql`(${seconds(sql`${complaints.resolvedAt} - ${complaints.receivedAt}`)} - ${complaints.pausedMs} / 1000.0)`;
  const [row] = await d
    .select({
      received: int(sql`count(*)`),
      closed: int(sql`count(*) filter (where ${complaints.status} in ${closedStatesSql})`),
      open: int(sql`count(*) filter (where ${complaints.status} in ${openStatesSql})`),
      overdue: int(sql`count(*) filter (where ${complaints.status} in ${openStatesSql} and ${complaints.stepDueAt} < ${now})`),
      resolved: int(sql`count(${complaints.resolvedAt})`),
      resolvedOnTime: int(sql`count(*) filter (where ${complaints.resolvedAt} <= ${complaints.resolutionDueAt})`),
      founded: int(sql`count(*) filter (where ${complaints.founded})`),
      notFounded: int(sql`count(*) filter (where ${complaints.status} = 'rejected' and ${complaints.founded} = false)`),
      repeats: int(sql`count(*) filter (where ${isRepeatSql})`),
      crisis: int(sql`count(*) filter (where ${complaints.crisis})`),
      responseP50: num(sql`percentile_cont(0.5) within group (order by ${respSecs})`),
      responseP90: num(sql`percentile_cont(0.9) within group (order by ${respSecs})`),
      resolutionP50: num(sql`percentile_cont(0.5) within group (order by ${resoSecs})`),
      resolutionP90: num(sql`percentile_cont(0.9) within group (order by ${resoSecs})`),
      answered: int(sql`count(${complaints.satisfaction})`),
      surveyed: int(sql`count(*) filter (where ${complaints.resolvedAt} is not null and ${complaints.followUpWanted})`),
      satisfactionAvg: num(sql`avg(${complaints.satisfaction})`),
      s1: int(sql`count(*) filter (where ${complaints.satisfaction} = 1)`),
      s2: int(sql`count(*) filter (where ${complaints.satisfaction} = 2)`),
      s3: int(sql`count(*) filter (where ${complaints.satisfaction} = 3)`),
      s4: int(sql`count(*) filter (where ${complaints.satisfaction} = 4)`),
      s5: int(sql`count(*) filter (where ${complaints.satisfaction} = 5)`),
    })
    .from(complaints)
    .where(and(...where, ...received(r)));
  const { s1, s2, s3, s4, s5, ...rest } = row;
  return { ...rest, satisfaction: [s1, s2, s3, s4, s5] };
}

export interface CategoryTrend {
  code: string | null;
  name: string | null;
  nameEn: string | null;
  forms: number;
  previous: number;
  notFounded: number;
  repeats: number;
}

/** Forms per category in the period and the one before it, most first. */
async function categoryTrend(d: Db, where: SQL[], r: Range, prev: Range): Promise<CategoryTrend[]> {
  const inPeriod = sql`${complaints.receivedAt} >= ${r.start}`;
  return d
    .select({
      code: categories.code,
      name: categories.name,
      nameEn: categories.nameEn,
      forms: int(sql`count(*) filter (where ${inPeriod})`),
      previous: int(sql`count(*) filter (where not (${inPeriod}))`),
      notFounded: int(sql`count(*) filter (where ${inPeriod} and ${complaints.status} = 'rejected' and ${complaints.founded} = false)`),
      repeats: int(sql`count(*) filter (where ${inPeriod} and ${isRepeatSql})`),
    })
    .from(complaints)
    .leftJoin(categories, eq(categories.id, complaints.categoryId))
    .where(and(...where, gte(complaints.receivedAt, prev.start), lt(complaints.receivedAt, r.end)))
    .groupBy(categories.code, categories.name, categories.nameEn)
    .orderBy(desc(sql`count(*) filter (where ${inPeriod})`), asc(categories.code));
}

export interface CauseTrend {
  cause: string;
  forms: number;
  previous: number;
}

/** The root causes most written on the period's forms, with the previous period's count. */
async function topCauses(d: Db, where: SQL[], r: Range, prev: Range, limit = 8): Promise<CauseTrend[]> {
  const inPeriod = sql`${complaints.receivedAt} >= ${r.start}`;
  const rows = await d
    .select({
      cause: complaints.rootCause,
      forms: int(sql`count(*) filter (where ${inPeriod})`),
      previous: int(sql`count(*) filter (where not (${inPeriod}))`),
    })
    .from(complaints)
    // The causes are words of the forms: none of a form the reader is involved in.
    .where(and(...where, isNotNull(complaints.rootCause), gte(complaints.receivedAt, prev.start), lt(complaints.receivedAt, r.end)))
    .groupBy(complaints.rootCause)
    .having(sql`count(*) filter (where ${inPeriod}) > 0`)
    .orderBy(desc(sql`count(*) filter (where ${inPeriod})`), asc(complaints.rootCause))
    .limit(limit);
  return rows.map((x) => ({ ...x, cause: x.cause ?? '' }));
}

export interface VolumePoint {
  bucket: string;
  category: string | null;
  forms: number;
}

async function volume(d: Db, where: SQL[], r: Range, bucket: Period['bucket'], timeZone: string): Promise<VolumePoint[]> {
  const b = bucketSql(bucket, timeZone);
  return d
    .select({ bucket: b, category: categories.code, forms: int(sql`count(*)`) })
    .from(complaints)
    .leftJoin(categories, eq(categories.id, complaints.categoryId))
    .where(and(...where, ...received(r)))
    // By position: the bucket expression's parameters would make two different expressions.
    .groupBy(sql`1`, sql`2`)
    .orderBy(sql`1`, sql`2`);
}

export interface SatisfactionPoint {
  bucket: string;
  answered: number;
  average: number | null;
}

async function satisfactionSeries(d: Db, where: SQL[], r: Range, bucket: Period['bucket'], timeZone: string): Promise<SatisfactionPoint[]> {
  const b = bucketSql(bucket, timeZone);
  return d
    .select({ bucket: b, answered: int(sql`count(${complaints.satisfaction})`), average: num(sql`avg(${complaints.satisfaction})`) })
    .from(complaints)
    .where(and(...where, ...received(r)))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
}

export interface StepRate {
  step: string;
  done: number;
  onTime: number;
  /**
   * The forms that left this step late in the period (late_steps: the dashboard's filters all
   * apply, as in the search `late` drill-down that lists them). A form late twice at one step is
   * one form here and two of `done − onTime`; steps left before migration 0028 are not here.
   */
  lateForms: number;
}

/**
 * Steps done in the period (by the UTC day they were left: step_days' day) and how many by their
 * deadline, from the maintained summary; with the reopens. Narrowed by site and department only
 * (the summary keeps no other breakdown).
 */
async function steps(d: Db, user: StaffUser, filters: DashboardFilters, period: Period, where: SQL[]): Promise<{ steps: StepRate[]; reopens: number }> {
  const site = siteOf(user, filters);
  const [lateRows, rows] = await Promise.all([
    d
    .select({ step: lateSteps.step, forms: int(sql`count(distinct ${lateSteps.complaintId})`) })
    .from(lateSteps)
    .innerJoin(complaints, eq(complaints.id, lateSteps.complaintId))
    .where(and(gte(lateSteps.day, period.from), lte(lateSteps.day, period.to), ...where))
    .groupBy(lateSteps.step),
    d
    .select({ step: stepDays.step, done: int(sql`sum(${stepDays.done})`), onTime: int(sql`sum(${stepDays.onTime})`), reopens: int(sql`sum(${stepDays.reopens})`) })
    .from(stepDays)
    .where(
      and(
        site ? eq(stepDays.siteId, site) : undefined,
        filters.department ? eq(stepDays.departmentId, filters.department) : undefined,
        gte(stepDays.day, period.from),
        lte(stepDays.day, period.to),
      ),
    )
    .groupBy(stepDays.step),
  ]);
  const by = new Map(rows.map((x) => [x.step, x]));
  const lateBy = new Map(lateRows.map((x) => [x.step, x.forms]));
  return {
    steps: measuredSteps.map((step) => ({ step, done: by.get(step)?.done ?? 0, onTime: by.get(step)?.onTime ?? 0, lateForms: lateBy.get(step) ?? 0 })),
    reopens: rows.reduce((sum, x) => sum + x.reopens, 0),
  };
}

/** Forms resolved in the period (complaints_resolved_idx), the base of the reopen rate. */
async function resolvedIn(d: Db, user: StaffUser, filters: DashboardFilters, r: Range): Promise<number> {
  const site = siteOf(user, filters);
  const [row] = await d
    .select({ n: int(sql`count(*)`) })
    .from(complaints)
    .where(
      and(
        site ? eq(complaints.siteId, site) : undefined,
        filters.department ? eq(complaints.departmentId, filters.department) : undefined,
        gte(complaints.resolvedAt, r.start),
        lt(complaints.resolvedAt, r.end),
      ),
    );
  return row.n;
}

export interface DepartmentLoad {
  departmentId: string | null;
  name: string | null;
  nameEn: string | null;
  open: number;
  overdue: number;
}

/**
 * Each department's open forms now (form_counts: a handful of rows) and how many of them are
 * past their step deadline (complaints_queue_idx: per open state, the overdue part of the range).
 */
async function departmentLoad(d: Db, user: StaffUser, filters: DashboardFilters, now: Date): Promise<DepartmentLoad[]> {
  const site = siteOf(user, filters);
  const [open, overdue] = await Promise.all([
    d
      .select({ departmentId: formCounts.departmentId, n: int(sql`sum(${formCounts.n})`) })
      .from(formCounts)
      .where(
        and(
          eq(formCounts.kind, 'state'),
          inArray(formCounts.status, [...openStates]),
          site ? eq(formCounts.siteId, site) : undefined,
          filters.department ? eq(formCounts.departmentId, filters.department) : undefined,
        ),
      )
      .groupBy(formCounts.departmentId),
    d
      .select({ departmentId: complaints.departmentId, n: int(sql`count(*)`) })
      .from(complaints)
      .where(
        and(
          inArray(complaints.status, [...openStates]),
          lt(complaints.stepDueAt, now),
          site ? eq(complaints.siteId, site) : undefined,
          filters.department ? eq(complaints.departmentId, filters.department) : undefined,
        ),
      )
      .groupBy(complaints.departmentId),
  ]);
  const ids = [...new Set([...open, ...overdue].map((x) => x.departmentId).filter((x): x is string => !!x))];
  const names = ids.length ? await d.select({ id: departments.id, name: departments.name, nameEn: departments.nameEn }).from(departments).where(inArray(departments.id, ids)) : [];
  const loads = new Map<string | null, DepartmentLoad>();
  const at = (id: string | null) => {
    let l = loads.get(id);
    if (!l) {
      const n = names.find((x) => x.id === id);
      l = { departmentId: id, name: n?.name ?? null, nameEn: n?.nameEn ?? null, open: 0, overdue: 0 };
      loads.set(id, l);
    }
    return l;
  };
  for (const x of open) at(x.departmentId).open += x.n;
  for (const x of overdue) at(x.departmentId).overdue += x.n;
  return [...loads.values()].filter((l) => l.open > 0).sort((a, b) => b.open - a.open || (a.name ?? '').localeCompare(b.name ?? ''));
}

export interface PersonMoney {
  userId: string | null;
  name: string;
  departmentName: string | null;
  departmentNameEn: string | null;
  penaltyCents: number;
  rewardCents: number;
  entries: number;
  /** The latest entries, each with its form (traceable), newest first. */
  latest: { number: string; type: 'penalty' | 'reward'; amountCents: number; reason: string }[];
}

export interface Money {
  people: PersonMoney[];
  compensationCents: number;
  compensations: number;
  latestCompensation: { number: string; description: string; amountCents: number | null; at: Date }[];
}

/**
 * Penalties and rewards per person and the compensation paid in the period (by when they were
 * recorded), summed in SQL. Per-form lists: nothing of a form the reader is involved in.
 */
async function money(d: Db, user: StaffUser, filters: DashboardFilters, r: Range): Promise<Money> {
  const scope = and(...formFilters(user, filters));
  const person = sql<string>`coalesce(${users.name}, ${accountabilityEntries.person})`;
  const [people, [comp], latest] = await Promise.all([
    d
      .select({
        userId: accountabilityEntries.userId,
        name: person,
        departmentName: departments.name,
        departmentNameEn: departments.nameEn,
        penaltyCents: int(sql`coalesce(sum(${accountabilityEntries.amountCents}) filter (where ${accountabilityEntries.type} <> 'reward'), 0)`),
        rewardCents: int(sql`coalesce(sum(${accountabilityEntries.amountCents}) filter (where ${accountabilityEntries.type} = 'reward'), 0)`),
        entries: int(sql`count(*)`),
        latest: sql<PersonMoney['latest']>`to_json((array_agg(json_build_object('number', ${complaints.number}, 'type', ${accountabilityEntries.type}, 'amountCents', ${accountabilityEntries.amountCents}, 'reason', ${accountabilityEntries.reason}) order by ${accountabilityEntries.createdAt} desc, ${accountabilityEntries.id} desc))[1:5])`,
      })
      .from(accountabilityEntries)
      .innerJoin(complaints, eq(complaints.id, accountabilityEntries.complaintId))
      .leftJoin(users, eq(users.id, accountabilityEntries.userId))
      .leftJoin(departments, eq(departments.id, users.departmentId))
      .where(and(scope, gte(accountabilityEntries.createdAt, r.start), lt(accountabilityEntries.createdAt, r.end)))
      // Staff by their directory id; someone outside the directory by the name written.
      .groupBy(accountabilityEntries.userId, sql`case when ${accountabilityEntries.userId} is null then ${accountabilityEntries.person} end`, person, departments.name, departments.nameEn)
      .orderBy(desc(sql`sum(${accountabilityEntries.amountCents})`), asc(person))
      .limit(50),
    d
      .select({ cents: int(sql`coalesce(sum(${remedies.amountCents}), 0)`), n: int(sql`count(*)`) })
      .from(remedies)
      .innerJoin(complaints, eq(complaints.id, remedies.complaintId))
      .where(and(scope, eq(remedies.kind, 'compensation'), eq(remedies.status, 'delivered'), gte(remedies.createdAt, r.start), lt(remedies.createdAt, r.end))),
    d
      .select({ number: complaints.number, description: remedies.description, amountCents: remedies.amountCents, at: remedies.createdAt })
      .from(remedies)
      .innerJoin(complaints, eq(complaints.id, remedies.complaintId))
      .where(and(scope, eq(remedies.kind, 'compensation'), eq(remedies.status, 'delivered'), gte(remedies.createdAt, r.start), lt(remedies.createdAt, r.end)))
      .orderBy(desc(remedies.createdAt))
      .limit(10),
  ]);
  return {
    people: people.map((p) => ({ ...p, latest: p.latest ?? [] })),
    compensationCents: comp.cents,
    compensations: comp.n,
    latestCompensation: latest,
  };
}

export interface Dashboard {
  moneyOnly: boolean;
  headline: Headline | null;
  categories: CategoryTrend[];
  causes: CauseTrend[];
  volume: VolumePoint[];
  satisfaction: SatisfactionPoint[];
  steps: StepRate[];
  reopens: number;
  resolvedInPeriod: number;
  departments: DepartmentLoad[];
  money: Money;
}

/** Everything the dashboard shows for the reader, the period and the filters. Finance: the money only. */
export async function loadDashboard(user: StaffUser, period: Period, filters: DashboardFilters, opts: { now: Date; timeZone: string }, db?: Db): Promise<Dashboard> {
  const d = db ?? (await getDb());
  const r = rangeOf(period.from, period.to, opts.timeZone);
  const m = await money(d, user, filters, r);
  if (moneyOnly(user)) {
    return { moneyOnly: true, headline: null, categories: [], causes: [], volume: [], satisfaction: [], steps: [], reopens: 0, resolvedInPeriod: 0, departments: [], money: m };
  }
  const where = formFilters(user, filters);
  const prev = rangeOf(period.previous.from, period.previous.to, opts.timeZone);
  const [head, cats, causes, vol, sat, st, resolved, load] = await Promise.all([
    headline(d, where, r, opts.now),
    categoryTrend(d, where, r, prev),
    topCauses(d, where, r, prev),
    volume(d, where, r, period.bucket, opts.timeZone),
    satisfactionSeries(d, where, r, period.bucket, opts.timeZone),
    steps(d, user, filters, period, where),
    resolvedIn(d, user, filters, r),
    departmentLoad(d, user, filters, opts.now),
  ]);
  return { moneyOnly: false, headline: head, categories: cats, causes, volume: vol, satisfaction: sat, steps: st.steps, reopens: st.reopens, resolvedInPeriod: resolved, departments: load, money: m };
}

/** The choices of the dashboard's filter form, in the reader's reach. */
export async function loadDashboardChoices(user: StaffUser, db?: Db) {
  const d = db ?? (await getDb());
  const [siteRows, depts, cats, handlers] = await Promise.all([
    user.groupWide ? d.select({ id: sites.id, name: sites.name }).from(sites).orderBy(asc(sites.code)) : Promise.resolve([]),
    d.select({ id: departments.id, name: departments.name, nameEn: departments.nameEn }).from(departments).where(user.groupWide ? undefined : eq(departments.siteId, user.siteId)).orderBy(asc(departments.code)),
    d.select({ code: categories.code, name: categories.name, nameEn: categories.nameEn }).from(categories).orderBy(asc(categories.code)),
    // The customer managers: the desk's people.
    d.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.role, 'desk'), eq(users.active, true), user.groupWide ? undefined : eq(users.siteId, user.siteId))).orderBy(asc(users.name)),
  ]);
  return { sites: siteRows.length > 1 ? siteRows : [], departments: depts, categories: cats, handlers };
}
