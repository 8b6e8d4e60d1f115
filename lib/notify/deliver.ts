import 'server-only';
import type { Database } from '@/db/client';
import { loadTimeZone } from '@/lib/complaints/settings';
import { renderTemplate, UnknownTemplateError, type NotificationPayload } from './templates';
import { NOT_SENT, PermanentDeliveryError, type MessageAttachment, type Transports } from './transports';
import { replyAddress } from '@/lib/channels/mail/reply-token';
import { reportAttachment } from '@/lib/documents/read';

/**
 * Outbox delivery.
 *
 * Rows of `notifications` are written by the command layer in the same transaction as the
 * event that caused them. This module claims due rows and sends them. Exactly-once towards the
 * provider (as far as any outbox can promise it) rests on the claim, not on the job runner:
 *
 * - one UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED) moves due rows to 'sending', bumps
 *   `attempts` and sets a lease (`locked_until`); concurrent callers, in this process or in
 *   other app instances on the same PostgreSQL, skip rows another caller has locked and, once
 *   it committed, no longer see them as due;
 * - the result is written only if the row is still the claim we made (status 'sending' and the
 *   same `attempts`), so a caller whose lease ran out cannot overwrite a newer claim;
 * - a row whose lease expired (the process died while sending) is claimed again; if it had
 *   already used its last attempt it becomes 'failed' instead.
 *
 * The one remaining duplicate is inherent: a provider that accepted a message while the process
 * died before recording it. Transports use timeouts well below the lease for that reason.
 */

export interface DeliverOptions {
  transports: Transports;
  /** The current time (tests). Default: the database's now(). */
  now?: Date;
  /** Attempts before a row is 'failed'. Default KESU_NOTIFY_MAX_ATTEMPTS or 5. */
  maxAttempts?: number;
  /** Rows claimed per call. Default 20. */
  batch?: number;
  /** How long a claim is held before another caller may take the row over. Default 300 s. */
  leaseSeconds?: number;
  /** Messages sent at the same time. Default 4. */
  concurrency?: number;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  /** Failed this time, queued again for a later attempt. */
  retried: number;
  /** Given up (including rows whose last attempt was interrupted). */
  failed: number;
  /** Not sent because no provider is configured for the channel ('unsent'). */
  unsent: number;
}

export const BACKOFF_BASE_SECONDS = 30;
export const BACKOFF_MAX_SECONDS = 3600;

/** Wait before the next attempt after `attempts` failed ones: 30 s, 60 s, 120 s … capped at 1 h. */
export function backoffSeconds(attempts: number): number {
  return Math.min(BACKOFF_BASE_SECONDS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_SECONDS);
}

export function defaultMaxAttempts(): number {
  const n = Number(process.env.KESU_NOTIFY_MAX_ATTEMPTS || 5);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 5;
}

interface ClaimedRow {
  id: string;
  channel: string;
  address: string | null;
  template: string;
  locale: string;
  payload: NotificationPayload | null;
  attempts: number;
}

// $1 now (null = database time), $2 max attempts
const EXPIRE_SQL = `
UPDATE notifications
   SET status = 'failed',
       locked_until = NULL,
       last_error = CASE WHEN status = 'sending'
                         THEN 'interrupted: no result recorded before the claim expired (attempt ' || attempts || ')'
                         ELSE coalesce(last_error, 'no attempts left') END
 WHERE attempts >= $2
   AND ((status = 'queued' AND next_attempt_at <= coalesce($1::timestamptz, now()))
     OR (status = 'sending' AND locked_until < coalesce($1::timestamptz, now())))`;

// $1 now, $2 lease seconds, $3 batch, $4 max attempts
const CLAIM_SQL = `
UPDATE notifications n
   SET status = 'sending',
       attempts = n.attempts + 1,
       locked_until = coalesce($1::timestamptz, now()) + make_interval(secs => $2::int)
  FROM (SELECT id
          FROM notifications
         WHERE ((status = 'queued' AND next_attempt_at <= coalesce($1::timestamptz, now()))
             OR (status = 'sending' AND locked_until < coalesce($1::timestamptz, now())))
           AND attempts < $4::int
         ORDER BY next_attempt_at
         LIMIT $3::int
           FOR UPDATE SKIP LOCKED) due
 WHERE n.id = due.id
RETURNING n.id, n.channel, n.address, n.template, n.locale, n.payload, n.attempts`;

// $1 id, $2 attempts of our claim, $3 now
const SENT_SQL = `
UPDATE notifications
   SET status = 'sent', sent_at = coalesce($3::timestamptz, now()), locked_until = NULL
 WHERE id = $1 AND status = 'sending' AND attempts = $2::int`;

