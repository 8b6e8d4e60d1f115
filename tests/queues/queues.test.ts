import { beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database, Db } from '@/db/client';
import { complaintParties, complaints } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { canSee } from '@/lib/complaints/access';
import { dashboardLists, listQueue, loadDashboard, queueSpec, type QueuePage } from '@/lib/complaints/queues';
import { ownedStates } from '@/lib/complaints/queues';
import { openStates, stateOwner, type State } from '@/lib/workflow';
import { forEachBackend } from '@/tests/helpers/databases';
import { openDemo } from '@/tests/helpers/demo';

const NOW = new Date('2026-11-02T01:00:00Z');

/** Every page of a list, forwards; then back from the last page with `before`. */
async function walk(db: Db, user: StaffUser, name: string, size: number) {
  const spec = queueSpec(user, name)!;
  const forward: QueuePage[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 200; guard++) {
    const page = await listQueue(user, spec, { after, size }, NOW, db);
    forward.push(page);
    if (!page.next) break;
    after = page.next;
  }
  const backward: QueuePage[] = [];
  let before = forward.at(-1)!.previous;
  for (let guard = 0; before && guard < 200; guard++) {
    const page = await listQueue(user, spec, { before, size }, NOW, db);
    backward.unshift(page);
    before = page.previous;
  }
  return { forward, backward };
}

forEachBackend('queues', (backend) => {
  let database: Database;
  let db: Db;
  const staff: Record<string, StaffUser> = {};

  beforeAll(async () => {
    ({ database, db } = await openDemo(backend, NOW, staff));
    // 70 more forms waiting for triage, several sharing one deadline, so that the id breaks ties.
    const [template] = await db.select().from(complaints).where(eq(complaints.status, 'received')).limit(1);
    for (let i = 0; i < 70; i++) {
      const { id, number, trackingToken, idempotencyKey, ...rest } = template;
      void id; void number; void trackingToken; void idempotencyKey;
      await db.insert(complaints).values({
        ...rest,
        number: `KS-2099-${String(i).padStart(6, '0')}`,
        trackingToken: `queue-test-${i}`,
        stepDueAt: new Date(NOW.getTime() + Math.floor(i / 7) * 3_600_000 - 5 * 3_600_000),
      });
    }
  });

  it('pages through a long list exactly once each, in deadline order, overdue first, and back', async () => {
    const desk = staff.desk;
    const expected = await db
      .select({ number: complaints.number, due: complaints.stepDueAt, id: complaints.id })
      .from(complaints)
      .where(eq(complaints.status, 'received'))
      .orderBy(complaints.stepDueAt, complaints.id);
    expect(expected.length).toBeGreaterThan(70);
    const { forward, backward } = await walk(db, desk, 'triage', 25);
    const seen = forward.flatMap((p) => p.rows.map((r) => r.number));
    expect(seen).toEqual(expected.map((r) => r.number));
    expect(forward.map((p) => p.rows.length).slice(0, -1)).toEqual(Array(forward.length - 1).fill(25));
    expect(forward[0].previous).toBeUndefined();
    // Back from the last page gives the same pages.
    expect(backward.map((p) => p.rows.map((r) => r.number))).toEqual(forward.slice(0, -1).map((p) => p.rows.map((r) => r.number)));
    // Overdue rows first and flagged.
    const flags = forward.flatMap((p) => p.rows.map((r) => r.overdue));
    expect(flags.indexOf(false)).toBeGreaterThan(0);
    expect(flags.slice(flags.indexOf(false))).not.toContain(true);
    expect(forward[0].total).toEqual({ count: expected.length, capped: false });
  });

  it('ignores a tampered cursor (first page) and counts stop at the cap', async () => {
    const spec = queueSpec(staff.desk, 'triage')!;
    const first = await listQueue(staff.desk, spec, { size: 25 }, NOW, db);
    for (const bad of ['x', Buffer.from('["9999-99-99 00:00:00+00","00000000-0000-0000-0000-000000000000"]').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      const page = await listQueue(staff.desk, spec, { after: bad, size: 25 }, NOW, db);
      expect(page.rows.map((r) => r.number)).toEqual(first.rows.map((r) => r.number));
    }
  });

  it("every role's dashboard lists are exactly the forms it owns and may see, per list", async () => {
    const all = await db.select().from(complaints);
    const parties = await db.select().from(complaintParties);
    const partiesOf = (id: string) => parties.filter((p) => p.complaintId === id).map((p) => p.userId);
    // machao: a service technician recorded as involved in some of the service forms.
    for (const login of ['desk', 'service', 'machao', 'parts', 'management', 'gm', 'admin']) {
      const user = staff[login];
      const lists = await loadDashboard(user, NOW, db);
      expect(lists.map((l) => l.name)).toEqual([...dashboardLists(user.role)]);
      for (const { name } of lists) {
        const { forward } = await walk(db, user, name, 10);
        const got = forward.flatMap((p) => p.rows.map((r) => r.number)).sort();
        const want = all
          .filter((c) => canSee(user, { ...c, partyUserIds: partiesOf(c.id) }))
          .filter((c) => expectedIn(user, name, c))
          .map((c) => c.number)
          .sort();
        expect(got, `${login} ${name}`).toEqual(want);
      }
    }
  });

  it('a list name a role does not have is refused', () => {
    expect(queueSpec(staff.desk, 'decisions')).toBeNull();
    expect(queueSpec(staff.service, 'management_review')).toBeNull();
    expect(queueSpec(staff.gm, 'triage')).toBeNull();
    expect(queueSpec(staff.finance, 'triage')).toBeNull();
    expect(dashboardLists('finance')).toEqual([]);
  });

  it('the queries are served by the queue indexes (PostgreSQL plans)', async () => {
    if (database.kind !== 'postgres') return;
    // Without the planner's fallback to a scan, every list must find an index path.
    await database.execute('set enable_seqscan = off');
    for (const login of ['desk', 'service', 'management', 'gm']) {
      const user = staff[login];
      for (const name of dashboardLists(user.role)) {
        const spec = queueSpec(user, name)!;
        const { sql: text, params } = db
          .select({ id: complaints.id })
          .from(complaints)
          .where(sql`${spec.where}`)
          .toSQL();
        const plan = (await database.execute(`explain ${text}`, params)).map((r) => Object.values(r)[0]).join('\n');
        expect(plan, `${login} ${name}`).not.toMatch(/Seq Scan on complaints/);
      }
    }
    await database.execute('reset enable_seqscan');
  });
});

/** The rule each list follows, written independently of the SQL. */
function expectedIn(user: StaffUser, name: string, c: typeof complaints.$inferSelect): boolean {
  const open = (openStates as string[]).includes(c.status);
  const waitingStates: State[] = ['received', 'investigating', 'pending_approval', 'management_review', 'negotiation', 'gm_decision', 'accountability'];
  switch (name) {
    case 'triage':
      return c.status === 'received';
    case 'mine':
      return open && c.customerManagerId === user.id;
    case 'followUp':
      return c.status === 'follow_up';
    case 'assess':
      return c.status === 'assessment';
    case 'waiting':
      return (waitingStates as string[]).includes(c.status) && (c.lastCustomerUpdateAt ?? c.receivedAt).getTime() < NOW.getTime() - 24 * 3_600_000;
    case 'decisions':
      return c.status === 'gm_decision';
    case 'pendingApprovals':
      return c.status === 'pending_approval';
    case 'instructions':
      return open && c.major && c.gmInstructedAt === null;
    default:
      return c.status === name && ownedStates(user.role).includes(name as State) && (user.role === 'admin' || stateOwner[name as State].includes(user.role));
  }
}
