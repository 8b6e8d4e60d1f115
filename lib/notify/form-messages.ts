import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notifications } from '@/db/schema';

/** One message to the customer about a form, as the form page lists it (never its text: it holds the access code). */
export interface CustomerMessage {
  id: string;
  channel: string;
  template: string;
  locale: string;
  /** queued | sending | sent | unsent | failed (lib/notify/deliver.ts). */
  status: string;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * The SMS and e-mails queued for a form's customer, oldest first, so that the staff see whether
 * the customer was actually told (an 'unsent' message was never handed to a provider). The caller
 * has checked that the viewer may open the form (lib/complaints/form-view.ts).
 */
export async function customerMessagesOf(db: Db, complaintId: string): Promise<CustomerMessage[]> {
  return db
    .select({
      id: notifications.id,
      channel: notifications.channel,
      template: notifications.template,
      locale: notifications.locale,
      status: notifications.status,
      createdAt: notifications.createdAt,
      sentAt: notifications.sentAt,
    })
    .from(notifications)
    .where(and(eq(notifications.complaintId, complaintId), eq(notifications.audience, 'customer'), inArray(notifications.channel, ['sms', 'email'])))
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
}
