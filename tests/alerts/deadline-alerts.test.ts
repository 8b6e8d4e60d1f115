import { beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';
import { eq } from 'drizzle-orm';
import { raiseDeadlineAlerts, remindPendingContacts } from '@/lib/complaints/alerts';
import { queueManagerNotices, queueNotices } from '@/lib/complaints/outbox';
import { complaints } from '@/db/schema';

forEachBackend('deadline alerts', (backend) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  const templatesFor = async (id: string) =>
    (await fx.database.execute(`select audience, template from notifications where complaint_id = '${id}' and template in ('deadline_warning', 'overdue') order by audience, template`)).map(
      (r) => `${r.audience}:${r.template}`,
    );

  it('warns the department at 75 % of its 24 h step, tells management once overdue, each once', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude' });
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true }, T0);
    expect(await raiseDeadlineAlerts(fx.db, at(T0, 17))).toEqual({ warnings: 0, overdue: 0 }); // 71 % of 24 h
    const warned = await raiseDeadlineAlerts(fx.db, at(T0, 19));
    expect(warned.warnings).toBeGreaterThanOrEqual(1);
    expect(await templatesFor(form.id)).toEqual(expect.arrayContaining(['department:deadline_warning']));
    // Running the job again, e.g. on a second instance, raises nothing new for this form.
    const afterWarning = await templatesFor(form.id);
    await raiseDeadlineAlerts(fx.db, at(T0, 20));
    expect(await templatesFor(form.id)).toEqual(afterWarning);
    await raiseDeadlineAlerts(fx.db, at(T0, 25));
    const overdue = await templatesFor(form.id);
    expect(overdue).toEqual(expect.arrayContaining(['management:overdue', 'department:overdue']));
    const again = await raiseDeadlineAlerts(fx.db, at(T0, 26));
    expect(await templatesFor(form.id)).toEqual(overdue);
    expect(again.overdue).toBe(0);
  });

  it('alerts again for the next step after the form moves on', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude' });
    await raiseDeadlineAlerts(fx.db, at(T0, 2)); // the 1 h intake step is overdue
    const first = (await templatesFor(form.id)).filter((t) => t.endsWith(':overdue')).length;
    expect(first).toBeGreaterThan(0);
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true }, at(T0, 2));
    await raiseDeadlineAlerts(fx.db, at(T0, 27)); // 24 h step overdue too
    expect((await templatesFor(form.id)).filter((t) => t.endsWith(':overdue')).length).toBeGreaterThan(first);
  });
});

forEachBackend('ledger contact round', (backend) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  it("tells the customer manager on the 4th which pending items are due", async () => {
    const form = await fx.create(T0, { categoryCode: 'parts' });
    await form.fire('triage', 'desk', { departmentId: fx.dept.parts, severity: 'general', followUpWanted: true, customerManagerId: fx.actors.chenchen.id }, T0);
    await form.fire('propose_pending', 'desk', { reason: 'parts_delayed', explanation: '配件在途。' }, at(T0, 1));
    await form.fire('approve_pending', 'gm', {}, at(T0, 2)); // next contact: 2026-12-04
    expect(await remindPendingContacts(fx.db, '2026-12-03')).toBe(0);
    expect(await remindPendingContacts(fx.db, '2026-12-04')).toBe(1);
    const rows = await fx.database.execute(`select recipient_user_id from notifications where complaint_id = '${form.id}' and template = 'ledger_round'`);
    expect(rows.map((r) => r.recipient_user_id)).toEqual([fx.actors.chenchen.id]);
  });

  it('writes, set-based, the very rows queueNotices writes for each form (manager, desk fallback, parties left out)', async () => {
    const managed = await fx.create(T0, { categoryCode: 'parts' });
    await managed.fire('triage', 'desk', { departmentId: fx.dept.parts, severity: 'general', followUpWanted: true, customerManagerId: fx.actors.chenchen.id }, T0);
    const unmanaged = await fx.create(T0, { categoryCode: 'attitude' });
    await fx.database.execute(`update complaints set customer_manager_id = null where id = '${unmanaged.id}'`);
    // A desk clerk complained about on the unmanaged form hears nothing of it.
    const desk = Object.values(fx.actors).filter((a) => a.role === 'desk');
    expect(desk.length).toBeGreaterThan(1);
    await fx.database.execute(`insert into complaint_parties (complaint_id, user_id) values ('${unmanaged.id}', '${desk[0].id}')`);
    const ids = [managed.id, unmanaged.id];
    const written = async (): Promise<Record<string, unknown>[]> => {
      const rows = await fx.database.execute(
        `select complaint_id, event_id, audience, recipient_user_id, channel, address, template, locale, payload::text as payload, status from notifications
          where template = 'round_check' order by complaint_id, recipient_user_id`,
      );
      await fx.database.execute(`delete from notifications where template = 'round_check'`);
      return rows.map((r) => ({ ...(r as Record<string, unknown>), payload: JSON.parse(String(r.payload)) }));
    };
    await queueManagerNotices(fx.db, ids, 'round_check');
    const setBased = await written();
    await fx.db.transaction(async (tx) => {
      for (const id of ids) {
        const [form] = await tx.select().from(complaints).where(eq(complaints.id, id));
        await queueNotices(tx, form, null, [{ audience: 'customer_manager', template: 'round_check' }]);
      }
    });
    const oneByOne = await written();
    expect(setBased).toEqual(oneByOne);
    expect(setBased.filter((r) => r.complaint_id === managed.id).map((r) => r.recipient_user_id)).toEqual([fx.actors.chenchen.id]);
    const fallback = setBased.filter((r) => r.complaint_id === unmanaged.id).map((r) => r.recipient_user_id);
    expect(fallback.length).toBeGreaterThan(0);
    expect(fallback).not.toContain(desk[0].id);
  });
});
