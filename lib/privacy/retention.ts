import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { closedStatesSql, privacySettings } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { recordAudit } from '@/lib/admin/audit';
import { anonymiseForms, anonymiseInTransaction, rowsOf } from './anonymise';
import { requireRole } from './who';

/** Closed forms keep their customer's data this long unless the admin sets otherwise. */
export const defaultRetentionYears = 3;

export async function loadRetentionYears(db?: Db): Promise<number> {
  db ??= await getDb();
  const [row] = await db.select().from(privacySettings).limit(1);
  return row?.retentionYears ?? defaultRetentionYears;
}

/** Stores the period (admins only), recorded in the audit log with the value before and after. */
export async function saveRetentionYears(viewer: StaffUser, years: number, db?: Db): Promise<void> {
  db ??= await getDb();
  requireRole(viewer, (role) => role === 'admin');
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(privacySettings).for('update');
    const before = row?.retentionYears ?? defaultRetentionYears;
    await tx
      .insert(privacySettings)
      .values({ id: 1, retentionYears: years })
      .onConflictDoUpdate({ target: privacySettings.id, set: { retentionYears: years } });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      siteId: viewer.siteId,
      action: 'retention.update',
      targetType: 'retention',
      before: { years: before },
      after: { years },
    });
  });
}

/**
 * The retention job: anonymises the closed forms (archived, rejected, withdrawn) that closed
 * more than the period ago and are not under legal hold, oldest first, in batches of
 * `batchSize` (each batch one transaction: a handful of set-based statements and one audit
 * row naming its forms). SKIP LOCKED: two instances running it at once share the work. Running
 * it again finds nothing more to do (anonymised forms are skipped).
 */
export async function runRetention(db: Db, now = new Date(), { batchSize = 200, maxBatches = 50 } = {}) {
  const years = await loadRetentionYears(db);
  const numbers: string[] = [];
  let files = 0;
  for (let i = 0; i < maxBatches; i++) {
    const batch = await anonymiseInTransaction(db, async (tx) => {
      const due = rowsOf<{ id: string }>(await tx.execute(sql`
        select id from complaints
         where anonymised_at is null and status in ${closedStatesSql} and legal_hold_at is null
           and state_entered_at < ${now.toISOString()}::timestamptz - make_interval(years => ${years}::int)
         order by state_entered_at
         limit ${batchSize}
         for update skip locked`));
      const done = await anonymiseForms(tx, due.map((d) => d.id), now);
      if (done.forms.length) {
        await recordAudit(tx, {
          actorUserId: null,
          action: 'retention.anonymise',
          targetType: 'complaint',
          after: { years, forms: done.forms.map((f) => f.number).sort(), files: done.files.length },
        });
      }
      return { ...done, full: due.length === batchSize };
    });
    numbers.push(...batch.forms.map((f) => f.number));
    files += batch.files.length;
    if (!batch.full) break;
  }
  return { years, anonymised: numbers.length, numbers, files };
}
