import 'server-only';
/**
 * The crisis flag (DESIGN §2a: a public-opinion or legal risk), a stored field of the form. It is
 * set at intake (the desk's choice, or the screening of a customer's own words: the web form and
 * every social-media complaint) or later by the desk, and cleared by the desk, always with a
 * reason and a history row ('crisis_flagged' / 'crisis_cleared', through the one change routine).
 *
 * A crisis form is urgent (its deadlines follow), and the GM, management and the centre's head
 * are told at once, in their inbox and by e-mail, once per form however often it is flagged
 * (`crisis_alerted_at`). The history row of a flag is also the webhook event
 * 'form.crisis_flagged' (the trigger of migration 0025).
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { complaintParties, notifications, users, type Complaint } from '@/db/schema';
import { severityDeadlines, type BusinessCalendar, type SlaPolicy } from '@/lib/workflow';
import { changeForm, recordChange, type Change, type HistoryEvent } from '@/lib/complaints/change';
import { CommandError } from '@/lib/complaints/errors';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { setCrisisSchema, type SetCrisisArgs } from './crisis-schema';
import { publicBase } from '@/lib/complaints/outbox';
import { loadCalendar, loadSlaPolicy } from '@/lib/complaints/settings';
import type { CommandActor } from '@/lib/complaints/commands';
import { loadTriageSettings } from './settings';

export { crisisRoles, setCrisisSchema } from './crisis-schema';

/** Who sets a flag, and why: the desk's reason, or the screening's signals and confidence. */
export type CrisisSource =
  | { by: 'staff'; reason: string }
  | { by: 'screening'; signals: string[]; confidence: number };

/**
 * The GM, management (of the form's site or group-wide) and the centre's head (the admin's
 * setting; without one, the site's desk) — active, and never a person the complaint is about.
 */
async function crisisRecipients(tx: Tx, form: Complaint) {
  const { centreHeadUserId } = await loadTriageSettings(tx);
  const pick = { id: users.id, email: users.email, locale: users.locale };
  const siteOrGroup = or(eq(users.siteId, form.siteId), eq(users.groupWide, true));
  const rows = await tx
    .select(pick)
    .from(users)
    .where(
      and(
        eq(users.active, true),
        or(
          and(inArray(users.role, ['gm', 'management']), siteOrGroup),
          centreHeadUserId ? eq(users.id, centreHeadUserId) : and(eq(users.role, 'desk'), eq(users.siteId, form.siteId)),
        ),
      ),
    );
  const parties = new Set((await tx.select({ userId: complaintParties.userId }).from(complaintParties).where(eq(complaintParties.complaintId, form.id))).map((p) => p.userId));
  return rows.filter((r) => !parties.has(r.id));
}

/** The inbox notice and the e-mail of each recipient, queued in the flag's transaction. */
async function queueCrisisAlert(tx: Tx, form: Complaint, eventId: number | null, source: CrisisSource): Promise<void> {
  const recipients = await crisisRecipients(tx, form);
  const payload = {
    number: form.number,
    status: form.status,
    url: `${publicBase()}/complaints/${form.number}`,
    ...(source.by === 'staff' ? { reason: source.reason } : { screened: 'yes' }),
  };
  const rows: (typeof notifications.$inferInsert)[] = recipients.flatMap((u) => {
    const base = { complaintId: form.id, eventId, audience: 'crisis', recipientUserId: u.id, template: 'crisis_flagged', locale: u.locale, payload, address: u.email };
    return [{ ...base, channel: 'inbox' }, ...(u.email ? [{ ...base, channel: 'email' }] : [])];
  });
  if (rows.length) await tx.insert(notifications).values(rows);
}

/** The change that flags a form: urgent (deadlines from its receipt), the history row, the alert if none was sent yet. */
export function flagChange(form: Complaint, actor: HistoryEvent['actor'], source: CrisisSource, now: Date, policy: SlaPolicy, calendar: BusinessCalendar, tx: Tx): Change {
  const alert = form.crisisAlertedAt === null;
  const urgent =
    form.severity === 'urgent'
      ? {}
      : (() => {
          const d = severityDeadlines('urgent', form.receivedAt, policy, calendar);
          return { severity: 'urgent', responseDueAt: d.responseDueAt, resolutionDueAt: new Date(d.resolutionDueAt.getTime() + form.pausedMs) };
        })();
  return {
    set: { crisis: true, ...urgent, ...(alert ? { crisisAlertedAt: now } : {}) },
    event: {
      type: 'crisis_flagged',
      actor,
      payload: source.by === 'staff' ? { reason: source.reason } : { screened: true, signals: source.signals, confidence: source.confidence },
      customerVisible: false,
    },
    effects: async (eventId, updated) => {
      if (alert) await queueCrisisAlert(tx, updated, eventId, source);
    },
  };
}

/** Flags a form created in this transaction (createComplaint): returns the form as updated. */
export async function flagAtIntake(tx: Tx, form: Complaint, actor: HistoryEvent['actor'], source: CrisisSource, now: Date, policy: SlaPolicy, calendar: BusinessCalendar): Promise<Complaint> {
  const { complaint } = await recordChange(tx, form, flagChange(form, actor, source, now, policy, calendar, tx), now);
  return complaint;
}


/** The desk sets or clears the flag with a reason. Setting an already flagged form (or clearing a clear one) is refused. */
export async function setCrisis(actor: CommandActor, input: SetCrisisArgs, db?: Db, now = new Date()) {
  const parsed = setCrisisSchema.safeParse(input);
  if (!parsed.success) throw new CommandError('invalid_input', {}, fieldErrorsOf(parsed.error));
  const { reason, ...args } = parsed.data;
  const d = db ?? (await getDb());
  const [policy, calendar] = await Promise.all([loadSlaPolicy(d), loadCalendar(d)]);
  const who = { id: actor.id, role: actor.role, name: actor.name };
  return changeForm(d, { key: { id: args.complaintId }, who: { actor }, expectedVersion: args.expectedVersion, now }, async (tx, form) => {
    if (form.crisis === args.crisis) throw new CommandError('wrong_state');
    if (args.crisis) return flagChange(form, who, { by: 'staff', reason }, now, policy, calendar, tx);
    return { set: { crisis: false }, event: { type: 'crisis_cleared', actor: who, payload: { reason }, customerVisible: false } };
  });
}
