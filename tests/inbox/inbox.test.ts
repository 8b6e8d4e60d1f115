import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { notifications } from '@/db/schema';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';
import { countUnread, listInbox, markInboxRead } from '@/lib/notify/inbox';

forEachBackend('staff inbox', (backend) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  it("shows a department head the forms routed to the department, in the reader's language, and nobody else's", async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude' });
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true }, at(T0, 1));
    const zh = await listInbox(fx.actors.service.id, 'zh-CN', 50, fx.db);
    expect(zh.find((n) => n.number === form.number)?.subject).toContain(form.number);
    const en = await listInbox(fx.actors.service.id, 'en', 50, fx.db);
    expect(en.find((n) => n.number === form.number)?.subject).toMatch(/^Form KS-/);
    // The parts department's head was not told.
    expect((await listInbox(fx.actors.parts.id, 'zh-CN', 50, fx.db)).some((n) => n.number === form.number)).toBe(false);
  });

  it('one notice per recipient per step, saying from which state to which, by whom and until when', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude' });
    // The desk clerk is the customer manager too: reached both as "customer manager" and as "desk" below.
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true, customerManagerId: fx.actors.desk.id }, at(T0, 1));
    await form.fire('propose_pending', 'desk', { reason: 'parts_delayed', explanation: '原厂配件需从厂家调货。' }, at(T0, 2));
    const approved = await form.fire('approve_pending', 'gm', { comment: '同意列入未了事宜。' }, at(T0, 3));
    expect(approved.status).toBe('pending');

    const [event] = (await form.history()).filter((h) => h.type === 'approve_pending');
    const rows = await fx.db
      .select({ recipient: notifications.recipientUserId })
      .from(notifications)
      .where(and(eq(notifications.eventId, event.id), eq(notifications.channel, 'inbox')));
    const recipients = rows.map((r) => r.recipient);
    expect(recipients).toContain(fx.actors.desk.id);
    expect(new Set(recipients).size).toBe(recipients.length); // nobody twice

    const notice = (await listInbox(fx.actors.desk.id, 'zh-CN', 50, fx.db)).filter((n) => n.number === form.number)[0];
    expect(notice.change).toEqual({ from: 'pending_approval', to: 'pending', by: fx.actors.gm.name, deadline: approved.stepDueAt });
    expect(notice.read).toBe(false);
  });

  it('counts unread notices, and each person marks only their own read', async () => {
    const desk = fx.actors.desk.id;
    const gm = fx.actors.gm.id;
    await markInboxRead(desk, 'all', T0, fx.db);
    await markInboxRead(gm, 'all', T0, fx.db);
    expect(await countUnread(desk, fx.db)).toBe(0);

    const form = await fx.create(at(T0, 10), { categoryCode: 'attitude' }); // the desk hears of a new form
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true, customerManagerId: desk }, at(T0, 11));
    await form.fire('propose_pending', 'desk', { reason: 'parts_delayed', explanation: '配件延误。' }, at(T0, 12)); // the GM hears of it
    const deskUnread = await countUnread(desk, fx.db);
    expect(deskUnread).toBeGreaterThanOrEqual(2);
    expect(await countUnread(gm, fx.db)).toBe(1);

    const [first] = await listInbox(desk, 'en', 50, fx.db);
    const [gmNotice] = await listInbox(gm, 'en', 50, fx.db);
    // The GM's notice id passed by the desk clerk changes nothing.
    expect(await markInboxRead(desk, [first.id, gmNotice.id], at(T0, 13), fx.db)).toBe(1);
    expect(await countUnread(desk, fx.db)).toBe(deskUnread - 1);
    expect(await countUnread(gm, fx.db)).toBe(1);
    expect((await listInbox(desk, 'en', 50, fx.db)).find((n) => n.id === first.id)?.read).toBe(true);

    expect(await markInboxRead(desk, 'all', at(T0, 14), fx.db)).toBe(deskUnread - 1);
    expect(await countUnread(desk, fx.db)).toBe(0);
    expect(await countUnread(gm, fx.db)).toBe(1);
  });

  it('the count stops at its cap, however many notices wait', async () => {
    const { UNREAD_COUNT_CAP } = await import('@/lib/notify/inbox');
    const user = fx.actors.finance;
    await fx.db.insert(notifications).values(
      Array.from({ length: UNREAD_COUNT_CAP + 20 }, () => ({ audience: 'summary', recipientUserId: user.id, channel: 'inbox', template: 'summary_weekly', payload: {} })),
    );
    expect(await countUnread(user.id, fx.db)).toBe(UNREAD_COUNT_CAP + 1);
  });
});
