import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { slaPolicy } from '@/db/schema';
import { loadSlaPolicy } from '@/lib/complaints/settings';
import { recordAudit } from './audit';
import { slaKeys, slaPolicySchema, type SlaPolicy } from '@/lib/workflow';

/** The policy as the command layer sees it (stored values, design defaults for the rest). */
export const loadPolicy = (db?: Db): Promise<SlaPolicy> => loadSlaPolicy(db);

/**
 * Stores the whole policy (one row per key, upserted) in one transaction. Deadlines already set
 * on forms stay as they are; the next deadline computed (a new form, the next step) uses it.
 */
export async function saveSlaPolicy(input: SlaPolicy, actorId: string | null = null, db?: Db): Promise<SlaPolicy> {
  db ??= await getDb();
  const policy = slaPolicySchema.parse(input);
  const before = await loadSlaPolicy(db);
  const rows = [
    ...slaKeys.map((key) => ({ key, amount: policy[key].amount, unit: policy[key].unit })),
    { key: 'pendingContactDay', amount: policy.pendingContactDay, unit: 'day_of_month' },
  ];
  await db.transaction(async (tx) => {
    await tx
      .insert(slaPolicy)
      .values(rows)
      .onConflictDoUpdate({ target: slaPolicy.key, set: { amount: sql`excluded.amount`, unit: sql`excluded.unit` } });
    await recordAudit(tx, { actorUserId: actorId, action: 'sla.update', targetType: 'sla', before, after: policy });
  });
  return policy as SlaPolicy;
}
