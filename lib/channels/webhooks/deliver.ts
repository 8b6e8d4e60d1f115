import 'server-only';
import type { Database } from '@/db/client';
import { log } from '@/lib/log';
import { checkWebhookUrl } from './address';
import { webhookHeaders } from './sign';
import { wecomBody } from './wecom';

/**
 * Webhook delivery: claims due rows of `webhook_deliveries` and POSTs them. The same claim as the
 * notification outbox (lib/notify/deliver.ts): one UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED)
 * moves due rows to 'sending' with a lease, so two app instances never send one row at the same
 * time, and a result is recorded only while the row is still our claim (same `attempts`).
 * An endpoint answering 2xx is done; anything else is retried with back-off (30 s, 1 min, 2 min …
 * capped at 6 h) up to `maxAttempts`, then 'failed' (the admin can send it again).
 * `webhook-id` is the delivery's id, the same on every attempt: receivers dedupe on it.
 */

export interface WebhookDeliverOptions {
  now?: Date;
  maxAttempts?: number;
  batch?: number;
  leaseSeconds?: number;
  /** Per request; well below the lease. Default 10 s. */
  timeoutMs?: number;
}

export interface WebhookReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

export function webhookBackoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 6 * 3600);
}

export function webhookMaxAttempts(): number {
  const n = Number(process.env.KESU_WEBHOOK_MAX_ATTEMPTS || 8);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 8;
}

// $1 now, $2 max attempts
const EXPIRE_SQL = `
UPDATE webhook_deliveries
   SET status = 'failed', locked_until = NULL,
       last_error = CASE WHEN status = 'sending' THEN 'interrupted: no result recorded before the claim expired' ELSE coalesce(last_error, 'no attempts left') END
 WHERE attempts >= $2
   AND ((status = 'queued' AND next_attempt_at <= coalesce($1::timestamptz, now()))
     OR (status = 'sending' AND locked_until < coalesce($1::timestamptz, now())))
RETURNING id`;

// $1 now, $2 lease seconds, $3 batch, $4 max attempts
const CLAIM_SQL = `
UPDATE webhook_deliveries d
   SET status = 'sending', attempts = d.attempts + 1,
       locked_until = coalesce($1::timestamptz, now()) + make_interval(secs => $2::int)
  FROM (SELECT id FROM webhook_deliveries
         WHERE ((status = 'queued' AND next_attempt_at <= coalesce($1::timestamptz, now()))
             OR (status = 'sending' AND locked_until < coalesce($1::timestamptz, now())))
           AND attempts < $4::int
         ORDER BY next_attempt_at
         LIMIT $3::int
           FOR UPDATE SKIP LOCKED) due, webhook_endpoints e
 WHERE d.id = due.id AND e.id = d.endpoint_id
RETURNING d.id, d.body, d.attempts, d.event_type, e.url, e.kind, e.secret, e.allow_private, e.active`;

// $1 id, $2 attempts, $3 now, $4 http status
const SENT_SQL = `
UPDATE webhook_deliveries
   SET status = 'sent', sent_at = coalesce($3::timestamptz, now()), locked_until = NULL, last_status = $4, last_error = NULL
 WHERE id = $1 AND status = 'sending' AND attempts = $2::int`;

// $1 id, $2 attempts, $3 now, $4 final, $5 back-off seconds, $6 status, $7 error
const FAILED_SQL = `
UPDATE webhook_deliveries
   SET status = CASE WHEN $4::boolean THEN 'failed' ELSE 'queued' END,
       next_attempt_at = CASE WHEN $4::boolean THEN next_attempt_at ELSE coalesce($3::timestamptz, now()) + make_interval(secs => $5::int) END,
       locked_until = NULL, last_status = $6, last_error = $7
 WHERE id = $1 AND status = 'sending' AND attempts = $2::int`;

interface Claimed {
  id: string;
  body: string;
  attempts: number;
  event_type: string;
  url: string;
  kind: string;
  secret: string;
  allow_private: boolean;
  active: boolean;
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string; permanent: boolean };

export async function deliverDueWebhooks(database: Database, options: WebhookDeliverOptions = {}): Promise<WebhookReport> {
  const maxAttempts = options.maxAttempts ?? webhookMaxAttempts();
  const now = options.now ?? null;
  const report: WebhookReport = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  report.failed += (await database.execute(EXPIRE_SQL, [now, maxAttempts])).length;
  const rows = (await database.execute(CLAIM_SQL, [now, options.leaseSeconds ?? 120, options.batch ?? 20, maxAttempts])) as unknown as Claimed[];
  report.claimed = rows.length;
  await Promise.all(
    rows.map(async (row) => {
      const outcome = await sendOne(row, options.timeoutMs ?? 10_000, options.now ?? new Date());
      if (outcome.ok) {
        await database.execute(SENT_SQL, [row.id, row.attempts, now, outcome.status]);
        report.sent++;
        return;
      }
      const final = outcome.permanent || row.attempts >= maxAttempts;
      await database.execute(FAILED_SQL, [row.id, row.attempts, now, final, webhookBackoffSeconds(row.attempts), outcome.status, outcome.error.slice(0, 1000)]);
      if (final) report.failed++;
      else report.retried++;
      log.warn({ delivery: row.id, status: outcome.status, error: outcome.error, final }, 'webhooks: delivery failed');
    }),
  );
  return report;
}

async function sendOne(row: Claimed, timeoutMs: number, now: Date): Promise<Outcome> {
  if (!row.active) return { ok: false, status: null, error: 'endpoint disabled', permanent: true };
  const problem = await checkWebhookUrl(row.url, row.allow_private);
  if (problem) return { ok: false, status: null, error: problem, permanent: problem !== 'unresolvable' };
  const body = row.kind === 'wecom' ? JSON.stringify(wecomBody(row.body)) : row.body;
  const headers = row.kind === 'wecom' ? { 'content-type': 'application/json' } : webhookHeaders(row.secret, `msg_${row.id}`, body, now);
  try {
    const res = await fetch(row.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text().catch(() => '');
    if (res.status < 200 || res.status >= 300) return { ok: false, status: res.status, error: `HTTP ${res.status} ${text.slice(0, 200)}`.trim(), permanent: false };
    // A WeCom robot answers 200 with {"errcode": n} when it refuses the message.
    if (row.kind === 'wecom') {
      const errcode = safeJson(text)?.errcode;
      if (typeof errcode === 'number' && errcode !== 0) return { ok: false, status: res.status, error: `WeCom errcode ${errcode}: ${text.slice(0, 200)}`, permanent: false };
    }
    return { ok: true, status: res.status };
  } catch (err) {
    return { ok: false, status: null, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err), permanent: false };
  }
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}
