import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { AdminError } from '@/lib/admin/errors';
import { requireAdmin, type AdminViewer } from '@/lib/admin/viewer';
import { centreHeadSchema, type CentreHeadInput } from './schemas';

/**
 * The head of the customer-service centre (a desk user): may hand forms over (lib/handover) and
 * covers an absent customer manager (lib/cover). Marked by an administrator on the staff screen.
 */
export async function loadCentreHead(viewer: AdminViewer, id: string, db?: Db): Promise<boolean> {
  requireAdmin(viewer);
  const d = db ?? (await getDb());
  const [u] = await d.select({ centreHead: users.centreHead }).from(users).where(and(eq(users.id, id), eq(users.siteId, viewer.siteId)));
  return !!u?.centreHead;
}

export async function setCentreHead(input: CentreHeadInput, viewer: AdminViewer, db?: Db): Promise<void> {
  requireAdmin(viewer);
  const d = db ?? (await getDb());
  const { id, centreHead } = centreHeadSchema.parse(input);
  await d.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(and(eq(users.id, id), eq(users.siteId, viewer.siteId)));
    // Only customer-service (desk) staff head the centre.
    if (!u || (centreHead && u.role !== 'desk')) throw new AdminError('not_found');
    await tx.update(users).set({ centreHead }).where(eq(users.id, id));
    await recordAudit(tx, { actorUserId: viewer.id, siteId: viewer.siteId, action: 'staff.update', targetType: 'user', targetId: id, targetLabel: u.login, before: { centreHead: u.centreHead }, after: { centreHead } });
  });
}
