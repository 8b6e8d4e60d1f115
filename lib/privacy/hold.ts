import 'server-only';
import { and, eq, isNotNull } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaints, users } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { recordAudit } from '@/lib/admin/audit';
import { visibleTo } from '@/lib/complaints/access';
import { PrivacyError } from './errors';
import { mayHoldForms, requireRole } from './who';

/**
 * Legal hold (a dispute, a lawsuit, a regulator's inquiry): while a form is held its personal
 * data is kept, whatever a request or the retention period says. Placed and lifted by admins
 * and management, each act in the audit log with its reason.
 */
export async function setLegalHold(viewer: StaffUser, number: string, reason: string, now = new Date(), db?: Db): Promise<void> {
  db ??= await getDb();
  requireRole(viewer, mayHoldForms);
  await db.transaction(async (tx) => {
    const [form] = await tx
      .select({ id: complaints.id, held: complaints.legalHoldAt })
      .from(complaints)
      .where(and(eq(complaints.number, number), visibleTo(viewer)))
      .for('update');
    if (!form) throw new PrivacyError('not_found');
    if (form.held) throw new PrivacyError('already_on_hold');
    await tx.update(complaints).set({ legalHoldAt: now, legalHoldById: viewer.id, legalHoldReason: reason }).where(eq(complaints.id, form.id));
    await recordAudit(tx, {
      actorUserId: viewer.id,
      siteId: viewer.siteId,
      action: 'legal_hold.set',
      targetType: 'complaint',
      targetId: form.id,
      targetLabel: number,
      after: { reason },
    });
  });
}

export async function clearLegalHold(viewer: StaffUser, number: string, db?: Db): Promise<void> {
  db ??= await getDb();
  requireRole(viewer, mayHoldForms);
  await db.transaction(async (tx) => {
    const [form] = await tx
      .select({ id: complaints.id, held: complaints.legalHoldAt, reason: complaints.legalHoldReason })
      .from(complaints)
      .where(and(eq(complaints.number, number), visibleTo(viewer)))
      .for('update');
    if (!form) throw new PrivacyError('not_found');
    if (!form.held) throw new PrivacyError('not_on_hold');
    await tx.update(complaints).set({ legalHoldAt: null, legalHoldById: null, legalHoldReason: null }).where(eq(complaints.id, form.id));
    await recordAudit(tx, {
      actorUserId: viewer.id,
      siteId: viewer.siteId,
      action: 'legal_hold.clear',
      targetType: 'complaint',
      targetId: form.id,
      targetLabel: number,
      before: { reason: form.reason, since: form.held.toISOString() },
    });
  });
}

/** The forms on hold that `viewer` may see, newest hold first. */
export async function listLegalHolds(viewer: StaffUser, db?: Db) {
  db ??= await getDb();
  requireRole(viewer, mayHoldForms);
  return db
    .select({ number: complaints.number, status: complaints.status, since: complaints.legalHoldAt, reason: complaints.legalHoldReason, byName: users.name })
    .from(complaints)
    .leftJoin(users, eq(users.id, complaints.legalHoldById))
    .where(and(isNotNull(complaints.legalHoldAt), visibleTo(viewer)))
    .orderBy(complaints.legalHoldAt)
    .limit(200);
}

