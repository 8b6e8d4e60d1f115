import 'server-only';
/**
 * The admin's triage settings (/admin/triage): the confidence below which a suggestion is not
 * pre-filled, the high-frequency window (so many similar forms in so many days) and the
 * customer-service centre's head, who is told of every crisis. One row; the defaults serve
 * until the admin saves.
 */
import { getDb, type Db, type Tx } from '@/db/client';
import { triageSettings } from '@/db/schema';

export interface TriageSettings {
  confidencePercent: number;
  frequentCount: number;
  frequentDays: number;
  centreHeadUserId: string | null;
}

export const defaultTriageSettings: TriageSettings = { confidencePercent: 60, frequentCount: 3, frequentDays: 7, centreHeadUserId: null };

export async function loadTriageSettings(db?: Db | Tx): Promise<TriageSettings> {
  const d = db ?? (await getDb());
  const [row] = await d.select().from(triageSettings);
  if (!row) return { ...defaultTriageSettings };
  const { id: _id, ...settings } = row;
  return settings;
}

/** Writes the settings (the admin's action checks role and input; lib/admin records the audit). */
export async function storeTriageSettings(tx: Tx, s: TriageSettings): Promise<void> {
  await tx.insert(triageSettings).values({ id: 1, ...s }).onConflictDoUpdate({ target: triageSettings.id, set: s });
}
