import 'server-only';
import { and, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '@/db/client';
import { complaintParties, complaints, coverAlerts, departments, notifications, openStatesSql, users, type Complaint } from '@/db/schema';
import { openForChange, recordChange } from '@/lib/complaints/change';
import { publicBase } from '@/lib/complaints/outbox';
import { systemActor } from '@/lib/promises/daily-progress';

/**
 * Absence cover (DESIGN §2: "nobody's leave delays a form"; §3: when the owner of a step is
 * absent, the department's secondary handler and its head are alerted; issue 21). Who stands in
 * for whom:
 * - the department's **head**, while a form is being investigated (only the head signs the
 *   determination): the department's secondary handler, who may submit it in the head's place
 *   (lib/workflow/guards.ts);
 * - a form's **handler** named by a hand-over (lib/handover): the department's secondary handler,
 *   or the head when the handler is the secondary;
 * - a form's **customer manager**, while the form is open: the head of the customer-service centre.
 * This job alerts the one who covers at once (or management, when they are away too or nobody is
 * named) and writes the alert and who covers into the form's history; once per form, absent
 * person and absence (cover_alerts). The form then shows in the cover's own list, marked as
 * cover (lib/cover/queue.ts), and what they do on it is recorded as done in cover.
 */
export type CoverPosition = 'head' | 'handler' | 'customer_manager';

interface Due {
  id: string;
  absentId: string;
  absentName: string;
  absentUntil: Date;
  position: CoverPosition;
  /** Who stands in, before the checks of coverFor (present, active, not involved). */
  candidateId: string | null;
}

const absent = alias(users, 'absent');
const notAlerted = sql`not exists (select 1 from ${coverAlerts} a where a.complaint_id = ${complaints.id} and a.absent_user_id = ${absent.id} and a.absent_until = ${absent.absentUntil})`;

/** The forms whose owner is away and whose cover was not alerted yet, of the three kinds above. */
async function dueCovers(db: Db, now: Date, batch: number): Promise<Due[]> {
  const pick = { id: complaints.id, absentId: absent.id, absentName: absent.name, absentUntil: absent.absentUntil };
  const centreHead = alias(users, 'centre_head');
  const [heads, handlers, managers] = await Promise.all([
    db
      .select({ ...pick, candidateId: departments.secondaryUserId })
      .from(complaints)
      .innerJoin(departments, eq(departments.id, complaints.departmentId))
      .innerJoin(absent, eq(absent.id, departments.headUserId))
      .where(and(eq(complaints.status, 'investigating'), gt(absent.absentUntil, now), notAlerted))
      .limit(batch),
    db
      .select({
        ...pick,
        // The secondary covers the handler; the head covers the secondary.
        candidateId: sql<string | null>`case when ${departments.secondaryUserId} = ${absent.id} then ${departments.headUserId} else ${departments.secondaryUserId} end`,
      })
      .from(complaints)
      .innerJoin(departments, eq(departments.id, complaints.departmentId))
      .innerJoin(absent, eq(absent.id, complaints.handlerId))
      .where(and(sql`${complaints.status} in ${openStatesSql}`, isNotNull(complaints.handlerId), gt(absent.absentUntil, now), notAlerted))
      .limit(batch),
    db
      .select({ ...pick, candidateId: sql<string | null>`(${db.select({ id: centreHead.id }).from(centreHead).where(and(eq(centreHead.siteId, complaints.siteId), eq(centreHead.centreHead, true), eq(centreHead.active, true), eq(centreHead.role, 'desk'), sql`${centreHead.id} <> ${absent.id}`)).orderBy(centreHead.name).limit(1)})` })
      .from(complaints)
      .innerJoin(absent, eq(absent.id, complaints.customerManagerId))
      .where(and(sql`${complaints.status} in ${openStatesSql}`, gt(absent.absentUntil, now), notAlerted))
      .limit(batch),
  ]);
  const of = (position: CoverPosition) => (r: Omit<Due, 'position' | 'absentUntil'> & { absentUntil: Date | null }): Due => ({ ...r, absentUntil: r.absentUntil!, position });
  return [...heads.map(of('head')), ...handlers.map(of('handler')), ...managers.map(of('customer_manager'))];
}

export async function raiseCoverAlerts(db: Db, now = new Date(), batch = 200): Promise<number> {
  let raised = 0;
  for (const row of await dueCovers(db, now, batch)) {
    await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(coverAlerts)
        .values({ complaintId: row.id, absentUserId: row.absentId, absentUntil: row.absentUntil, at: now })
        .onConflictDoNothing()
        .returning();
      if (!claimed) return;
      const form = await openForChange(tx, { id: row.id }, { system: true });
      const cover = await coverFor(tx, form, row.candidateId, now);
      if (cover) await tx.update(coverAlerts).set({ coverUserId: cover.id }).where(and(eq(coverAlerts.complaintId, row.id), eq(coverAlerts.absentUserId, row.absentId), eq(coverAlerts.absentUntil, row.absentUntil)));
      const payload = { position: row.position, absent: row.absentName, absentUntil: row.absentUntil.toISOString(), ...(cover ? { cover: cover.name } : {}) };
      const { eventId } = await recordChange(tx, form, {
        event: { type: 'cover_alert', actor: { ...systemActor }, payload, customerVisible: false },
        // Nobody to stand in: management, who see that the form would otherwise wait.
        notices: cover ? [] : [{ audience: 'management', template: 'cover_missing', payload: { absent: row.absentName, position: row.position } }],
      }, now);
      if (cover) {
        await tx.insert(notifications).values({
          complaintId: form.id,
          eventId,
          audience: 'cover',
          recipientUserId: cover.id,
          channel: 'inbox',
          address: cover.email,
          template: 'cover_alert',
          locale: cover.locale,
          payload: { number: form.number, status: form.status, absent: row.absentName, position: row.position, ...(form.stepDueAt ? { deadline: form.stepDueAt.toISOString() } : {}), url: `${publicBase()}/complaints/${form.number}` },
        });
      }
      raised++;
    });
  }
  return raised;
}

/** The one who stands in, if active, present and not involved in the form. */
async function coverFor(tx: Tx, form: Complaint, candidateId: string | null, now: Date) {
  if (!candidateId) return null;
  const [u] = await tx.select().from(users).where(eq(users.id, candidateId));
  if (!u?.active || (u.absentUntil && u.absentUntil > now)) return null;
  const [party] = await tx.select().from(complaintParties).where(and(eq(complaintParties.complaintId, form.id), eq(complaintParties.userId, u.id)));
  return party ? null : u;
}
