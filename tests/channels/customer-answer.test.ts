import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { attachments, complaintEvents, complaints, notifications } from '@/db/schema';
import { answerOnTrackingPage } from '@/lib/channels/answer';
import { createComplaint } from '@/lib/complaints/commands';
import { loadPublicView } from '@/lib/public/tracking';
import { forEachBackend } from '@/tests/helpers/databases';
import { customerInput, pngBytes, setupDesk } from '../public/fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-answer-'));
process.env.KESU_ATTACHMENTS_DIR = dir;
process.env.KESU_ANSWER_FORM_LIMIT = '3';
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

forEachBackend('the customer answers on the tracking page', (backend) => {
  let database: Database;
  let desk: Awaited<ReturnType<typeof setupDesk>>;
  beforeAll(async () => {
    database = await backend.open();
    desk = await setupDesk(database.db);
  });

  it('adds a customer note with photos to the history and notifies the desk (no customer manager yet)', async () => {
    const { complaint } = await createComplaint(customerInput(), null, {}, database.db);
    await database.db.delete(notifications);
    const r = await answerOnTrackingPage({ token: complaint.trackingToken, fields: { text: '补充：车牌是粤B12345。' }, photos: [{ name: 'scratch.png', bytes: pngBytes() }], ip: '198.51.100.7' }, new Date(), database.db);
    expect(r).toEqual({ kind: 'added' });
    const history = await database.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, complaint.id)).orderBy(complaintEvents.version);
    expect(history.map((h) => [h.type, h.actorRole, h.customerVisible])).toEqual([
      ['create', 'customer', true],
      ['note', 'customer', true],
      ['evidence_added', 'customer', true],
    ]);
    expect(history[1].payload).toMatchObject({ text: '补充：车牌是粤B12345。', via: 'web', fromCustomer: true });
    const files = await database.db.select().from(attachments).where(eq(attachments.complaintId, complaint.id));
    expect(files).toMatchObject([{ mime: 'image/png', fromCustomer: true }]);
    const notices = await database.db.select().from(notifications).where(eq(notifications.complaintId, complaint.id));
    expect(notices.map((n) => [n.template, n.recipientUserId])).toEqual([['customer_note', desk.actor.id]]);
    const view = await loadPublicView(complaint.trackingToken, database.db);
    expect(view!.history.some((h) => h.type === 'note' && h.actor === 'customer' && h.text === '补充：车牌是粤B12345。')).toBe(true);
  });

  it('refuses a bad photo, an empty text, a closed form, and more answers than the per-form limit', async () => {
    const { complaint } = await createComplaint(customerInput({ customerPhone: '13800000001' }), null, {}, database.db);
    const token = complaint.trackingToken;
    const bad = await answerOnTrackingPage({ token, fields: { text: 'x' }, photos: [{ name: 'a.png', bytes: new TextEncoder().encode('<svg onload=alert(1)>') }], ip: '198.51.100.8' }, new Date(), database.db);
    expect(bad).toEqual({ kind: 'invalid', fieldErrors: { photos: ['bad_type'] } });
    const empty = await answerOnTrackingPage({ token, fields: { text: '' }, photos: [], ip: '198.51.100.8' }, new Date(), database.db);
    expect(empty.kind).toBe('invalid');
    expect((await answerOnTrackingPage({ token, fields: { text: 'ok' }, photos: [], ip: '198.51.100.9' }, new Date(), database.db)).kind).toBe('added');
    expect(await answerOnTrackingPage({ token, fields: { text: 'again' }, photos: [], ip: '198.51.100.9' }, new Date(), database.db)).toMatchObject({ kind: 'rate_limited', scope: 'form' });

    const other = (await createComplaint(customerInput({ customerPhone: '13800000002' }), null, {}, database.db)).complaint;
    // Test setup: a closed form (how it closed does not matter here).
    await database.db.update(complaints).set({ status: 'withdrawn' }).where(eq(complaints.id, other.id));
    expect(await answerOnTrackingPage({ token: other.trackingToken, fields: { text: 'hello' }, photos: [], ip: '198.51.100.10' }, new Date(), database.db)).toEqual({ kind: 'closed' });
    expect(await answerOnTrackingPage({ token: 'nope', fields: { text: 'hello' }, photos: [], ip: '198.51.100.11' }, new Date(), database.db)).toEqual({ kind: 'not_found' });
    const notes = await database.db.select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, complaint.id), eq(complaintEvents.type, 'note')));
    expect(notes).toHaveLength(1);
  });
});
