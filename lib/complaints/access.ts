import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { complaintParties, complaints, users } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { CommandError } from './errors';

/**
 * Who may open a form at all (acting on it is the workflow's question), written once: canSee
 * for a loaded form, visibleTo as the same rule in SQL for lists, search, the ledger, exports
 * and privacy. tests/access/visibility.test.ts checks that the two agree on every case.
 *
 * The rule: finance sees no form; the person complained about (an involved party, DESIGN §2)
 * does not see it — for them it does not exist; staff see their own site's forms unless they
 * are group-wide; a department member sees only the forms of their own department.
 */
export type Viewer = Pick<StaffUser, 'id' | 'role' | 'siteId' | 'departmentId' | 'groupWide'>;

/** What of a form the rule looks at. */
export interface FormReach {
  siteId: string;
  departmentId: string | null;
  partyUserIds: readonly string[];
}

export function canSee(user: Viewer, form: FormReach): boolean {
  if (user.role === 'finance') return false;
  if (form.partyUserIds.includes(user.id)) return false;
  if (!user.groupWide && form.siteId !== user.siteId) return false;
  if (user.role === 'department') return form.departmentId !== null && form.departmentId === user.departmentId;
  return true;
}

/** The site half of the rule as a SQL condition on `complaints` (none for a group-wide reader). Reports that finance reads use it on its own. */
export function siteScope(user: Pick<Viewer, 'siteId' | 'groupWide'>): SQL | undefined {
  return user.groupWide ? undefined : eq(complaints.siteId, user.siteId);
}

/**
 * The involved-party half of the rule as a SQL condition on `complaints` (served by the
 * complaint_parties primary key). Reports that finance reads use it on its own.
 */
export function notInvolved(user: Pick<Viewer, 'id'>): SQL {
  return sql`not exists (select 1 from ${complaintParties} where ${complaintParties.complaintId} = ${complaints.id} and ${complaintParties.userId} = ${user.id})`;
}

/** canSee as a SQL condition on `complaints`, for lists, search, the ledger, exports and privacy. */
export function visibleTo(user: Viewer): SQL {
  if (user.role === 'finance') return sql`false`;
  const site = siteScope(user);
  if (user.role === 'department') {
    if (!user.departmentId) return sql`false`;
    return and(site, eq(complaints.departmentId, user.departmentId), notInvolved(user))!;
  }
  return and(site, notInvolved(user))!;
}

/** The ids of the staff recorded as involved in a form. */
export async function partiesOf(db: Db | Tx, complaintId: string): Promise<string[]> {
  const rows = await db.select({ userId: complaintParties.userId }).from(complaintParties).where(eq(complaintParties.complaintId, complaintId));
  return rows.map((r) => r.userId);
}

/** canSee for a form read from the database: its involved parties are read too. */
export async function mayOpen(db: Db | Tx, user: Viewer, form: { id: string; siteId: string; departmentId: string | null }): Promise<boolean> {
  return canSee(user, { siteId: form.siteId, departmentId: form.departmentId, partyUserIds: await partiesOf(db, form.id) });
}

/** Refuses an involved party before anything else about the form is looked at or said. */
export async function refuseInvolved(db: Db | Tx, complaintId: string, userId: string): Promise<void> {
  const [party] = await db
    .select({ userId: complaintParties.userId })
    .from(complaintParties)
    .where(and(eq(complaintParties.complaintId, complaintId), eq(complaintParties.userId, userId)));
  if (party) throw new CommandError('involved_party');
}

/** Someone acting on a form through a command; group-wide reach is read from the staff table. */
export type Actor = Pick<Viewer, 'id' | 'role' | 'siteId' | 'departmentId'>;

/**
 * The rule for a command: an involved party is refused with their own message (before a stale
 * version could tell them who acted last), and a form the actor may not open does not exist for
 * them. Reach beyond the actor's site is the staff table's word (`groupWide`), never the
 * caller's; `siteOnly` keeps the actor to their own site whatever it says.
 */
export async function refuseUnseen(db: Db | Tx, actor: Actor, form: { id: string; siteId: string; departmentId: string | null }, opts: { siteOnly?: boolean } = {}): Promise<void> {
  if (!actor.siteId) throw new CommandError('not_found');
  await refuseInvolved(db, form.id, actor.id);
  const groupWide = !opts.siteOnly && form.siteId !== actor.siteId && (await isGroupWide(db, actor.id));
  // Involved parties were refused just above, with their own message.
  if (!canSee({ ...actor, groupWide }, { ...form, partyUserIds: [] })) throw new CommandError('not_found');
}

async function isGroupWide(db: Db | Tx, userId: string): Promise<boolean> {
  const [u] = await db.select({ groupWide: users.groupWide }).from(users).where(eq(users.id, userId));
  return !!u?.groupWide;
}
