import 'server-only';
import { getDb, type Db } from '@/db/client';
import type { Complaint } from '@/db/schema';
import { newAccessCode, type CommandActor } from './commands';
import { recordAudit } from '@/lib/admin/audit';
import { CommandError } from './errors';
import { changeForm } from './change';

export interface ReissueArgs {
  complaintId: string;
  actor: CommandActor;
  /** The version the desk saw; anything else means someone changed the form meanwhile. */
  expectedVersion: number;
}

/**
 * The desk gives the customer a new access code (the old one stops working): when the
 * customer lost it, or many wrong codes were tried for the form. One change of the form
 * (changeForm): the new code, a history row `access_code_reissued` (staff-only; it never holds
 * the code) and the customer's message with the new code and the link, queued like the intake
 * notice. The private link is unchanged, so a customer who kept it is not disturbed.
 */
export async function reissueAccessCode(args: ReissueArgs, now = new Date(), db?: Db): Promise<Complaint> {
  db ??= await getDb();
  const { actor } = args;
  if (actor.role !== 'desk') throw new CommandError('wrong_role');
  const { complaint } = await changeForm(db, { key: { id: args.complaintId }, who: { actor }, expectedVersion: args.expectedVersion, now }, async (tx, row) => {
    let accessCode = newAccessCode();
    while (accessCode === row.accessCode) accessCode = newAccessCode();
    return {
      set: { accessCode },
      event: { type: 'access_code_reissued', actor, payload: {}, customerVisible: false },
      notices: [{ audience: 'customer', template: 'access_code_reissued' }],
      // On the audit log too (never the code itself).
      effects: async () => {
        await recordAudit(tx, { actorUserId: actor.id, siteId: row.siteId, action: 'access_code.reissue', targetType: 'complaint', targetId: row.id, targetLabel: row.number });
      },
    };
  });
  return complaint;
}
