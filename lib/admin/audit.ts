import type { Db, Tx } from '@/db/client';
import { adminAudit } from '@/db/schema';

/** One administrative act, as the audit log records it. */
export interface AuditEntry {
  /** null: the system (a job). */
  actorUserId: string | null;
  siteId?: string | null;
  /** '<target>.<verb>', e.g. 'staff.update', 'sign_in_lock.lift', 'person.erase'. */
  action: string;
  targetType: string;
  targetId?: string | null;
  targetLabel?: string | null;
  /** The state before and after; leave out passwords, hashes and access codes. */
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one act to the admin audit log. Call it inside the transaction that makes the change,
 * so that the change and its record stand or fall together.
 */
export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.insert(adminAudit).values({
    actorUserId: entry.actorUserId,
    siteId: entry.siteId ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    targetLabel: entry.targetLabel ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
