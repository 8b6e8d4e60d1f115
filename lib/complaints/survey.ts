import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseBadCharCode, safeText } from '@/lib/validation/text';
import { fieldErrorsOf } from './validation';
import type { Db } from '@/db/client';
import { complaintEvents, complaints, type Complaint } from '@/db/schema';
import type { State } from '@/lib/workflow';
import { queueNotices } from './outbox';

export type SurveyAvailability = { open: true } | { open: false; given?: number };

/** States in which the customer may rate the handling (after resolve_on_spot / complete_handling). */
export const surveyStates: readonly State[] = ['follow_up', 'assessment', 'fault_review', 'archived'];
/** Events that end a round of handling; a survey counts for the latest round. */
export const handlingEvents = ['resolve_on_spot', 'complete_handling'] as const;
/** Whether the customer may rate now, or the rating already given in this round of handling. */
export function surveyAvailability(status: string, history: readonly { type: string; version: number; payload: unknown }[]): SurveyAvailability {
  if (!surveyStates.includes(status as State)) return { open: false };
  let handledAt = -1;
  for (const h of history) if ((handlingEvents as readonly string[]).includes(h.type)) handledAt = Math.max(handledAt, h.version);
  const given = history.filter((h) => h.type === 'survey' && h.version > handledAt).at(-1);
  if (given) return { open: false, given: (given.payload as { rating?: number }).rating };
  return { open: handledAt > 0 };
}

/** The customer's rating of the handling, shared by the tracking page's form and the command. */
export const surveySchema = z.strictObject({
  token: safeText().min(1).max(64),
  rating: z.coerce.number().int().min(1).max(5),
  comment: z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v), safeText({ multiline: true }).max(2000).optional()),
});
export type SurveyInput = z.input<typeof surveySchema>;

export type SurveyErrorCode = 'invalid_input' | 'bad_char' | 'not_found' | 'not_open' | 'already_rated';

/** An expected refusal of a survey; `code` is translated by the page (public.survey.errors). */
export class SurveyError extends Error {
  constructor(readonly code: SurveyErrorCode) {
    super(code);
    this.name = 'SurveyError';
  }
}

/** Ratings at or below this queue a 'low_satisfaction' notice to the customer manager. */
export const lowSatisfaction = 2;

/**
 * Records the customer's satisfaction survey, reached by the private tracking link: one history
 * row ('survey', from = to = the current state, actor 'customer', customer-visible), the
 * version bump, complaints.satisfaction, and for a low rating a notice to the customer manager
 * — in one transaction, with the form locked. One rating per round of handling (a reopened and
 * handled-again form may be rated again). Not a workflow event: the state does not change, and
 * staff reopen the form themselves when the customer is dissatisfied.
 */
export async function recordSurvey(db: Db, rawInput: SurveyInput, now = new Date()): Promise<{ complaint: Complaint; eventId: number }> {
  const parsed = surveySchema.safeParse(rawInput);
  if (!parsed.success) {
    // A NUL or control character in the comment has its own message (naming the comment field).
    const comment = fieldErrorsOf(parsed.error).comment ?? [];
    throw new SurveyError(comment.some((m) => parseBadCharCode(m)) ? 'bad_char' : 'invalid_input');
  }
  const { token, rating, comment } = parsed.data;
  return db.transaction(async (tx) => {
    const [form] = await tx.select().from(complaints).where(eq(complaints.trackingToken, token)).for('update');
    if (!form) throw new SurveyError('not_found');
    const history = await tx
      .select({ type: complaintEvents.type, version: complaintEvents.version, payload: complaintEvents.payload })
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, form.id))
      .orderBy(asc(complaintEvents.version));
    const availability = surveyAvailability(form.status, history);
    if (!availability.open) throw new SurveyError(availability.given !== undefined ? 'already_rated' : 'not_open');
    const version = form.version + 1;
    const [updated] = await tx
      .update(complaints)
      .set({ satisfaction: rating, version, updatedAt: now })
      .where(eq(complaints.id, form.id))
      .returning();
    const [event] = await tx
      .insert(complaintEvents)
      .values({
        complaintId: form.id,
        version,
        type: 'survey',
        fromState: form.status,
        toState: form.status,
        actorId: null,
        actorRole: 'customer',
        actorName: '客户',
        at: now,
        payload: { rating, ...(comment ? { comment } : {}) },
        customerVisible: true,
      })
      .returning({ id: complaintEvents.id });
    if (rating <= lowSatisfaction) {
      await queueNotices(tx, updated, event.id, [{ audience: 'customer_manager', template: 'low_satisfaction', message: comment }]);
    }
    return { complaint: updated, eventId: event.id };
  });
}
