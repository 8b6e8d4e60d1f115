import 'server-only';
import { and, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { alertStatesSql, complaints, deadlineAlerts, pendingItems } from '@/db/schema';
import { stateOwner, type NotifyAudience, type State } from '@/lib/workflow';
import { queueManagerNotices, queueNotices, type Notice } from './outbox';

/** Share of a step's time after which its owners are warned (DESIGN §3). */
export const warningShare = 0.75;

const ownerAudience: Partial<Record<string, NotifyAudience>> = {
  desk: 'customer_manager',
  department: 'department',
  management: 'management',
  gm: 'gm',
};

function ownersOf(state: State): NotifyAudience[] {
  return stateOwner[state].map((role) => ownerAudience[role]).filter((a): a is NotifyAudience => !!a);
}

/**
 * Warns the owners of a step (for a department: its head and handlers, so the secondary can
 * step in) once 75 % of its time is used, and tells management once it is overdue. Each alert
 * is raised once per visit of a state, even with several instances running this job.
 */
export async function raiseDeadlineAlerts(db: Db, now = new Date(), batch = 500): Promise<{ warnings: number; overdue: number }> {
  const candidates = await db
    .select()
    .from(complaints)
    .where(
      and(
        // Literal, as in the predicate of complaints_alert_idx.
        sql`${complaints.status} in ${alertStatesSql}`,
        isNotNull(complaints.stepDueAt),
        // Past the warning point: entered + 75 % × (due − entered) ≤ now.
        lte(
          sql`${complaints.stateEnteredAt} + (${complaints.stepDueAt} - ${complaints.stateEnteredAt}) * ${warningShare}`,
          now,
        ),
        // Not yet raised for this visit of the state.
        sql`not exists (select 1 from ${deadlineAlerts} a where a.complaint_id = ${complaints.id}
          and a.state_entered_at = ${complaints.stateEnteredAt}
          and a.kind = case when ${complaints.stepDueAt} <= ${now} then 'overdue' else 'warning' end)`,
      ),
    )
    .orderBy(complaints.stepDueAt)
    .limit(batch);
  let warnings = 0;
  let overdue = 0;
  for (const form of candidates) {
    const kind = form.stepDueAt! <= now ? 'overdue' : 'warning';
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(deadlineAlerts)
        .values({ complaintId: form.id, stateEnteredAt: form.stateEnteredAt, kind, at: now })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) return;
      const owners = ownersOf(form.status as State);
      const notices: Notice[] =
        kind === 'warning'
          ? owners.map((audience) => ({ audience, template: 'deadline_warning' }))
          : [...new Set<NotifyAudience>(['management', ...owners])].map((audience) => ({ audience, template: 'overdue' }));
      await queueNotices(tx, form, null, notices);
      if (kind === 'warning') warnings++;
      else overdue++;
    });
  }
  return { warnings, overdue };
}

/**
 * The monthly contact round (the 4th): each customer manager is told which pending items of
 * theirs are due for a call. Run once a month by the job runner; the notice lands in their inbox.
 * It writes notices only (no history row: nothing about the form changes).
 */
const roundBatch = 1000;

export async function remindPendingContacts(db: Db, today: string): Promise<number> {
  const due = await db
    .select({ complaintId: pendingItems.complaintId })
    .from(pendingItems)
    .innerJoin(complaints, eq(complaints.id, pendingItems.complaintId))
    .where(and(isNull(pendingItems.closedAt), lte(pendingItems.nextContactOn, today), eq(complaints.status, 'pending')))
    .orderBy(pendingItems.complaintId);
  // One INSERT … SELECT per thousand items: a call per item took 92 s (one commit each), then
  // 8.9 s (500 a transaction) for 10,000 items at a million forms (npm run bench). A failure
  // leaves the batches before it written.
  for (let i = 0; i < due.length; i += roundBatch) {
    await queueManagerNotices(db, due.slice(i, i + roundBatch).map((d) => d.complaintId), 'ledger_round');
  }
  return due.length;
}
