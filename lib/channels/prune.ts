import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { envLimit } from '@/lib/public/rate-limit';

/**
 * How long the channels' logs keep a finished row: delivered webhook deliveries and handled
 * inbound e-mails (`KESU_CHANNEL_LOG_DAYS`, 90 days by default). Long enough to answer "did
 * you get it?" and to keep a message that lost its \Seen flag from being imported twice (its
 * form is found again by the Message-ID as idempotency key anyway); queued and failed
 * deliveries stay until they are sent or the endpoint is removed.
 */
export function channelLogDays(): number {
  return Math.min(envLimit('KESU_CHANNEL_LOG_DAYS', 90), 3650);
}

/** Deletes what is older than the period, one statement per table (the nightly retention job). */
export async function pruneChannelLogs(db: Db, now = new Date(), days = channelLogDays()): Promise<{ days: number; deliveries: number; mails: number }> {
  const before = new Date(now.getTime() - days * 86_400_000).toISOString();
  const count = (r: unknown) => Number((r as { rows: { n: number | string }[] }).rows[0]?.n ?? 0);
  const deliveries = count(
    await db.execute(sql`with gone as (delete from webhook_deliveries where status = 'sent' and sent_at < ${before}::timestamptz returning 1) select count(*) as n from gone`),
  );
  const mails = count(await db.execute(sql`with gone as (delete from inbound_mail where at < ${before}::timestamptz returning 1) select count(*) as n from gone`));
  return { days, deliveries, mails };
}
