import 'server-only';
import { and, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '@/db/client';
import { complaintParties, complaints, coverAlerts, departments, notifications, users, type Complaint } from '@/db/schema';
import { openForChange, recordChange } from '@/lib/complaints/change';
import { publicBase } from '@/lib/complaints/outbox';
import { systemActor } from '@/lib/promises/daily-progress';

/**
 * Absence cover (DESIGN §2: "nobody's leave delays a form"; issue 21). While the head of a
 * department is away (users.absent_until in the future), the department's forms being
 * investigated wait for a determination only the head signs — or the secondary handler, who may
 * stand in while the head is absent (lib/workflow/guards.ts). This job alerts the secondary at
 * once (or management, when the secondary is away too or none is named), and writes the alert
 * and who covers into the form's history; once per form, absent person and absence.
 */
export async function raiseCoverAlerts(db: Db, now = new Date(), batch = 200): Promise<number> {
  const head = alias(users, 'head');
  const due = await db
    .select({ id: complaints.id, headId: head.id, headName: head.name, absentUntil: head.absentUntil, secondaryId: departments.secondaryUserId })
    .from(complaints)
    .innerJoin(departments, eq(departments.id, complaints.departmentId))
    .innerJoin(head, eq(head.id, departments.headUserId))
    .where(
      and(
        eq(complaints.status, 'investigating'),
        gt(head.absentUntil, now),
        sql`not exists (select 1 from ${coverAlerts} a where a.complaint_id = ${complaints.id} and a.absent_user_id = ${head.id} and a.absent_until = ${head.absentUntil})`,
      ),
    )
    .limit(batch);
  let raised = 0;
  for (const row of due) {
    await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(coverAlerts)
        .values({ complaintId: row.id, absentUserId: row.headId, absentUntil: row.absentUntil!, at: now })
        .onConflictDoNothing()
        .returning();
      if (!claimed) return;
      const form = await openForChange(tx, { id: row.id }, { system: true });
      const cover = await coverFor(tx, form, row.secondaryId, now);
      if (cover) await tx.update(coverAlerts).set({ coverUserId: cover.id }).where(and(eq(coverAlerts.complaintId, row.id), eq(coverAlerts.absentUserId, row.headId), eq(coverAlerts.absentUntil, row.absentUntil!)));
      const payload = { absent: row.headName, absentUntil: row.absentUntil!.toISOString(), ...(cover ? { cover: cover.name } : {}) };
      const { eventId } = await recordChange(tx, form, {
        event: { type: 'cover_alert', actor: { ...systemActor }, payload, customerVisible: false },
        // Nobody to stand in: management, who see that the form would otherwise wait.
        notices: cover ? [] : [{ audience: 'management', template: 'cover_missing', payload: { absent: row.headName } }],
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
          payload: { number: form.number, status: form.status, absent: row.headName, ...(form.stepDueAt ? { deadline: form.stepDueAt.toISOString() } : {}), url: `${publicBase()}/complaints/${form.number}` },
        });
      }
      raised++;
    });
  }
  return raised;
}

/** The secondary handler, if active, present and not involved in the form. */
async function coverFor(tx: Tx, form: Complaint, secondaryId: string | null, now: Date) {
  if (!secondaryId) return null;
  const [u] = await tx.select().from(users).where(eq(users.id, secondaryId));
  if (!u?.active || (u.absentUntil && u.absentUntil > now)) return null;
  const [party] = await tx.select().from(complaintParties).where(and(eq(complaintParties.complaintId, form.id), eq(complaintParties.userId, u.id)));
  return party ? null : u;
}

