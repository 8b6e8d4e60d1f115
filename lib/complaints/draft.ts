import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { complaints } from '@/db/schema';
import { determinationDraftSchema } from '@/lib/workflow';
import { CommandError } from './errors';
import type { CommandActor } from './commands';
import { fieldErrorsOf } from './validation';
import { refuseUnseen } from './access';
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
/** The draft as stored, and the number of its form (the page the action refreshes). */
export type SavedDraft = DeterminationDraft & { number: string };

export async function saveDeterminationDraft(
  db: Db,
  args: { complaintId: string; input: unknown; actor: CommandActor },
  now = new Date(),
): Promise<SavedDraft> {
  const parsed = determinationDraftSchema.safeParse(args.input);
  if (!parsed.success) throw new CommandError('invalid_input', {}, fieldErrorsOf(parsed.error));
  return db.transaction(async (tx) => {
    const [form] = await tx.select().from(complaints).where(eq(complaints.id, args.complaintId)).for('update');
    if (!form) throw new CommandError('not_found');
    // Drafts are prepared at the form's own site only.
    await refuseUnseen(tx, args.actor, form, { siteOnly: true });
    if (form.status !== 'investigating') throw new CommandError('wrong_state');
    const { actor } = args;
    if (actor.role !== 'department' && actor.role !== 'admin') throw new CommandError('wrong_role');
    if (actor.role === 'department' && actor.departmentId !== form.departmentId) throw new CommandError('wrong_department');
    // A draft names what the head will submit: the same references, of the form's site.
    await resolveDeterminationReferences(tx, parsed.data, form.siteId);
    const draft: DeterminationDraft = { input: parsed.data, by: actor.name, at: now.toISOString() };
    await tx.update(complaints).set({ determinationDraft: draft }).where(eq(complaints.id, form.id));
    return { ...draft, number: form.number };
  });
}
