import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaintEvents, complaintParties, complaints, users, type Complaint } from '@/db/schema';
import { newAccessCode, staleVersion, type CommandActor } from './commands';
import { recordAudit } from '@/lib/admin/audit';
import { CommandError } from './errors';
import { queueNotices } from './outbox';

export interface ReissueArgs {
  complaintId: string;
  actor: CommandActor;
  /** The version the desk saw; anything else means someone changed the form meanwhile. */
  expectedVersion: number;
}

/**
 * The desk gives the customer a new access code (the old one stops working): when the
 * customer lost it, or many wrong codes were tried for the form. One transaction: the new
 * code, a history row `access_code_reissued` (staff-only; it never holds the code) and the
 * customer's message with the new code and the link, queued like the intake notice. The
 * private link is unchanged, so a customer who kept it is not disturbed.
 */
export async function reissueAccessCode(args: ReissueArgs, now = new Date(), db?: Db): Promise<Complaint> {
  db ??= await getDb();
  const { actor } = args;
  if (actor.role !== 'desk') throw new CommandError('wrong_role');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(complaints).where(eq(complaints.id, args.complaintId)).for('update');
    if (!row) throw new CommandError('not_found');
    const [me] = await tx.select({ groupWide: users.groupWide }).from(users).where(eq(users.id, actor.id));
    if (!actor.siteId || (row.siteId !== actor.siteId && !me?.groupWide)) throw new CommandError('not_found');
    const [party] = await tx
      .select({ userId: complaintParties.userId })
      .from(complaintParties)
      .where(and(eq(complaintParties.complaintId, row.id), eq(complaintParties.userId, actor.id)));
    if (party) throw new CommandError('involved_party');
    if (row.version !== args.expectedVersion) throw await staleVersion(tx, row.id);
    let accessCode = newAccessCode();
    while (accessCode === row.accessCode) accessCode = newAccessCode();
    const version = row.version + 1;
    const [updated] = await tx
      .update(complaints)
      .set({ accessCode, version, updatedAt: now })
      .where(and(eq(complaints.id, row.id), eq(complaints.version, row.version)))
      .returning();
    const [event] = await tx
      .insert(complaintEvents)
      .values({
        complaintId: row.id,
        version,
        type: 'access_code_reissued',
        fromState: row.status,
        toState: row.status,
        actorId: actor.id,
        actorRole: actor.role,
        actorName: actor.name,
        at: now,
        payload: {},
        customerVisible: false,
      })
      .returning({ id: complaintEvents.id });
    await queueNotices(tx, updated, event.id, [{ audience: 'customer', template: 'access_code_reissued' }]);
    // On the audit log too (never the code itself).
    await recordAudit(tx, { actorUserId: actor.id, siteId: row.siteId, action: 'access_code.reissue', targetType: 'complaint', targetId: row.id, targetLabel: row.number });
    return updated;
  });
}
