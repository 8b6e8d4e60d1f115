import 'server-only';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { complaintParties, departments, notifications, users, type Complaint } from '@/db/schema';
import type { NotifyAudience } from '@/lib/workflow';

export interface Notice {
  audience: NotifyAudience;
  template: string;
  message?: string;
  /** Extra template fields (e.g. a count) for this notice. */
  payload?: Record<string, unknown>;
}

export function publicBase(): string {
  return (process.env.KESU_PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, '');
}

export function trackUrl(token: string): string {
  return `${publicBase()}/track/${token}`;
}

/** What one step changed, for the staff notice: the inbox says it in the reader's language. */
export interface StepChange {
  from: string | null;
  to: string;
  /** Who did it (the actor's name, or the customer's). */
  by: string;
}

/**
 * Writes the messages of one event into the outbox, inside the event's transaction:
 * they are sent only if the event commits, and by the delivery job, never here.
 *
 * Staff get one inbox notice per step: a person reached through several audiences (the
 * customer manager who is also at the desk, a head named twice) or by several templates (a
 * state change and the GM's instruction) gets one row, the most specific template, carrying
 * what changed (from → to, by whom, the step's deadline).
 */
export async function queueNotices(tx: Tx, form: Complaint, eventId: number | null, notices: Notice[], change?: StepChange): Promise<void> {
  if (notices.length === 0) return;
  const basePayload = { number: form.number, status: form.status };
  const changePayload = change
    ? { fromState: change.from, toState: change.to, actorName: change.by, ...(form.stepDueAt ? { deadline: form.stepDueAt.toISOString() } : {}) }
    : {};
  const rows: (typeof notifications.$inferInsert)[] = [];
  const staffRows = new Map<string, typeof notifications.$inferInsert>();
  const parties = new Set(
    (await tx.select({ userId: complaintParties.userId }).from(complaintParties).where(eq(complaintParties.complaintId, form.id))).map((p) => p.userId),
  );
  for (const notice of notices) {
    if (notice.audience === 'customer') {
      const payload = {
        ...basePayload,
        trackUrl: trackUrl(form.trackingToken),
        accessCode: form.accessCode,
        message: notice.message,
        ...notice.payload,
      };
      const base = { complaintId: form.id, eventId, audience: 'customer', template: notice.template, locale: form.customerLocale, payload };
      if (form.customerEmail) rows.push({ ...base, channel: 'email', address: form.customerEmail });
      if (form.customerPhone) rows.push({ ...base, channel: 'sms', address: form.customerPhone });
      continue;
    }
    for (const user of await staffFor(tx, form, notice.audience)) {
      if (parties.has(user.id)) continue; // the person complained about hears nothing of it
      const earlier = staffRows.get(user.id);
      // A plain state change gives way to a specific notice of the same step, never the reverse.
      if (earlier && (earlier.template !== 'state_changed' || notice.template === 'state_changed')) continue;
      staffRows.set(user.id, {
        complaintId: form.id,
        eventId,
        audience: notice.audience,
        recipientUserId: user.id,
        channel: 'inbox',
        address: user.email,
        template: notice.template,
        locale: user.locale,
        payload: { ...basePayload, ...changePayload, message: notice.message, url: `${publicBase()}/complaints/${form.number}`, ...notice.payload },
      });
    }
  }
  rows.push(...staffRows.values());
  if (rows.length) await tx.insert(notifications).values(rows);
}

async function staffFor(tx: Tx, form: Complaint, audience: Exclude<NotifyAudience, 'customer'>) {
  const pick = { id: users.id, email: users.email, locale: users.locale };
  if (audience === 'customer_manager') {
    if (!form.customerManagerId) return tx.select(pick).from(users).where(and(eq(users.role, 'desk'), eq(users.siteId, form.siteId), eq(users.active, true)));
    return tx.select(pick).from(users).where(eq(users.id, form.customerManagerId));
  }
  if (audience === 'department') {
    if (!form.departmentId) return [];
    const [dept] = await tx.select().from(departments).where(eq(departments.id, form.departmentId));
    // The handler a hand-over named for this form (lib/handover) hears of it with the department's own.
    const ids = [dept?.headUserId, dept?.primaryUserId, dept?.secondaryUserId, form.handlerId].filter((x): x is string => !!x);
    return ids.length ? tx.select(pick).from(users).where(and(inArray(users.id, ids), eq(users.active, true))) : [];
  }
  return tx
    .select(pick)
    .from(users)
    .where(and(eq(users.role, audience), eq(users.active, true), or(eq(users.siteId, form.siteId), eq(users.groupWide, true))));
}

/**
 * One staff notice about each of many forms to its customer manager, in one statement: what
 * queueNotices(tx, form, null, [{ audience: 'customer_manager', template }]) writes for each
 * form (the named manager, else the site's active desk staff; never a party to the form; payload
 * number, status and url), set-based for the jobs that notify thousands of forms at once
 * (remindPendingContacts). tests/alerts/deadline-alerts.test.ts holds the two to the same rows.
 */
export async function queueManagerNotices(db: Db | Tx, complaintIds: readonly string[], template: string): Promise<void> {
  if (complaintIds.length === 0) return;
  await db.execute(sql`
    insert into notifications (complaint_id, event_id, audience, recipient_user_id, channel, address, template, locale, payload)
    select c.id, null, 'customer_manager', u.id, 'inbox', u.email, ${template}, u.locale,
           jsonb_build_object('number', c.number, 'status', c.status, 'url', ${`${publicBase()}/complaints/`} || c.number)
      from complaints c
      join users u on case when c.customer_manager_id is not null then u.id = c.customer_manager_id
                           else u.role = 'desk' and u.site_id = c.site_id and u.active end
     where c.id = any(${sql.param([...complaintIds])}::uuid[])
       and not exists (select 1 from complaint_parties p where p.complaint_id = c.id and p.user_id = u.id)`);
}
