import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaintParties, notifications } from '@/db/schema';
import { renderTemplate, type NotificationPayload } from './templates';

export interface InboxNotice {
  id: string;
  at: Date;
  template: string;
  number: string | null;
  subject: string;
  text: string;
}

/** A staff member's in-app notices (the outbox's `inbox` channel), newest first, in their language. */
export async function listInbox(userId: string, locale: string, limit = 50, db?: Db): Promise<InboxNotice[]> {
  const d = db ?? (await getDb());
  const rows = await d
    .select({ id: notifications.id, at: notifications.createdAt, template: notifications.template, payload: notifications.payload })
    .from(notifications)
    .where(
      and(
        eq(notifications.recipientUserId, userId),
        eq(notifications.channel, 'inbox'),
        // Nothing about a form this person is involved in (recorded after the notice was queued, too).
        sql`not exists (select 1 from ${complaintParties} where ${complaintParties.complaintId} = ${notifications.complaintId} and ${complaintParties.userId} = ${userId})`,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  return rows.flatMap((row) => {
    const payload = row.payload as NotificationPayload;
    try {
      const { subject, text } = renderTemplate(row.template, locale, payload);
      return [{ id: row.id, at: row.at, template: row.template, number: typeof payload.number === 'string' ? payload.number : null, subject, text }];
    } catch {
      return []; // a template this version no longer has
    }
  });
}
