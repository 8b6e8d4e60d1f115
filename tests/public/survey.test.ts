import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { complaintEvents, complaints, notifications } from '@/db/schema';
import { applyEvent, createComplaint, type CommandActor } from '@/lib/complaints/commands';
import { recordSurvey, SurveyError } from '@/lib/complaints/survey';
import { loadPublicView } from '@/lib/public/tracking';
import { forEachBackend } from '@/tests/helpers/databases';
import { customerInput, resolveOnSpot, setupDesk } from './fixtures';

forEachBackend('recordSurvey', (backend) => {
  let database: Database;
  let desk: CommandActor;
  beforeAll(async () => {
    database = await backend.open();
    ({ actor: desk } = await setupDesk(database.db));
  });

  async function resolvedForm() {
    const { complaint } = await createComplaint(customerInput(), null, undefined, database.db);
    const { complaint: resolved } = await applyEvent({ complaintId: complaint.id, event: 'resolve_on_spot', input: resolveOnSpot, actor: desk, expectedVersion: 1 }, undefined, database.db);
    expect(resolved.status).toBe('follow_up');
    return resolved;
  }

  const refusal = (p: Promise<unknown>) => p.then(() => 'recorded', (e: unknown) => (e instanceof SurveyError ? e.code : `unexpected ${String(e)}`));

  it('appends a customer-visible survey row, bumps the version and sets the satisfaction; a second rating is refused', async () => {
    const form = await resolvedForm();
    const { complaint, eventId } = await recordSurvey({ token: form.trackingToken, rating: 4, comment: ' 很好 ' }, undefined, database.db);
    expect(complaint.version).toBe(form.version + 1);
    expect(complaint.satisfaction).toBe(4);
    expect(complaint.status).toBe('follow_up');
    const [row] = await database.db.select().from(complaintEvents).where(eq(complaintEvents.id, eventId));
    expect(row).toMatchObject({
      type: 'survey', fromState: 'follow_up', toState: 'follow_up', actorRole: 'customer', actorName: '客户', actorId: null,
      customerVisible: true, version: form.version + 1, payload: { rating: 4, comment: '很好' },
    });
    // A good rating alarms nobody.
    const notices = await database.db.select().from(notifications).where(and(eq(notifications.eventId, eventId)));
    expect(notices).toHaveLength(0);
    expect(await refusal(recordSurvey({ token: form.trackingToken, rating: 1 }, undefined, database.db))).toBe('already_rated');
    const view = await loadPublicView(form.trackingToken, database.db);
    expect(view?.survey).toEqual({ open: false, given: 4 });
    expect(view?.history.at(-1)).toMatchObject({ type: 'survey', actor: 'customer', rating: 4, text: '很好' });
  });

  it('a rating of 1–2 queues a low_satisfaction notice for the customer manager (the desk, none being assigned)', async () => {
    const form = await resolvedForm();
    const { eventId } = await recordSurvey({ token: form.trackingToken, rating: 2, comment: '还是不满意' }, undefined, database.db);
    const notices = await database.db.select().from(notifications).where(eq(notifications.eventId, eventId));
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((n) => n.template === 'low_satisfaction' && n.audience === 'customer_manager')).toBe(true);
    expect(notices.map((n) => n.recipientUserId)).toContain(desk.id);
    expect(notices[0].payload).toMatchObject({ number: form.number, message: '还是不满意' });
    // The staff may now reopen the form; the survey row does not disturb the procedure.
    const [current] = await database.db.select().from(complaints).where(eq(complaints.id, form.id));
    const reopened = await applyEvent({ complaintId: form.id, event: 'reopen', input: { reason: '客户不满意', satisfaction: 2 }, actor: desk, expectedVersion: current.version }, undefined, database.db);
    expect(reopened.complaint.status).toBe('investigating');
    expect(await refusal(recordSurvey({ token: form.trackingToken, rating: 3 }, undefined, database.db))).toBe('not_open');
  });

  it('is refused before the handling is done, for an unknown link and for a rating outside 1–5; nothing is written', async () => {
    const { complaint } = await createComplaint(customerInput(), null, undefined, database.db);
    expect(await refusal(recordSurvey({ token: complaint.trackingToken, rating: 5 }, undefined, database.db))).toBe('not_open');
    expect(await refusal(recordSurvey({ token: 'no-such-token', rating: 5 }, undefined, database.db))).toBe('not_found');
    const form = await resolvedForm();
    expect(await refusal(recordSurvey({ token: form.trackingToken, rating: 6 }, undefined, database.db))).toBe('invalid_input');
    expect(await refusal(recordSurvey({ token: form.trackingToken, rating: 0 }, undefined, database.db))).toBe('invalid_input');
    const [after] = await database.db.select().from(complaints).where(eq(complaints.id, form.id));
    expect(after.version).toBe(form.version);
    expect(after.satisfaction).toBeNull();
  });

  it('two concurrent ratings record one', async () => {
    const form = await resolvedForm();
    const results = await Promise.all([3, 5].map((rating) => refusal(recordSurvey({ token: form.trackingToken, rating }, undefined, database.db))));
    expect(results.sort()).toEqual(['already_rated', 'recorded']);
    const rows = await database.db.select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, form.id), eq(complaintEvents.type, 'survey')));
    expect(rows).toHaveLength(1);
  });

  // Issue 14: a late rating is recorded beside the follow-up, never over it; no survey on an archived form.
  async function advance(formId: string, event: 'record_follow_up' | 'pass_assessment', input: Record<string, unknown>) {
    const [current] = await database.db.select().from(complaints).where(eq(complaints.id, formId));
    return (await applyEvent({ complaintId: formId, event, input, actor: desk, expectedVersion: current.version }, undefined, database.db)).complaint;
  }

  it('a rating after the follow-up call is recorded beside it: the follow-up satisfaction stays, the low rating alerts', async () => {
    const form = await resolvedForm();
    const assessed = await advance(form.id, 'record_follow_up', { satisfaction: 5, summary: '电话回访，客户满意' });
    expect(assessed).toMatchObject({ status: 'assessment', satisfaction: 5 });
    const { complaint, eventId } = await recordSurvey({ token: form.trackingToken, rating: 1, comment: '其实还是有异响' }, undefined, database.db);
    expect(complaint.satisfaction).toBe(5);
    expect(complaint.status).toBe('assessment');
    const [row] = await database.db.select().from(complaintEvents).where(eq(complaintEvents.id, eventId));
    expect(row).toMatchObject({ type: 'survey', customerVisible: true, payload: { rating: 1, comment: '其实还是有异响' } });
    const notices = await database.db.select().from(notifications).where(eq(notifications.eventId, eventId));
    expect(notices.map((n) => n.template)).toContain('low_satisfaction');
    const view = await loadPublicView(form.trackingToken, database.db);
    expect(view?.survey).toEqual({ open: false, given: 1 });
    // No customer manager on this form: the page promises the desk, who receives the notice.
    expect(view?.lowRatingContact).toBe('desk');
  });

  it('a rating during the follow-up, before the call, sets the satisfaction; the call then records its own', async () => {
    const form = await resolvedForm();
    expect((await recordSurvey({ token: form.trackingToken, rating: 3 }, undefined, database.db)).complaint.satisfaction).toBe(3);
    expect((await advance(form.id, 'record_follow_up', { satisfaction: 4, summary: '回访' })).satisfaction).toBe(4);
  });

  it('an archived form offers no survey and refuses a rating as closed; nothing is written', async () => {
    const form = await resolvedForm();
    await advance(form.id, 'record_follow_up', { satisfaction: 4, summary: '回访满意' });
    const archived = await advance(form.id, 'pass_assessment', { timely: true, standardMet: true });
    expect(archived.status).toBe('archived');
    const view = await loadPublicView(form.trackingToken, database.db);
    expect(view?.survey).toEqual({ open: false });
    expect(await refusal(recordSurvey({ token: form.trackingToken, rating: 1 }, undefined, database.db))).toBe('closed');
    const [after] = await database.db.select().from(complaints).where(eq(complaints.id, form.id));
    expect(after).toMatchObject({ version: archived.version, satisfaction: 4, status: 'archived' });
    // The handling summary still stands on the archived form.
    expect(view?.summary?.how).toBe('服务经理当面向您致歉。');
  });
});
