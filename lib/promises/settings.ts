import 'server-only';
import { getDb, type Db } from '@/db/client';
import { progressSettings } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { requireAdmin, type AdminViewer } from '@/lib/admin/viewer';
import { loadAutoSendAt } from './daily-progress';
import { progressSettingsSchema, type ProgressSettingsInput } from './schemas';

/** The daily-progress setting as the admin page shows it. */
export async function loadProgressSettings(viewer: AdminViewer, db?: Db): Promise<{ autoSendAt: string }> {
  requireAdmin(viewer);
  return { autoSendAt: await loadAutoSendAt(db ?? (await getDb())) };
}

/** The admin sets the hour of the automatic progress message; recorded in the audit log. */
export async function saveProgressSettings(viewer: AdminViewer, input: ProgressSettingsInput, db?: Db): Promise<{ autoSendAt: string }> {
  requireAdmin(viewer);
  const d = db ?? (await getDb());
  const s = progressSettingsSchema.parse(input);
  const before = { autoSendAt: await loadAutoSendAt(d) };
  await d.transaction(async (tx) => {
    await tx.insert(progressSettings).values({ id: 1, autoSendAt: s.autoSendAt }).onConflictDoUpdate({ target: progressSettings.id, set: { autoSendAt: s.autoSendAt } });
    await recordAudit(tx, { actorUserId: viewer.id, siteId: viewer.siteId, action: 'progress.settings', targetType: 'progress', before, after: s });
  });
  return s;
}
