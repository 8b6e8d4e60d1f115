import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaints } from '@/db/schema';
import { determinationDraftSchema } from '@/lib/workflow';
import { CommandError } from './errors';
import type { CommandActor } from './commands';
import { fieldErrorsOf } from './validation';
import { canSee, refuseInvolved } from './form-view';
import { resolveDeterminationReferences } from './references';

export interface DeterminationDraft {
  input: Record<string, unknown>;
  by: string;
  at: string;
}

/**
 * The department's handlers prepare the determination before their head submits it. A draft
 * is not a step of the procedure: it changes no state and no version, so it never conflicts
 * with the head's submission.
 */
export async function saveDeterminationDraft(
  args: { complaintId: string; input: unknown; actor: CommandActor },
  now = new Date(),
  db?: Db,
): Promise<DeterminationDraft> {
  db ??= await getDb();
  const parsed = determinationDraftSchema.safeParse(args.input);
  if (!parsed.success) throw new CommandError('invalid_input', {}, fieldErrorsOf(parsed.error));
  return db.transaction(async (tx) => {
    const [form] = await tx.select().from(complaints).where(eq(complaints.id, args.complaintId)).for('update');
    if (!form || form.siteId !== args.actor.siteId) throw new CommandError('not_found');
    await refuseInvolved(tx, form.id, args.actor.id);
    if (!canSee({ ...args.actor, groupWide: false }, { ...form, partyUserIds: [] })) throw new CommandError('not_found');
    if (form.status !== 'investigating') throw new CommandError('wrong_state');
    const { actor } = args;
    if (actor.role !== 'department' && actor.role !== 'admin') throw new CommandError('wrong_role');
    if (actor.role === 'department' && actor.departmentId !== form.departmentId) throw new CommandError('wrong_department');
    // A draft names what the head will submit: the same references, of the form's site.
    await resolveDeterminationReferences(tx, parsed.data, form.siteId);
    const draft: DeterminationDraft = { input: parsed.data, by: actor.name, at: now.toISOString() };
    await tx.update(complaints).set({ determinationDraft: draft }).where(eq(complaints.id, form.id));
    return draft;
  });
}
