import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaints, promises } from '@/db/schema';
import { isTrackingToken } from '@/lib/params';

export interface PublicPromise {
  what: string;
  dueAt: Date;
  /** null while open. */
  outcome: 'kept' | 'broken' | null;
}

export interface PublicProgress {
  /** When the customer last heard from us (anything customer-visible), or when the form was received. */
  lastUpdatedAt: Date;
  /** The promises recorded as customer-visible, earliest due first (never the staff's reasons or names). */
  promises: PublicPromise[];
}

/** What the tracking page adds for a private link: the last update and the visible promises. */
export async function loadPublicProgress(token: string, db?: Db): Promise<PublicProgress | null> {
  if (!isTrackingToken(token)) return null;
  const d = db ?? (await getDb());
  const [form] = await d
    .select({ id: complaints.id, last: complaints.lastCustomerUpdateAt, receivedAt: complaints.receivedAt })
    .from(complaints)
    .where(eq(complaints.trackingToken, token));
  if (!form) return null;
  const rows = await d
    .select({ what: promises.what, dueAt: promises.dueAt, outcome: promises.outcome })
    .from(promises)
    .where(and(eq(promises.complaintId, form.id), eq(promises.customerVisible, true)))
    .orderBy(asc(promises.dueAt), asc(promises.id));
  return { lastUpdatedAt: form.last ?? form.receivedAt, promises: rows.map((r) => ({ ...r, outcome: r.outcome as PublicPromise['outcome'] })) };
}
