import 'server-only';
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { complaintParties, complaints, notifications, openStatesSql, promises, users } from '@/db/schema';
import { publicBase } from '@/lib/complaints/outbox';
import { warningShare } from '@/lib/complaints/alerts';

/**
 * Alerts the owner of a promise (who recorded it) at 75 % of its time and once it is due without
 * being kept, each once: the conditional UPDATE of warned_at / due_alerted_at lets one run only
 * send each, with several instances running this job. Promises on closed forms are not chased.
 * A promise first seen past its due time gets the due alert alone.
 */
export async function raisePromiseAlerts(db: Db, now = new Date(), batch = 500): Promise<{ warnings: number; due: number }> {
  const open = and(isNull(promises.outcome), sql`exists (select 1 from ${complaints} c where c.id = ${promises.complaintId} and c.status in ${openStatesSql})`);
  const dueRows = await db
    .select({ id: promises.id })
    .from(promises)
    .where(and(open, isNull(promises.dueAlertedAt), lte(promises.dueAt, now)))
    .orderBy(promises.dueAt)
    .limit(batch);
  const warnRows = await db
    .select({ id: promises.id })
    .from(promises)
    .where(
      and(
        open,
        isNull(promises.warnedAt),
        sql`${promises.dueAt} > ${now}`,
        lte(sql`${promises.madeAt} + (${promises.dueAt} - ${promises.madeAt}) * ${warningShare}`, now),
      ),
    )
    .orderBy(promises.dueAt)
    .limit(batch);
  let warnings = 0;
  let due = 0;
  for (const { id } of dueRows) {
    if (await alertOnce(db, id, 'promise_due', now)) due++;
  }
  for (const { id } of warnRows) {
    if (await alertOnce(db, id, 'promise_warning', now)) warnings++;
  }
  return { warnings, due };
}

async function alertOnce(db: Db, id: string, template: 'promise_warning' | 'promise_due', now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const column = template === 'promise_due' ? promises.dueAlertedAt : promises.warnedAt;
    const [promise] = await tx
      .update(promises)
      .set(template === 'promise_due' ? { dueAlertedAt: now, warnedAt: sql`coalesce(${promises.warnedAt}, ${now})` } : { warnedAt: now })
      .where(and(eq(promises.id, id), isNull(column), isNull(promises.outcome)))
      .returning();
    if (!promise) return false;
    await notifyOwner(tx, promise, template);
    return true;
  });
}

async function notifyOwner(tx: Tx, promise: typeof promises.$inferSelect, template: string): Promise<void> {
  const [row] = await tx
    .select({ number: complaints.number, status: complaints.status, email: users.email, locale: users.locale, active: users.active })
    .from(promises)
    .innerJoin(complaints, eq(complaints.id, promises.complaintId))
    .innerJoin(users, eq(users.id, promises.madeById))
    .where(eq(promises.id, promise.id));
  if (!row?.active) return;
  // Recorded as involved since: they hear nothing more of the form.
  const [party] = await tx
    .select({ userId: complaintParties.userId })
    .from(complaintParties)
    .where(and(eq(complaintParties.complaintId, promise.complaintId), eq(complaintParties.userId, promise.madeById)));
  if (party) return;
  await tx.insert(notifications).values({
    complaintId: promise.complaintId,
    audience: 'owner',
    recipientUserId: promise.madeById,
    channel: 'inbox',
    address: row.email,
    template,
    locale: row.locale,
    payload: { number: row.number, status: row.status, what: promise.what, deadline: promise.dueAt.toISOString(), url: `${publicBase()}/complaints/${row.number}` },
  });
}
