import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { complaintEvents, notifications } from '@/db/schema';
import { reissueAccessCode } from '@/lib/complaints/access-code';
import { createComplaint, type CommandActor } from '@/lib/complaints/commands';
import { loadPublicView, lookupByNumberAndCode } from '@/lib/public/tracking';
import { forEachBackend } from '@/tests/helpers/databases';
import { customerInput, setupDesk } from './fixtures';

forEachBackend('reissue access code', (backend) => {
  let database: Database;
  let desk: CommandActor;
  beforeAll(async () => {
    database = await backend.open();
    ({ actor: desk } = await setupDesk(database.db));
  });

  it('gives the form a new code (the old one stops working), a staff-only history row, and sends the code to the customer', async () => {
    const { complaint: form } = await createComplaint(customerInput({ customerEmail: 'lin@example.com' }), null, undefined, database.db);
    const updated = await reissueAccessCode({ complaintId: form.id, actor: desk, expectedVersion: form.version }, undefined, database.db);
    expect(updated.accessCode).not.toBe(form.accessCode);
    expect(updated.accessCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(updated.version).toBe(form.version + 1);
    expect(updated.trackingToken).toBe(form.trackingToken); // the private link keeps working

    expect(await lookupByNumberAndCode({ number: form.number, code: form.accessCode, ip: '192.0.2.201' }, undefined, database.db)).toEqual({ kind: 'not_found' });
    expect(await lookupByNumberAndCode({ number: form.number, code: updated.accessCode, ip: '192.0.2.202' }, undefined, database.db)).toEqual({ kind: 'found', token: form.trackingToken });

    const [event] = await database.db.select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, form.id), eq(complaintEvents.type, 'access_code_reissued')));
    expect(event).toMatchObject({ version: updated.version, customerVisible: false, actorId: desk.id, fromState: 'received', toState: 'received' });
    expect(JSON.stringify(event.payload)).not.toContain(updated.accessCode);
    const view = await loadPublicView(form.trackingToken, database.db);
    expect(view!.history.map((h) => h.type)).not.toContain('access_code_reissued');

    const sent = await database.db.select().from(notifications).where(and(eq(notifications.complaintId, form.id), eq(notifications.template, 'access_code_reissued')));
    expect(sent.map((n) => n.channel).sort()).toEqual(['email', 'sms']);
    for (const n of sent) expect(n).toMatchObject({ audience: 'customer', eventId: expect.any(Number), payload: { accessCode: updated.accessCode, number: form.number } });
  });

  it('only the desk, on the version it saw', async () => {
    const { complaint: form } = await createComplaint(customerInput(), null, undefined, database.db);
    await expect(reissueAccessCode({ complaintId: form.id, actor: { ...desk, role: 'department' }, expectedVersion: form.version }, undefined, database.db)).rejects.toMatchObject({ code: 'wrong_role' });
    await expect(reissueAccessCode({ complaintId: form.id, actor: { ...desk, role: 'admin' }, expectedVersion: form.version }, undefined, database.db)).rejects.toMatchObject({ code: 'wrong_role' });
    await expect(reissueAccessCode({ complaintId: form.id, actor: desk, expectedVersion: form.version + 3 }, undefined, database.db)).rejects.toMatchObject({ code: 'stale_version' });
    await expect(reissueAccessCode({ complaintId: form.id, actor: { ...desk, siteId: crypto.randomUUID() }, expectedVersion: form.version }, undefined, database.db)).rejects.toMatchObject({ code: 'not_found' });
  });
});
