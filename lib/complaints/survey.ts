import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseBadCharCode, safeText } from '@/lib/validation/text';
import { fieldErrorsOf } from './validation';
import { getDb, type Db } from '@/db/client';
import { complaintEvents, type Complaint } from '@/db/schema';
import type { State } from '@/lib/workflow';
import { changeForm } from './change';
import { CommandError } from './errors';

export type SurveyAvailability = { open: true } | { open: false; given?: number };

/** States after a round of handling (resolve_on_spot / complete_handling): its summary stands. */
export const handledStates: readonly State[] = ['follow_up', 'assessment', 'fault_review', 'archived'];
/**
 * The rule (issue 14): the customer may rate only while the rating can still change the
 * outcome — during the follow-up (the desk's call records it, or reopens the form) and while
 * the centre assesses or management reviews a fault before archiving. An archived form is a
 * closed record: no survey (a dissatisfied customer is heard by a reopen, which staff fire).
 */
export const surveyStates: readonly State[] = ['follow_up', 'assessment', 'fault_review'];
/** Events that end a round of handling; a survey counts for the latest round. */
export const handlingEvents = ['resolve_on_spot', 'complete_handling'] as const;

type HistoryRow = { type: string; version: number; payload: unknown };
const latestHandling = (history: readonly HistoryRow[]) =>
  history.reduce((at, h) => ((handlingEvents as readonly string[]).includes(h.type) ? Math.max(at, h.version) : at), -1);

/** Whether the customer may rate now, or the rating already given in this round of handling. */
export function surveyAvailability(status: string, history: readonly HistoryRow[]): SurveyAvailability {
  if (!surveyStates.includes(status as State)) return { open: false };
  const handledAt = latestHandling(history);
  const given = history.filter((h) => h.type === 'survey' && h.version > handledAt).at(-1);
  if (given) return { open: false, given: (given.payload as { rating?: number }).rating };
  return { open: handledAt > 0 };
}

/** Whether the desk's follow-up call has recorded the customer's satisfaction in this round. */
export function followUpRecorded(history: readonly HistoryRow[]): boolean {
  const handledAt = latestHandling(history);
  return history.some((h) => h.type === 'record_follow_up' && h.version > handledAt);
}

/** The customer's rating of the handling, shared by the tracking page's form and the command. */
export const surveySchema = z.strictObject({
  token: safeText().min(1).max(64),
  rating: z.coerce.number().int().min(1).max(5),
  comment: z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v), safeText({ multiline: true }).max(2000).optional()),
});
export type SurveyInput = z.input<typeof surveySchema>;

export type SurveyErrorCode = 'invalid_input' | 'bad_char' | 'not_found' | 'not_open' | 'closed' | 'already_rated';

/** Closed records: a rating posted to them is refused as `closed`, not as "not handled yet". */
const closedStates: readonly State[] = ['archived', 'rejected', 'withdrawn'];

/** An expected refusal of a survey; `code` is translated by the page (public.survey.errors). */
export class SurveyError extends Error {
  constructor(readonly code: SurveyErrorCode) {
    super(code);
    this.name = 'SurveyError';
  }
}

/**
 * The actor name of a survey's history row. Whoever holds the private link can answer, so the row
 * records the customer's role, not a person's name (the timeline then shows the role once).
 */
export const surveyActorName = '客户';

/** Ratings at or below this queue a 'low_satisfaction' notice to the customer manager. */
export const lowSatisfaction = 2;

/**
 * Records the customer's satisfaction survey, reached by the private tracking link: one history
 * row ('survey', from = to = the current state, actor 'customer', customer-visible), the
 * version bump, complaints.satisfaction, and for a low rating a notice to the customer manager
 * — in one transaction, with the form locked. One rating per round of handling (a reopened and
 * handled-again form may be rated again). Not a workflow event: the state does not change, and
 * staff reopen the form themselves when the customer is dissatisfied (the low rating alerts the
 * customer manager, or the desk when the form has none).
 *
 * A late rating (after the desk's follow-up call recorded satisfaction) is recorded beside the
 * follow-up — in its own history row, shown as the customer's rating — never over it:
 * complaints.satisfaction stays what the follow-up recorded.
 */
export async function recordSurvey(rawInput: SurveyInput, now = new Date(), db?: Db): Promise<{ complaint: Complaint; eventId: number }> {
  db ??= await getDb();
  const parsed = surveySchema.safeParse(rawInput);
  if (!parsed.success) {
    // A NUL or control character in the comment has its own message (naming the comment field).
    const comment = fieldErrorsOf(parsed.error).comment ?? [];
    throw new SurveyError(comment.some((m) => parseBadCharCode(m)) ? 'bad_char' : 'invalid_input');
  }
  const { token, rating, comment } = parsed.data;
  const { complaint, eventId } = await changeForm(db, { key: { trackingToken: token }, who: { customer: true }, now }, async (tx, form) => {
    const history = await tx
      .select({ type: complaintEvents.type, version: complaintEvents.version, payload: complaintEvents.payload })
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, form.id))
      .orderBy(asc(complaintEvents.version));
    const availability = surveyAvailability(form.status, history);
    if (!availability.open) {
      throw new SurveyError(availability.given !== undefined ? 'already_rated' : closedStates.includes(form.status as State) ? 'closed' : 'not_open');
    }
    const late = followUpRecorded(history);
    return {
      set: late ? undefined : { satisfaction: rating },
      event: { type: 'survey', actor: { id: null, role: 'customer', name: surveyActorName }, payload: { rating, ...(comment ? { comment } : {}) }, customerVisible: true },
      notices: rating <= lowSatisfaction ? [{ audience: 'customer_manager', template: 'low_satisfaction', message: comment }] : [],
    };
  }).catch((err: unknown) => {
    // A token that names no form: the page's own "not found".
    if (err instanceof CommandError && err.code === 'not_found') throw new SurveyError('not_found');
    throw err;
  });
  return { complaint, eventId: eventId! };
}
