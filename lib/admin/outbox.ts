import 'server-only';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaints, notifications, users } from '@/db/schema';
import { renderTemplate, type NotificationPayload } from '@/lib/notify';
import { loadTimeZone } from '@/lib/complaints/settings';
import { recordAudit } from './audit';
import { AdminError } from './errors';
import type { NotificationStatus } from './schemas';
import { isPgTimestamp, isUuid } from '@/lib/params';

export interface OutboxFilter {
  status?: NotificationStatus;
  channel?: string;
  /** The `next` cursor of the previous page. */
  cursor?: string;
  limit?: number;
}

export interface OutboxRow {
  id: string;
  createdAt: Date;
  complaintNumber: string | null;
  audience: string;
  channel: string;
  /** The address, or the staff member's name for the inbox. */
  recipient: string | null;
  recipientName: string | null;
  address: string | null;
  template: string;
  locale: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  /** The message as the transport sends it; null when the template is unknown. */
  rendered: { subject: string; text: string } | null;
}

export interface OutboxPage {
  rows: OutboxRow[];
  /** Cursor of the next page, or null on the last page. */
  next: string | null;
}

// The cursor carries created_at as PostgreSQL prints it (microseconds and offset), so that
// the keyset comparison is exact: a JavaScript Date would cut it to milliseconds.
const CURSOR_RE = /^(\d{4}-\d{2}-\d{2}[ T][\d:.]+(?:[+-]\d{2}(?::?\d{2})?|Z)?)\|([0-9a-f-]{36})$/i;

export function encodeCursor(createdAtText: string, id: string): string {
  return Buffer.from(`${createdAtText}|${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  let text: string;
  try {
    text = Buffer.from(cursor, 'base64url').toString('utf8');
  } catch {
    return null;
  }
  const m = CURSOR_RE.exec(text);
  return m && isPgTimestamp(m[1]) && isUuid(m[2]) ? { createdAt: m[1], id: m[2] } : null;
}

/** Every notification, newest first (created_at desc, id desc), keyset-paginated. */
export async function listNotifications(filter: OutboxFilter = {}, db?: Db): Promise<OutboxPage> {
  db ??= await getDb();
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const where: SQL[] = [];
  if (filter.status) where.push(eq(notifications.status, filter.status));
  if (filter.channel) where.push(eq(notifications.channel, filter.channel));
  const cursor = filter.cursor ? decodeCursor(filter.cursor) : null;
  if (cursor) {
    where.push(sql`(${notifications.createdAt}, ${notifications.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`);
  }
  const rows = await db
    .select({
      id: notifications.id,
      createdAt: notifications.createdAt,
      createdAtText: sql<string>`${notifications.createdAt}::text`,
      complaintNumber: complaints.number,
      audience: notifications.audience,
      channel: notifications.channel,
      address: notifications.address,
      recipientName: users.name,
      template: notifications.template,
      locale: notifications.locale,
      payload: notifications.payload,
      status: notifications.status,
      attempts: notifications.attempts,
      nextAttemptAt: notifications.nextAttemptAt,
      lastError: notifications.lastError,
      sentAt: notifications.sentAt,
    })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.recipientUserId))
    .leftJoin(complaints, eq(complaints.id, notifications.complaintId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const timeZone = await loadTimeZone(db);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ createdAtText: _, payload, ...r }) => {
      const { masked, secrets } = maskPayload(payload as NotificationPayload | null);
      const rendered = render(r.template, r.locale, masked, timeZone);
      return {
        ...r,
        lastError: r.lastError === null ? null : maskText(r.lastError, secrets),
        recipient: r.address ?? r.recipientName,
        rendered: rendered && { subject: maskText(rendered.subject, secrets), text: maskText(rendered.text, secrets) },
      };
    }),
    next: rows.length > limit && last ? encodeCursor(last.createdAtText, last.id) : null,
  };
}

// The customer's access code and private link are credentials: only the desk hands them out and
// every showing is recorded (lib/complaints/receipt.ts). The outbox shows that a message carried
// them, never their value — not in the text, not in a transport's error echoing it.
export const SECRET_MASK = '••••••';
const trackLinkRe = /(\/track\/)[A-Za-z0-9_-]{8,}/g;

function maskPayload(payload: NotificationPayload | null): { masked: NotificationPayload | null; secrets: string[] } {
  if (!payload) return { masked: payload, secrets: [] };
  const token = typeof payload.trackUrl === 'string' ? /\/track\/([A-Za-z0-9_-]+)/.exec(payload.trackUrl)?.[1] : undefined;
  const secrets = [payload.accessCode, token].filter((s): s is string => typeof s === 'string' && s.length >= 6);
  const masked = { ...payload };
  if (typeof masked.accessCode === 'string') masked.accessCode = SECRET_MASK;
  if (typeof masked.trackUrl === 'string') masked.trackUrl = masked.trackUrl.replace(trackLinkRe, `$1${SECRET_MASK}`);
  return { masked, secrets };
}

/** The text with every known secret and any private tracking link replaced by the mask. */
export function maskText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(SECRET_MASK);
  return out.replace(trackLinkRe, `$1${SECRET_MASK}`);
}

function render(template: string, locale: string, payload: NotificationPayload | null, timeZone: string) {
  try {
    return renderTemplate(template, locale, payload, timeZone);
  } catch {
    return null;
  }
}

/** Counts per status, for the filter. */
export async function countNotificationsByStatus(db?: Db): Promise<Record<string, number>> {
  db ??= await getDb();
  const rows = await db
    .select({ status: notifications.status, n: sql<number>`count(*)::int` })
    .from(notifications)
    .groupBy(notifications.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Statuses the admin may queue again: given up, or never sent for want of a provider. */
export const retryableStatuses = ['failed', 'unsent'] as const;

/**
 * Puts a failed or unsent notification back in the queue: due now, with a fresh set of attempts
 * (an unsent one goes out once a provider is configured).
 */
export async function retryNotification(id: string, now?: Date, actorId: string | null = null, db?: Db): Promise<void> {
  db ??= await getDb();
  const retried = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: notifications.status })
      .from(notifications)
      .where(and(eq(notifications.id, id), inArray(notifications.status, [...retryableStatuses])))
      .for('update');
    if (!current) return false;
    const updated = await tx
      .update(notifications)
      .set({ status: 'queued', attempts: 0, nextAttemptAt: now ?? sql`now()`, lockedUntil: null })
      .where(eq(notifications.id, id))
      .returning({ id: notifications.id, template: notifications.template, channel: notifications.channel });
    await recordAudit(tx, {
      actorUserId: actorId,
      action: 'notification.retry',
      targetType: 'notification',
      targetId: id,
      targetLabel: `${updated[0].template} · ${updated[0].channel}`,
      before: { status: current.status },
      after: { status: 'queued' },
    });
    return true;
  });
  if (retried) return;
  const [exists] = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.id, id));
  throw new AdminError(exists ? 'not_retryable' : 'not_found');
}
