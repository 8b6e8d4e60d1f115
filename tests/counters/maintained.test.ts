import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';
import { seedDemo } from '@/db/seed';
import type { Db } from '@/db/client';
import { categories, complaintLinks, complaintParties, complaints, formCounts, openStatesSql, reportDays, sites, users } from '@/db/schema';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { visibleTo } from '@/lib/complaints/access';
import { dashboardLists, listCustomersWaiting, loadDashboard, queueSpec } from '@/lib/complaints/queues';
import { isRepeatSql } from '@/lib/complaints/repeats';
import { monthRange, monthlyReport, receivedByCategory } from '@/lib/complaints/reports';
import { customerUpdateIntervalMs, waitingCondition, waitingSince } from '@/lib/complaints/waiting';

/**
 * The dashboards' counts and the report's daily summaries are kept by triggers (migration
 * 0017_maintained_counts); after a scripted run of commands every one of them must equal the
 * count over the forms themselves.
 */

const T1 = at(T0, 30);

/** form_counts as the forms give it, counted here without the migration's functions. */
async function exactFormCounts(db: Db): Promise<string[]> {
  const key = (kind: string, r: { siteId: string; departmentId: string | null; userId: string | null; status: string; n: number }) =>
    `${kind}|${r.siteId}|${r.departmentId}|${r.userId}|${r.status}|${r.n}`;
  const open = sql`${complaints.status} in ${openStatesSql}`;
  const group = (userId: SQL | typeof complaints.customerManagerId, where?: SQL) =>
    db
      .select({ siteId: complaints.siteId, departmentId: complaints.departmentId, userId: sql<string | null>`${userId}`, status: complaints.status, n: sql<number>`count(*)::int` })
      .from(complaints)
      .where(where)
      .groupBy(complaints.siteId, complaints.departmentId, sql`${userId}`, complaints.status);
  const [state, manager, instruction] = await Promise.all([
    group(sql`null::uuid`),
    group(complaints.customerManagerId, and(isNotNull(complaints.customerManagerId), open)),
    group(sql`null::uuid`, and(eq(complaints.major, true), isNull(complaints.gmInstructedAt), open)),
  ]);
  return [...state.map((r) => key('state', r)), ...manager.map((r) => key('manager', r)), ...instruction.map((r) => key('instruction', r))].sort();
}

async function keptFormCounts(db: Db): Promise<string[]> {
  const rows = await db.select().from(formCounts).where(sql`${formCounts.n} <> 0`);
  return rows.map((r) => `${r.kind}|${r.siteId}|${r.departmentId}|${r.userId}|${r.status}|${r.n}`).sort();
}

/** The report's counts over the forms, as the report computed them before the summaries. */
const reportCounts = () => ({
  forms: sql<number>`count(*)::int`,
  resolved: sql<number>`count(${complaints.resolvedAt})::int`,
  onTime: sql<number>`count(*) filter (where ${complaints.resolvedAt} <= ${complaints.resolutionDueAt})::int`,
  notFounded: sql<number>`count(*) filter (where ${complaints.status} = 'rejected' and ${complaints.founded} = false)::int`,
  repeats: sql<number>`count(*) filter (where ${isRepeatSql})::int`,
});

/** The report's first table computed from the forms, as it was before the summaries. */
function receivedFromForms(db: Db, siteId: string | undefined, start: Date, end: Date) {
  return db
    .select({
      category: categories.name,
      categoryEn: categories.nameEn,
      ...reportCounts(),
    })
    .from(complaints)
    .leftJoin(categories, eq(categories.id, complaints.categoryId))
    .where(and(siteId ? eq(complaints.siteId, siteId) : undefined, gte(complaints.receivedAt, start), lt(complaints.receivedAt, end)))
    .groupBy(categories.name, categories.nameEn)
    .orderBy(asc(categories.name));
}

/** A list's forms counted one by one: its condition, the viewer's reach, the waiting cut-off. */
async function exactCount(db: Db, user: StaffUser, where: SQL, waiting: boolean, now: Date): Promise<number> {
  const cutoff = waiting ? sql`${waitingSince} < ${new Date(now.getTime() - customerUpdateIntervalMs).toISOString()}::timestamptz` : undefined;
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(complaints).where(and(where, visibleTo(user), cutoff));
  return row.n;
}