// No provider for the channel: nothing was handed over, so the row says so and is not retried
// (the admin queues it again from the outbox once a provider is configured).
// $1 id, $2 attempts of our claim
const UNSENT_SQL = `
UPDATE notifications
   SET status = 'unsent', locked_until = NULL, last_error = NULL
 WHERE id = $1 AND status = 'sending' AND attempts = $2::int`;

// $1 id, $2 attempts of our claim, $3 now, $4 final?, $5 back-off seconds, $6 error
const FAILED_SQL = `
UPDATE notifications
   SET status = CASE WHEN $4::boolean THEN 'failed' ELSE 'queued' END,
       next_attempt_at = CASE WHEN $4::boolean THEN next_attempt_at
                              ELSE coalesce($3::timestamptz, now()) + make_interval(secs => $5::int) END,
       locked_until = NULL,
       last_error = $6
 WHERE id = $1 AND status = 'sending' AND attempts = $2::int`;

/** Claims due outbox rows and delivers them. Safe to call concurrently from any number of processes. */
export async function deliverDueNotifications(database: Database, options: DeliverOptions): Promise<DeliveryReport> {
  const maxAttempts = options.maxAttempts ?? defaultMaxAttempts();
  const batch = options.batch ?? 20;
  const lease = options.leaseSeconds ?? 300;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const now = options.now ?? null;
  const report: DeliveryReport = { claimed: 0, sent: 0, retried: 0, failed: 0, unsent: 0 };

  const expired = await database.execute(`${EXPIRE_SQL} RETURNING id`, [now, maxAttempts]);
  report.failed += expired.length;

  const rows = (await database.execute(CLAIM_SQL, [now, lease, batch, maxAttempts])) as unknown as ClaimedRow[];
  report.claimed = rows.length;

  const timeZone = rows.length ? await loadTimeZone(database.db) : '';
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      const outcome = await deliverOne(row, options.transports, timeZone, database);
      if (outcome === 'sent') {
        await database.execute(SENT_SQL, [row.id, row.attempts, now]);
        report.sent++;
      } else if (outcome === NOT_SENT) {
        await database.execute(UNSENT_SQL, [row.id, row.attempts]);
        report.unsent++;
      } else {
        const final = outcome.permanent || row.attempts >= maxAttempts;
        await database.execute(FAILED_SQL, [
          row.id,
          row.attempts,
          now,
          final,
          backoffSeconds(row.attempts),
          outcome.error.slice(0, 2000),
        ]);
        if (final) report.failed++;
        else report.retried++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
  return report;
}

async function deliverOne(
  row: ClaimedRow,
  transports: Transports,
  timeZone: string,
  database: Database,
): Promise<'sent' | typeof NOT_SENT | { error: string; permanent: boolean }> {
  try {
    const { subject, text } = renderTemplate(row.template, row.locale, row.payload, timeZone);
    if (row.channel === 'inbox') return 'sent'; // the row itself is the staff notice
    if (row.channel !== 'email' && row.channel !== 'sms') {
      throw new PermanentDeliveryError(`unknown channel "${row.channel}"`);
    }
    if (!row.address) throw new PermanentDeliveryError(`no address for ${row.channel}`);
    const transport = transports[row.channel];
    if (!transport) return NOT_SENT;
    // A customer's e-mail names the form's reply address: an answer to it becomes a note on the form.
    const replyTo = row.channel === 'email' && typeof row.payload?.number === 'string' ? replyAddress(row.payload.number) : undefined;
    const attachments = row.channel === 'email' ? await attachmentsOf(row, database, timeZone) : undefined;
    const accepted = await transport.send({ to: row.address, subject, text, locale: row.locale, template: row.template, ...(replyTo ? { replyTo } : {}), ...(attachments ? { attachments } : {}) });
    return accepted === NOT_SENT ? NOT_SENT : 'sent';
  } catch (err) {
    const permanent = err instanceof PermanentDeliveryError || err instanceof UnknownTemplateError;
    const message = err instanceof Error ? err.message || err.name : String(err);
    return { error: message, permanent };
  }
}

/**
 * The files an e-mail carries: a scheduled round's notice names its stored report
 * (`attachReport`), built as XLSX in the recipient's language when it is sent, without the
 * entries the recipient may not read (`withhold`). A report that is gone is a permanent failure.
 */
async function attachmentsOf(row: ClaimedRow, database: Database, timeZone: string): Promise<MessageAttachment[] | undefined> {
  const payload = (row.payload ?? {}) as { attachReport?: unknown; withhold?: unknown };
  if (typeof payload.attachReport !== 'string') return undefined;
  const withhold = Array.isArray(payload.withhold) ? payload.withhold.filter((x): x is string => typeof x === 'string') : [];
  const file = await reportAttachment(database.db, payload.attachReport, row.locale, withhold, timeZone);
  if (!file) throw new PermanentDeliveryError('the stored report to attach no longer exists');
  return [file];
}
