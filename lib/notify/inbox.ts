import 'server-only';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaintParties, notifications } from '@/db/schema';
import { loadTimeZone } from '@/lib/complaints/settings';
import { isTemplateName, renderTemplate, templateShows, type NotificationPayload } from './templates';

export interface InboxNotice {
  id: string;
  at: Date;
  template: string;
  number: string | null;
  subject: string;
  text: string;
  read: boolean;
  /** The template's own text already states the step deadline (so the change line leaves it out). */
  deadlineInText: boolean;
  /** What the step changed (absent on notices that are not about a step, e.g. a summary). */
  change: { from: string | null; to: string; by: string | null; deadline: Date | null } | null;
}

/** Nothing about a form this person is involved in (recorded after the notice was queued, too). */
const notInvolved = (userId: string) =>
  sql`not exists (select 1 from ${complaintParties} where ${complaintParties.complaintId} = ${notifications.complaintId} and ${complaintParties.userId} = ${userId})`;

/** A staff member's in-app notices (the outbox's `inbox` channel), newest first, in their language. */
export async function listInbox(userId: string, locale: string, limit = 50, db?: Db): Promise<InboxNotice[]> {
  const d = db ?? (await getDb());
  const rows = await d
    .select({ id: notifications.id, at: notifications.createdAt, template: notifications.template, payload: notifications.payload, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.recipientUserId, userId), eq(notifications.channel, 'inbox'), notInvolved(userId)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  const timeZone = await loadTimeZone(d);
  return rows.flatMap((row) => {
    const payload = row.payload as NotificationPayload;
    try {
      const { subject, text } = renderTemplate(row.template, locale, payload, timeZone);
      const to = typeof payload.toState === 'string' ? payload.toState : null;
      const deadline = typeof payload.deadline === 'string' ? new Date(payload.deadline) : null;
      return [
        {
          id: row.id,
          at: row.at,
          template: row.template,
          number: typeof payload.number === 'string' ? payload.number : null,
          subject,
          text,
          read: row.readAt !== null,
          deadlineInText: isTemplateName(row.template) && templateShows(row.template, 'deadline') && !!payload.deadline,
          change: to
            ? {
                from: typeof payload.fromState === 'string' ? payload.fromState : null,
                to,
                by: typeof payload.actorName === 'string' ? payload.actorName : null,
                deadline: deadline && !Number.isNaN(deadline.getTime()) ? deadline : null,
              }
            : null,
        },
      ];
    } catch {
      return []; // a template this version no longer has
    }
  });
}

/** The navigation shows "99+" past this: counting stops there, so the cost stays bounded. */
export const UNREAD_COUNT_CAP = 99;

/**
 * Unread notices of one person, counted up to UNREAD_COUNT_CAP + 1. Runs on every staff page:
 * it reads only the partial index notifications_unread_idx (unread inbox rows of the person),
 * and at most CAP + 1 of them, however many forms and notices the database holds.
 */
export async function countUnread(userId: string, db?: Db): Promise<number> {
  const d = db ?? (await getDb());
  const unread = d
    .select({ one: sql`1` })
    .from(notifications)
    .where(and(eq(notifications.recipientUserId, userId), eq(notifications.channel, 'inbox'), isNull(notifications.readAt), notInvolved(userId)))
    .limit(UNREAD_COUNT_CAP + 1)
    .as('unread');
  const [row] = await d.select({ n: sql<number>`count(*)::int` }).from(unread);
  return row?.n ?? 0;
}

/**
 * Marks the person's own notices read: the given ones, or all of them. Rows of anybody else
 * are untouched whatever ids are passed. Returns how many changed.
 */
export async function markInboxRead(userId: string, ids: string[] | 'all', now = new Date(), db?: Db): Promise<number> {
  const d = db ?? (await getDb());
  if (ids !== 'all' && ids.length === 0) return 0;
  const updated = await d
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.recipientUserId, userId),
        eq(notifications.channel, 'inbox'),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    )
    .returning({ id: notifications.id });
  return updated.length;
}