forEachBackend('maintained counts', (backend) => {
  let fx: Fixture;
  let staff: StaffUser[];

  beforeAll(async () => {
    fx = await openFixture(backend);
    const db = fx.db;
    // About 40 forms in every state, through the command layer.
    await seedDemo(db, T0);
    const firstIn = async (status: string) => {
      const [r] = await db.select({ id: complaints.id }).from(complaints).where(eq(complaints.status, status)).orderBy(asc(complaints.number)).limit(1);
      return fx.form(r.id);
    };
    // Reopen: archived → investigating (resolved no more), rejected → received, follow_up → investigating.
    await (await firstIn('archived')).fire('reopen', 'gm', { reason: '客户再次反映同样的问题。' }, at(T0, 2));
    await (await firstIn('rejected')).fire('reopen', 'desk', { reason: '客户提供了新的证据。' }, at(T0, 2.1));
    await (await firstIn('follow_up')).fire('reopen', 'desk', { reason: '客户不满意处理结果。', satisfaction: 1 }, at(T0, 2.2));
    await (await firstIn('received')).fire('withdraw', 'desk', { reason: '客户主动撤回。' }, at(T0, 2.3));
    // New forms (the fixture's customer each time: repeats), triaged to a manager, a major one instructed, one rejected.
    for (let i = 0; i < 4; i++) {
      const form = await fx.create(at(T0, 3 + i), { categoryCode: i % 2 ? 'price' : 'attitude', channel: i % 2 ? 'phone' : 'walk_in' });
      if (i === 3) {
        await form.fire('reject', 'desk', { explanation: '经核查不属于本店责任范围。' }, at(T0, 3.5 + i));
        continue;
      }
      await form.fire('triage', 'desk', { departmentId: i ? fx.dept.parts : fx.dept.service, severity: 'important', followUpWanted: true, customerManagerId: fx.actors.chenchen.id, major: i === 1, partyUserIds: i === 2 ? [fx.actors.liming.id] : [] }, at(T0, 3.5 + i));
      if (i === 1) await form.fire('instruct', 'gm', { instruction: '重大投诉：三日内报处理方案。' }, at(T0, 3.6 + i));
    }
    // Writers outside the command layer: a form inserted and deleted directly, a link removed, a department moved.
    const [template] = await db.select().from(complaints).where(eq(complaints.status, 'investigating')).limit(1);
    const { id, number, trackingToken, idempotencyKey, ...rest } = template;
    void id; void number; void trackingToken; void idempotencyKey;
    const [direct] = await db.insert(complaints).values({ ...rest, number: 'KS-2099-000001', trackingToken: 'counters-direct' }).returning();
    await db.insert(complaints).values({ ...rest, number: 'KS-2099-000002', trackingToken: 'counters-kept', customerManagerId: fx.actors.desk.id });
    await db.delete(complaints).where(eq(complaints.id, direct.id));
    const [link] = await db.select().from(complaintLinks).limit(1);
    await db.delete(complaintLinks).where(and(eq(complaintLinks.complaintId, link.complaintId), eq(complaintLinks.earlierId, link.earlierId), eq(complaintLinks.reason, link.reason)));
    await db.update(complaints).set({ departmentId: fx.dept.quality }).where(eq(complaints.number, template.number));
    // A second site, whose forms only a group-wide reader (the GM here) counts.
    const [north] = await db.insert(sites).values({ code: 'north', name: '北区店' }).returning();
    for (const [i, status] of ['received', 'gm_decision', 'investigating'].entries()) {
      await db.insert(complaints).values({ ...rest, siteId: north.id, status, number: `KS-2099-00010${i}`, trackingToken: `counters-north-${i}` });
    }
    await db.update(users).set({ groupWide: true }).where(eq(users.id, fx.actors.gm.id));
    staff = await Promise.all((await db.select({ id: users.id }).from(users)).map(async (u) => (await loadStaffUser(u.id, db))!));
  }, 180_000);

  it('form_counts equals the forms counted by site, department, manager and state', async () => {
    const exact = await exactFormCounts(fx.db);
    expect(exact.length).toBeGreaterThan(20);
    expect(await keptFormCounts(fx.db)).toEqual(exact);
  });

  it('every list of every dashboard, and every waiting list, shows the exact number of its forms', async () => {
    let compared = 0;
    for (const now of [at(T0, 8), T1, at(T0, 24 * 40)]) {
      for (const user of staff) {
        const lists = await loadDashboard(user, now, fx.db);
        expect(lists.map((l) => l.name)).toEqual([...dashboardLists(user.role)]);
        for (const { name, page } of lists) {
          const spec = queueSpec(user, name)!;
          const exact = await exactCount(fx.db, user, spec.where, spec.order === 'waiting', now);
          expect({ user: user.login, name, now, count: page.total.count }).toEqual({ user: user.login, name, now, count: exact });
          expect(page.total.capped).toBe(false);
          compared++;
        }
        const waiting = await listCustomersWaiting(user, {}, now, fx.db);
        expect({ user: user.login, count: waiting.total.count }).toEqual({ user: user.login, count: await exactCount(fx.db, user, waitingCondition(user), true, now) });
      }
    }
    expect(compared).toBeGreaterThan(100);
    // The rule that takes most from the counters was exercised: the person complained about
    // has forms in their own department's lists that they do not see (visibleTo).
    const machao = staff.find((s) => s.login === 'machao')!;
    const [involved] = await fx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(complaints)
      .innerJoin(complaintParties, and(eq(complaintParties.complaintId, complaints.id), eq(complaintParties.userId, machao.id)))
      .where(and(eq(complaints.departmentId, machao.departmentId!), sql`${complaints.status} in ${openStatesSql}`));
    expect(involved.n).toBeGreaterThan(0);
    // And the group-wide reach: the GM counts the second site's form too.
    expect(staff.find((s) => s.login === 'gm')!.groupWide).toBe(true);
  });

  it('report_days equals the forms summed by site, UTC day, category, department and channel', async () => {
    const day = sql<string>`((${complaints.receivedAt} at time zone 'UTC')::date)::text`;
    const exact = await fx.db
      .select({
        siteId: complaints.siteId,
        day,
        categoryId: complaints.categoryId,
        departmentId: complaints.departmentId,
        channel: complaints.channel,
        ...reportCounts(),
      })
      .from(complaints)
      .groupBy(complaints.siteId, day, complaints.categoryId, complaints.departmentId, complaints.channel);
    const kept = await fx.db.select().from(reportDays).where(sql`${reportDays.forms} <> 0`);
    const key = (r: (typeof exact)[number] | (typeof kept)[number]) =>
      `${r.siteId}|${r.day}|${r.categoryId}|${r.departmentId}|${r.channel}|${r.forms}|${r.resolved}|${r.onTime}|${r.notFounded}|${r.repeats}`;
    expect(exact.some((r) => r.repeats > 0) && exact.some((r) => r.resolved > 0) && exact.some((r) => r.onTime > 0)).toBe(true);
    expect(kept.map(key).sort()).toEqual(exact.map(key).sort());
  });

  describe('the report', () => {
    it('from the summaries equals the report computed from the forms, for any period', async () => {
      const periods: [string, Date, Date][] = [
        ...['2026-09', '2026-10', '2026-11'].map((m) => [`${m} Shanghai`, monthRange(m, 'Asia/Shanghai').start, monthRange(m, 'Asia/Shanghai').end] as [string, Date, Date]),
        ['2026-10 UTC', monthRange('2026-10', 'UTC').start, monthRange('2026-10', 'UTC').end],
        ['a year', monthRange('2026-01', 'Asia/Shanghai').start, monthRange('2027-01', 'Asia/Shanghai').start],
        ['within one UTC day', at(T0, -1), at(T0, 8)],
        ['nothing', at(T0, 1000), at(T0, 1001)],
      ];
      let rows = 0;
      for (const [name, start, end] of periods) {
        for (const siteId of [fx.siteId, undefined]) {
          const expected = await receivedFromForms(fx.db, siteId, start, end);
          expect({ name, rows: await receivedByCategory(fx.db, siteId, start, end) }).toEqual({ name, rows: expected });
          rows += expected.length;
        }
      }
      expect(rows).toBeGreaterThan(10);
    });

    it('the page reads the summaries for every reader of reports', async () => {
      for (const login of ['finance', 'management', 'gm']) {
        const user = staff.find((s) => s.login === login)!;
        const { start, end } = monthRange('2026-10', 'Asia/Shanghai');
        const report = await monthlyReport(user, '2026-10', 'Asia/Shanghai', fx.db);
        expect(report.received).toEqual(await receivedFromForms(fx.db, user.groupWide ? undefined : user.siteId, start, end));
      }
    });
  });

  it('a change rolled back takes its counts with it', async () => {
    const before = await keptFormCounts(fx.db);
    const days = await fx.db.select().from(reportDays);
    const [template] = await fx.db.select().from(complaints).where(inArray(complaints.status, ['received'])).limit(1);
    await expect(
      fx.db.transaction(async (tx) => {
        await tx.update(complaints).set({ status: 'investigating', departmentId: fx.dept.sales }).where(eq(complaints.id, template.id));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await keptFormCounts(fx.db)).toEqual(before);
    expect((await fx.db.select().from(reportDays)).length).toBe(days.length);
  });
});
