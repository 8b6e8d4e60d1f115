import 'server-only';
import { getDb, type Db } from '@/db/client';
import { determinationDraftSchema } from '@/lib/workflow';
import { CommandError } from './errors';
import type { CommandActor } from './commands';
import { fieldErrorsOf } from './validation';
import { changeForm } from './change';
import { resolveDeterminationReferences } from './references';

export interface DeterminationDraft {
  input: Record<string, unknown>;
  by: string;
  at: string;
}

/** The draft as stored, and the number of its form (the page the action refreshes). */
export type SavedDraft = DeterminationDraft & { number: string };

/**
 * The department's handlers prepare the determination before their head submits it. A draft
 * is not a step of the procedure: it changes no state and no version, so it never conflicts
 * with the head's submission.
 */
export async function saveDeterminationDraft(
  args: { complaintId: string; input: unknown; actor: CommandActor },
  now = new Date(),
  db?: Db,
): Promise<SavedDraft> {
  db ??= await getDb();
  const parsed = determinationDraftSchema.safeParse(args.input);
  if (!parsed.success) throw new CommandError('invalid_input', {}, fieldErrorsOf(parsed.error));
  const { actor } = args;
  let draft: DeterminationDraft | undefined;
  // Drafts are prepared at the form's own site only; a draft records no history and bumps no version.
  const { complaint } = await changeForm(db, { key: { id: args.complaintId }, who: { actor, siteOnly: true }, now }, async (tx, form) => {
    if (form.status !== 'investigating') throw new CommandError('wrong_state');
    if (actor.role !== 'department' && actor.role !== 'admin') throw new CommandError('wrong_role');
    if (actor.role === 'department' && actor.departmentId !== form.departmentId) throw new CommandError('wrong_department');
    // A draft names what the head will submit: the same references, of the form's site.
    await resolveDeterminationReferences(tx, parsed.data, form.siteId);
    draft = { input: parsed.data, by: actor.name, at: now.toISOString() };
    return { set: { determinationDraft: draft } };
  });
  return { ...draft!, number: complaint.number };
}
