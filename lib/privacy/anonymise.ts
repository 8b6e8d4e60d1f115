import 'server-only';
import fs from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { attachments } from '@/db/schema';
import { attachmentPath } from '@/lib/attachments';
import { log } from '@/lib/log';

/** The rows of tx.execute (typed `unknown` for a driver-generic database; both drivers give `rows`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** What replaces a personal text that must stay non-empty (language-neutral: shown as is in both UIs). */
export const ERASED = '***';

/** The customer's identifiers of the form `c`, as kesu_scrub (migration 0015) replaces them in staff texts. */
const secretsOf = sql.raw(
  `ARRAY[c.customer_name, c.customer_phone, regexp_replace(c.customer_phone, '^\\+86', ''), c.customer_email, c.plate, c.subject_product]`,
);

/**
 * Replaces the personal data of the forms `ids` (all in the caller's transaction), set-based: one
 * statement per table for the whole batch, never one call per form. Forms already anonymised
 * are skipped. Kept: the number, states, dates, history (events, their types, times and staff
 * actors), figures (severity, category, department, amounts, ratings), repeat links, and the
 * staff's root cause and opinions with the customer's identifiers cut out of them.
 *
 * Returns the forms done and the evidence files no longer referenced by any form, to remove
 * from disk once the transaction has committed (removeFiles).
 */
export async function anonymiseForms(tx: Tx, ids: readonly string[], now: Date): Promise<{ forms: { id: string; number: string }[]; files: string[] }> {
  if (!ids.length) return { forms: [], files: [] };
  const idList = sql`${sql.param([...ids])}::uuid[]`;
  // The forms to do, locked; the later statements work on this set (`due`).
  const due = rowsOf<{ id: string; number: string }>(
    await tx.execute(sql`select id, number from complaints where id = any(${idList}) and anonymised_at is null order by id for update`),
  );
  if (!due.length) return { forms: [], files: [] };
  const dueIds = sql`${sql.param(due.map((d) => d.id))}::uuid[]`;

  // Staff texts that stay, less the customer's identifiers (read from the form before it changes).
  await tx.execute(sql`
    update accountability_entries a set reason = kesu_scrub(a.reason, ${secretsOf})
      from complaints c where c.id = a.complaint_id and c.id = any(${dueIds})`);
  // Texts about the customer: the remedy's words (its kind and amount stay), the ledger's notes.
  await tx.execute(sql`update remedies set description = ${ERASED} where complaint_id = any(${dueIds})`);
  await tx.execute(sql`update pending_items set explanation = ${ERASED} where complaint_id = any(${dueIds})`);
  // Time promises (lib/promises): what was told to the customer, and the staff's reason.
  await tx.execute(sql`
    update promises set what = ${ERASED}, outcome_reason = case when outcome_reason is null then null else ${ERASED} end
      where complaint_id = any(${dueIds})`);
  await tx.execute(sql`
    update pending_contacts set summary = ${ERASED}
      where pending_item_id in (select id from pending_items where complaint_id = any(${dueIds}))`);
  // The outbox: addresses and texts; a message still waiting is not sent any more.
  await tx.execute(sql`
    update notifications set
        address = null,
        payload = kesu_anonymise_jsonb(payload),
        last_error = case when status = 'queued' then 'anonymised' else last_error end,
        status = case when status = 'queued' then 'failed' else status end
      where complaint_id = any(${dueIds})`);
  // The form itself. A new random tracking token and access code: the customer's old link and
  // code open nothing any more. The search and repeat indexes are expressions over these
  // columns (db/schema.ts), so they forget the person with them.
  await tx.execute(sql`
    update complaints c set
        customer_name = ${ERASED},
        customer_phone = ${ERASED},
        customer_email = null,
        subject_product = null,
        plate = null,
        vehicle_model = null,
        purchase_date = null,
        description = ${ERASED},
        customer_request = case when customer_request is null then null else ${ERASED} end,
        rejection_explanation = case when rejection_explanation is null then null else ${ERASED} end,
        withdraw_reason = case when withdraw_reason is null then null else ${ERASED} end,
        root_cause = kesu_scrub(root_cause, ${secretsOf}),
        preventive_action = kesu_scrub(preventive_action, ${secretsOf}),
        responsible_person = kesu_scrub(responsible_person, ${secretsOf}),
        fault_opinion = kesu_scrub(fault_opinion, ${secretsOf}),
        final_opinion = kesu_scrub(final_opinion, ${secretsOf}),
        determination_draft = null,
        idempotency_key = null,
        access_code = substr(md5(random()::text || clock_timestamp()::text), 1, 8),
        tracking_token = 'x' || md5(random()::text || c.id::text) || md5(clock_timestamp()::text || c.id::text),
        anonymised_at = ${now.toISOString()}::timestamptz
      where c.id = any(${dueIds})`);
  // The history: the one UPDATE its trigger allows (migration 0015), for this transaction only.
  await tx.execute(sql`select set_config('kesu.anonymising', 'on', true)`);
  await tx.execute(sql`
    update complaint_events set
        payload = kesu_anonymise_jsonb(payload),
        actor_name = case when actor_role = 'customer' then ${ERASED} else actor_name end
      where complaint_id = any(${dueIds})`);
  await tx.execute(sql`select set_config('kesu.anonymising', 'off', true)`);
  // Evidence: the rows go (nothing refers to them; the history keeps "evidence added"), and
  // a file goes with its last row (files are shared by content hash, lib/attachments.ts).
  const removed = rowsOf<{ sha256: string }>(await tx.execute(sql`delete from attachments where complaint_id = any(${dueIds}) returning sha256`));
  const hashes = [...new Set(removed.map((r) => r.sha256))];
  const stillUsed = hashes.length
    ? rowsOf<{ sha256: string }>(await tx.execute(sql`select distinct sha256 from ${attachments} where sha256 = any(${sql.param(hashes)}::text[])`)).map((r) => r.sha256)
    : [];
  return { forms: due, files: hashes.filter((h) => !stillUsed.includes(h)) };
}

/** Removes evidence files from disk (after the commit that let go of them); a missing file is fine. */
export async function removeFiles(hashes: readonly string[]): Promise<void> {
  for (const sha256 of hashes) {
    await fs.rm(attachmentPath(sha256), { force: true }).catch((err: unknown) => log.error({ err, sha256 }, 'privacy: could not remove an evidence file'));
  }
}

/** Runs `work` in a transaction, then removes the files it let go of. */
export async function anonymiseInTransaction<T extends { files: string[] }>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await db.transaction(work);
  await removeFiles(result.files);
  return result;
}
