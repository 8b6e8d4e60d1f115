import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { complaintEvents, complaints } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { createComplaint } from '@/lib/complaints/commands';
import { openReceipt } from '@/lib/complaints/receipt';
import { loadPublicView } from '@/lib/public/tracking';
import { forEachBackend } from '@/tests/helpers/databases';
import { customerInput, setupDesk } from './fixtures';

forEachBackend('receipt', (backend) => {
  let database: Database;
  let desk: StaffUser;
  let otherDesk: StaffUser;
  beforeAll(async () => {
    database = await backend.open();
    ({ staff: desk } = await setupDesk(database.db));
    ({ staff: otherDesk } = await setupDesk(database.db, 'chenchen'));
  });
  afterEach(() => {
    delete process.env.KESU_DESK_PHONE;
  });

  const viewRows = (complaintId: string) =>
    database.db.select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, complaintId), eq(complaintEvents.type, 'access_code_viewed')));

  it('shows the desk the code, the private link and the first-response deadline, and records each showing without the code', async () => {
    process.env.KESU_DESK_PHONE = '020-8888 6666';
    const { complaint: form } = await createComplaint(database.db, customerInput({ channel: 'walk_in' }), null);
    const receipt = await openReceipt(database.db, desk, form.number);
    expect(receipt).toMatchObject({ number: form.number, accessCode: form.accessCode, responseDueAt: form.responseDueAt, deskPhone: '020-8888 6666' });
    expect(receipt.trackUrl).toMatch(new RegExp(`/track/${form.trackingToken}$`));

    let rows = await viewRows(form.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ version: form.version + 1, customerVisible: false, actorId: desk.id, actorName: desk.name, fromState: 'received', toState: 'received' });
    expect(JSON.stringify(rows[0].payload)).not.toContain(form.accessCode);
    expect(JSON.stringify(rows[0].payload)).not.toContain(form.trackingToken);
    const [after] = await database.db.select().from(complaints).where(eq(complaints.id, form.id));
    expect(after.version).toBe(form.version + 1);
    expect(after.accessCode).toBe(form.accessCode); // showing it changes nothing the customer holds

    // A reprint is another showing; the customer never sees these rows.
    await openReceipt(database.db, otherDesk, form.number);
    rows = await viewRows(form.id);
    expect(rows.map((r) => r.actorId)).toEqual([desk.id, otherDesk.id]);
    const view = await loadPublicView(form.trackingToken, database.db);
    expect(view!.history.map((h) => h.type)).not.toContain('access_code_viewed');
  });

  it('has no desk phone when none is set', async () => {
    const { complaint: form } = await createComplaint(database.db, customerInput(), null);
    expect((await openReceipt(database.db, desk, form.number)).deskPhone).toBeNull();
  });

  it('only the desk, on a form they may open and are not involved in; a refusal records nothing', async () => {
    const { complaint: form } = await createComplaint(database.db, customerInput({ channel: 'walk_in', partyUserIds: [otherDesk.id] }), null);
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
