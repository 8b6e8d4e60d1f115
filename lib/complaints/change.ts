import 'server-only';
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { complaintEvents, complaints, type Complaint } from '@/db/schema';
import { CommandError } from './errors';
import { queueNotices, type Notice, type StepChange } from './outbox';
import { mayOpen, refuseUnseen, type Actor, type Viewer } from './access';

/**
 * The one routine that changes a form and writes its history: lock the row, check visibility
 * and version, append the history event, update the form, write what hangs off the event, queue
 * the notices — in one transaction or none of it. Every command that records history goes
 * through here (events, drafts, receipt showings, access-code reissue, survey answers,
 * evidence, and the first rows of a new form); nothing else inserts into complaint_events
 * (lib/privacy/anonymise.ts only rewrites payloads, under its own trigger rule).
 *
 * The dashboards' counters and the report's daily summaries (form_counts, report_days) follow the
 * form's UPDATE below in this same transaction, through triggers (migration 0017), so that a
 * writer outside this routine (intake's INSERT, the seed, a restore) cannot leave them wrong.
 */

/** How the form is found. */
export type FormKey = { id: string } | { number: string } | { trackingToken: string };

/** Who changes the form, and so how the visibility rule (access.ts) applies. */
export type Changer =
  /** A staff command: an involved party is refused by name, a form they may not open does not exist. */
  | { actor: Actor; siteOnly?: boolean }
  /** Staff opening something of the form (a receipt): a form they may not open, involved or not, does not exist. */
  | { viewer: Viewer }
  /** The customer, by the private link: the token is the credential. */
  | { customer: true }
  /** A scheduled job of the portal itself (the daily progress message, lib/promises): nobody's visibility applies. */
  | { system: true };

/** One row of the form's history. */
export interface HistoryEvent {
  type: string;
  /** Defaults to the form's state: most records change no state. */
  fromState?: string | null;
  toState?: string;
  actor: { id: string | null; role: string; name: string };
  payload: Record<string, unknown>;
  customerVisible: boolean;
}

export interface Change {
  /** The history row; none for a working note that is no step of the procedure (a draft). */
  event?: HistoryEvent;
  /** Columns of the form this change sets (version and updatedAt are the routine's). */
  set?: Partial<typeof complaints.$inferInsert>;
  /**
   * A record that changes nothing of the form (a receipt shown), or the first row of a new
   * form: it carries the form's current version and bumps none, so nobody's open form becomes stale.
   */
  atCurrentVersion?: boolean;
  /** What hangs off the history row (remedies, ledger, attachments, audit), written before the notices are queued; returns further notices. */
  effects?: (eventId: number | null, updated: Complaint) => Promise<Notice[] | void>;
  notices?: Notice[];
  /** The step the staff notices describe. */
  step?: StepChange;
}

/** The "someone else changed this form" refusal, naming who acted last and when. */
export async function staleVersion(tx: Tx, complaintId: string): Promise<CommandError> {
  const [last] = await tx
    .select({ actorName: complaintEvents.actorName, at: complaintEvents.at })
    .from(complaintEvents)
    // A receipt showing changed nothing: it never names the one who changed the form.
    .where(and(eq(complaintEvents.complaintId, complaintId), ne(complaintEvents.type, 'access_code_viewed')))
    .orderBy(desc(complaintEvents.version))
    .limit(1);
  return new CommandError('stale_version', { by: last?.actorName ?? '', at: last?.at.toISOString() ?? '' });
}

function where(key: FormKey) {
  if ('id' in key) return eq(complaints.id, key.id);
  if ('number' in key) return eq(complaints.number, key.number);
  return eq(complaints.trackingToken, key.trackingToken);
}

/** Locks the form and checks who may change it and that it is still the version they saw. */
export async function openForChange(tx: Tx, key: FormKey, who: Changer, expectedVersion?: number): Promise<Complaint> {
  const [form] = await tx.select().from(complaints).where(where(key)).for('update');
  if (!form) throw new CommandError('not_found');
  if ('actor' in who) await refuseUnseen(tx, who.actor, form, { siteOnly: who.siteOnly });
  else if ('viewer' in who && !(await mayOpen(tx, who.viewer, form))) throw new CommandError('not_found');
  // After the visibility check: a stale-version refusal names who acted last.
  if (expectedVersion !== undefined && form.version !== expectedVersion) throw await staleVersion(tx, form.id);
  return form;
}

/** Writes one change of a form that is locked (openForChange) or was created in this transaction. */
export async function recordChange(tx: Tx, form: Complaint, change: Change, now: Date): Promise<{ complaint: Complaint; eventId: number | null }> {
  const bumps = !!change.event && !change.atCurrentVersion;
  const version = bumps ? form.version + 1 : form.version;
  let updated = form;
  if (bumps || change.set) {
    const [row] = await tx
      .update(complaints)
      .set({ ...change.set, ...(bumps ? { version, updatedAt: now } : {}) })
      .where(and(eq(complaints.id, form.id), eq(complaints.version, form.version)))
      .returning();
    if (!row) throw new CommandError('stale_version', { by: '', at: '' });
    updated = row;
  }
  let eventId: number | null = null;
  if (change.event) {
    const e = change.event;
    const [history] = await tx
      .insert(complaintEvents)
      .values({
        complaintId: form.id,
        version,
        type: e.type,
        fromState: e.fromState === undefined ? form.status : e.fromState,
        toState: e.toState ?? updated.status,
        actorId: e.actor.id,
        actorRole: e.actor.role,
        actorName: e.actor.name,
        at: now,
        payload: e.payload,
        customerVisible: e.customerVisible,
      })
      .returning({ id: complaintEvents.id });
    eventId = history.id;
  }
  const more = (await change.effects?.(eventId, updated)) ?? [];
  const notices = [...(change.notices ?? []), ...more];
  await queueNotices(tx, updated, eventId, notices, change.step);
  return { complaint: updated, eventId };
}

export interface ChangeRequest {
  key: FormKey;
  who: Changer;
  /** The version the changer saw; anything else means someone changed the form meanwhile. */
  expectedVersion?: number;
  now: Date;
}

/** openForChange + the caller's plan for the locked form + recordChange, in one transaction. */
export async function changeForm(
  db: Db,
  req: ChangeRequest,
  plan: (tx: Tx, form: Complaint) => Promise<Change>,
): Promise<{ before: Complaint; complaint: Complaint; eventId: number | null }> {
  return db.transaction(async (tx) => {
    const before = await openForChange(tx, req.key, req.who, req.expectedVersion);
    const change = await plan(tx, before);
    return { before, ...(await recordChange(tx, before, change, req.now)) };
  });
}
