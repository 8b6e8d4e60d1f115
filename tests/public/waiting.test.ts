import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { complaints, sites, users } from '@/db/schema';
import { applyEvent, createComplaint, type CommandActor } from '@/lib/complaints/commands';
import { listCustomersWaiting } from '@/lib/complaints/queues';
import type { StaffUser } from '@/db/queries/staff';
import { forEachBackend } from '@/tests/helpers/databases';
import { customerInput, setupDesk } from './fixtures';

forEachBackend('listCustomersWaiting', (backend) => {
  let database: Database;
  let desk: CommandActor;
  let deskUser: StaffUser;
  const now = new Date('2026-03-10T10:00:00+08:00');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

  beforeAll(async () => {
    database = await backend.open();
    ({ actor: desk, staff: deskUser } = await setupDesk(database.db));
  });

  const waitingRows = async (user: StaffUser) => (await listCustomersWaiting(user, {}, now, database.db)).rows;
  const create = async (name: string, at: Date) => (await createComplaint(customerInput({ customerName: name }), null, { now: at }, database.db)).complaint;

  it('lists open forms whose customer heard nothing for more than 24 h, longest wait first', async () => {
    const old = await create('等了两天', hoursAgo(50));
    const fresh = await create('刚提交', hoursAgo(3));
    const updated = await create('昨天有回复', hoursAgo(60));
    await applyEvent({ complaintId: updated.id, event: 'note', input: { text: '正在处理', customerVisible: true }, actor: desk, expectedVersion: 1 }, { now: hoursAgo(5) }, database.db);
    const internalOnly = await create('只有内部备注', hoursAgo(30));
    await applyEvent({ complaintId: internalOnly.id, event: 'note', input: { text: '内部', customerVisible: false }, actor: desk, expectedVersion: 1 }, { now: hoursAgo(2) }, database.db);
    const closed = await create('已驳回', hoursAgo(80));
    await applyEvent({ complaintId: closed.id, event: 'reject', input: { explanation: '不在保修范围' }, actor: desk, expectedVersion: 1 }, { now: hoursAgo(70) }, database.db);

    const rows = await waitingRows(deskUser);
    const numbers = rows.map((r) => r.number);
    expect(numbers).toEqual([old.number, internalOnly.number]);
    expect(numbers).not.toContain(fresh.number);
    expect(numbers).not.toContain(updated.number);
    expect(numbers).not.toContain(closed.number);
    expect(rows[0]).toMatchObject({ customerName: '等了两天', status: 'received' });
    expect(now.getTime() - rows[0].lastUpdateAt.getTime()).toBe(50 * 3_600_000);
    expect(rows[1].lastUpdateAt.getTime()).toBe(hoursAgo(30).getTime());
  });

  it('leaves out pending items; other roles see only the forms they manage; other sites are out of reach', async () => {
    const pendingForm = await create('未了事宜', hoursAgo(100));
    await database.db.update(complaints).set({ status: 'pending' }).where(eq(complaints.id, pendingForm.id));
    expect((await waitingRows(deskUser)).map((r) => r.number)).not.toContain(pendingForm.number);

    const managed = await create('客户经理的单', hoursAgo(40));
    const [site] = await database.db.select().from(sites).where(eq(sites.code, 'main'));
    const [mgr] = await database.db.insert(users).values({ siteId: site.id, login: 'mgr', name: '经理', role: 'management', passwordHash: 'x' }).returning();
    await database.db.update(complaints).set({ customerManagerId: mgr.id }).where(eq(complaints.id, managed.id));
    const mgrUser: StaffUser = { ...deskUser, id: mgr.id, login: 'mgr', role: 'management' };
    expect((await waitingRows(mgrUser)).map((r) => r.number)).toEqual([managed.number]);

    const [other] = await database.db.insert(sites).values({ code: 'other', name: '分店' }).returning();
    expect(await waitingRows({ ...deskUser, siteId: other.id })).toEqual([]);
    expect((await waitingRows({ ...deskUser, siteId: other.id, groupWide: true })).length).toBeGreaterThan(0);
  });
});
