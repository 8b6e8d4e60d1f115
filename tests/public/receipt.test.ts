import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { complaintEvents, complaints } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { applyEvent, createComplaint, type CommandActor } from '@/lib/complaints/commands';
import type { CommandError } from '@/lib/complaints/errors';
import { loadFormView } from '@/lib/complaints/form-view';
import { openReceipt } from '@/lib/complaints/receipt';
import { loadPublicView } from '@/lib/public/tracking';
import { forEachBackend } from '@/tests/helpers/databases';
import { customerInput, setupDesk } from './fixtures';

forEachBackend('receipt', (backend) => {
  let database: Database;
  let desk: StaffUser;
  let otherDesk: StaffUser;
  let deskActor: CommandActor;
  beforeAll(async () => {
    database = await backend.open();
    ({ staff: desk, actor: deskActor } = await setupDesk(database.db));
    ({ staff: otherDesk } = await setupDesk(database.db, 'chenchen'));
  });
  afterEach(() => {
    delete process.env.KESU_DESK_PHONE;
  });

  const viewRows = (complaintId: string) =>
    database.db.select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, complaintId), eq(complaintEvents.type, 'access_code_viewed')));

  it('shows the desk the code, the private link and the first-response deadline, and records each showing without the code or a change of the form', async () => {
    process.env.KESU_DESK_PHONE = '020-8888 6666';
    const { complaint: form } = await createComplaint(customerInput({ channel: 'walk_in' }), null, undefined, database.db);
    const receipt = await openReceipt(database.db, desk, form.number);
    expect(receipt).toMatchObject({ number: form.number, accessCode: form.accessCode, responseDueAt: form.responseDueAt, deskPhone: '020-8888 6666' });
    expect(receipt.trackUrl).toMatch(new RegExp(`/track/${form.trackingToken}$`));

    let rows = await viewRows(form.id);
    expect(rows).toHaveLength(1);
    // The row carries the version it was seen at: a showing is a log, not a change.
    expect(rows[0]).toMatchObject({ version: form.version, customerVisible: false, actorId: desk.id, actorName: desk.name, fromState: 'received', toState: 'received' });
    expect(JSON.stringify(rows[0].payload)).not.toContain(form.accessCode);
    expect(JSON.stringify(rows[0].payload)).not.toContain(form.trackingToken);
    const [after] = await database.db.select().from(complaints).where(eq(complaints.id, form.id));
    expect(after).toEqual(form); // showing it changes nothing of the form

    // A reprint is another showing; the customer never sees these rows.
    await openReceipt(database.db, otherDesk, form.number);
    rows = await viewRows(form.id);
    expect(rows.map((r) => r.actorId)).toEqual([desk.id, otherDesk.id]);
    const view = await loadPublicView(form.trackingToken, database.db);
    expect(view!.history.map((h) => h.type)).not.toContain('access_code_viewed');
  });

  it('leaves a colleague’s open form current: the event fired with the version seen before the showing applies', async () => {
    const { complaint: form } = await createComplaint(customerInput({ channel: 'walk_in' }), null, undefined, database.db);
    await openReceipt(database.db, desk, form.number);
    await openReceipt(database.db, otherDesk, form.number);
    const notedAt = new Date(Date.now() + 60_000);
    const { complaint: noted } = await applyEvent({ complaintId: form.id, event: 'note', input: { text: '已电话联系客户' }, actor: deskActor, expectedVersion: form.version }, { now: notedAt }, database.db);
    expect(noted.version).toBe(form.version + 1);
    // A later showing follows the change in the history; a stale refusal still names the change, not the showing.
    await openReceipt(database.db, otherDesk, form.number, new Date(notedAt.getTime() + 60_000));
    const history = await loadFormView(desk, form.number, new Date(), database.db);
    expect(history!.events.map((e) => [e.type, e.version])).toEqual([
      ['create', 1], ['access_code_viewed', 1], ['access_code_viewed', 1], ['note', 2], ['access_code_viewed', 2],
    ]);
    const stale = await applyEvent({ complaintId: form.id, event: 'note', input: { text: '再次联系' }, actor: deskActor, expectedVersion: form.version }, undefined, database.db).then(() => undefined, (e: unknown) => e as CommandError);
    expect(stale).toMatchObject({ code: 'stale_version', params: { by: desk.name, at: notedAt.toISOString() } });
  });

  it('has no desk phone when none is set', async () => {
    const { complaint: form } = await createComplaint(customerInput(), null, undefined, database.db);
    expect((await openReceipt(database.db, desk, form.number)).deskPhone).toBeNull();
  });

  it('only the desk, on a form they may open and are not involved in; a refusal records nothing', async () => {
    const { complaint: form } = await createComplaint(customerInput({ channel: 'walk_in', partyUserIds: [otherDesk.id] }), null, undefined, database.db);
    for (const role of ['department', 'management', 'gm', 'admin', 'finance'] as const) {
      await expect(openReceipt(database.db, { ...desk, role }, form.number)).rejects.toMatchObject({ code: 'wrong_role' });
    }
    await expect(openReceipt(database.db, otherDesk, form.number)).rejects.toMatchObject({ code: 'not_found' });
    await expect(openReceipt(database.db, { ...desk, siteId: crypto.randomUUID() }, form.number)).rejects.toMatchObject({ code: 'not_found' });
    await expect(openReceipt(database.db, desk, 'KS-1999-000001')).rejects.toMatchObject({ code: 'not_found' });
    expect(await viewRows(form.id)).toHaveLength(0);
    // A group-wide desk sees another site's form.
    await openReceipt(database.db, { ...desk, siteId: crypto.randomUUID(), groupWide: true }, form.number);
    expect(await viewRows(form.id)).toHaveLength(1);
  });
});
