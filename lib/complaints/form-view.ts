import 'server-only';
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Db, type Tx } from '@/db/client';
import {
  accountabilityEntries,
  attachments,
  categories,
  complaintEvents,
  complaintParties,
  complaints,
  departments,
  pendingContacts,
  pendingItems,
  remedies,
  users,
} from '@/db/schema';
import { availableEvents, checkEvent, type AvailableEvent } from '@/lib/workflow';
import type { StaffUser } from '@/db/queries/staff';
import { toFacts } from './facts';
import { isComplaintNumber } from '@/lib/params';
import { CommandError } from './errors';
import { managerCandidate, siteDirectory } from './staff-directory';

/**
 * Who may open a form at all (acting on it is the workflow's question). The person complained
 * about (an involved party, DESIGN §2) does not see it: for them it does not exist.
 */
export function canSee(
  user: Pick<StaffUser, 'id' | 'role' | 'siteId' | 'departmentId' | 'groupWide'>,
  form: { siteId: string; departmentId: string | null; partyUserIds: readonly string[] },
): boolean {
  if (user.role === 'finance') return false;
  if (form.partyUserIds.includes(user.id)) return false;
  if (!user.groupWide && form.siteId !== user.siteId) return false;
  if (user.role === 'department') return form.departmentId !== null && form.departmentId === user.departmentId;
  return true;
}

/**
 * The involved-party half of canSee as a SQL condition on `complaints` (served by the
 * complaint_parties primary key). Reports that finance reads use it on its own.
 */
export function notInvolved(user: StaffUser): SQL {
  return sql`not exists (select 1 from ${complaintParties} where ${complaintParties.complaintId} = ${complaints.id} and ${complaintParties.userId} = ${user.id})`;
}

/**
 * canSee as a SQL condition on `complaints`, for lists and search. Keep the two in step
 * (tests/search/search.test.ts checks that they agree on every demo form and user).
 */
export function visibleTo(user: StaffUser): SQL {
  if (user.role === 'finance') return sql`false`;
  const site = user.groupWide ? undefined : eq(complaints.siteId, user.siteId);
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

/** Refuses an involved party before anything else about the form is looked at or said. */
export async function refuseInvolved(db: Db | Tx, complaintId: string, userId: string): Promise<void> {
  const [party] = await db
    .select({ userId: complaintParties.userId })
    .from(complaintParties)
    .where(and(eq(complaintParties.complaintId, complaintId), eq(complaintParties.userId, userId)));
  if (party) throw new CommandError('involved_party');
}

const manager = alias(users, 'manager');
const creator = alias(users, 'creator');

/** Everything the feedback-handling form page shows, or null when this user may not see it. */
export async function loadFormView(user: StaffUser, number: string, now = new Date(), db?: Db) {
  if (!isComplaintNumber(number)) return null;
  const d = db ?? (await getDb());
  const [row] = await d
    .select({
      form: complaints,
      categoryName: categories.name,
      categoryNameEn: categories.nameEn,
      departmentName: departments.name,
      departmentNameEn: departments.nameEn,
      departmentHeadId: departments.headUserId,
      managerName: manager.name,
      creatorName: creator.name,
    })
    .from(complaints)
    .leftJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(departments, eq(departments.id, complaints.departmentId))
    .leftJoin(manager, eq(manager.id, complaints.customerManagerId))
    .leftJoin(creator, eq(creator.id, complaints.createdById))
    .where(eq(complaints.number, number));
  if (!row) return null;
  const partyIds = await partiesOf(d, row.form.id);
  if (!canSee(user, { ...row.form, partyUserIds: partyIds })) return null;
  const form = row.form;
  const [events, parties, remedyRows, accountability, files, pending] = await Promise.all([
    // A receipt showing shares the version it was seen at: it follows the change that made it.
    d.select().from(complaintEvents).where(eq(complaintEvents.complaintId, form.id)).orderBy(asc(complaintEvents.version), asc(complaintEvents.id)),
    d
      .select({ id: users.id, name: users.name })
      .from(complaintParties)
      .innerJoin(users, eq(users.id, complaintParties.userId))
      .where(eq(complaintParties.complaintId, form.id)),
    d.select().from(remedies).where(eq(remedies.complaintId, form.id)).orderBy(asc(remedies.createdAt)),
    d.select().from(accountabilityEntries).where(eq(accountabilityEntries.complaintId, form.id)).orderBy(asc(accountabilityEntries.createdAt)),
    d.select().from(attachments).where(eq(attachments.complaintId, form.id)).orderBy(asc(attachments.createdAt)),
    d.select().from(pendingItems).where(eq(pendingItems.complaintId, form.id)).orderBy(desc(pendingItems.openedAt)),
  ]);
  const contacts = pending.length
    ? await d.select().from(pendingContacts).where(eq(pendingContacts.pendingItemId, pending[0].id)).orderBy(asc(pendingContacts.at))
    : [];
  let headAbsent = false;
  if (row.departmentHeadId) {
    const [head] = await d.select({ absentUntil: users.absentUntil }).from(users).where(eq(users.id, row.departmentHeadId));
    headAbsent = !!head?.absentUntil && head.absentUntil > now;
  } else if (form.departmentId) headAbsent = true;
  const facts = toFacts(form, parties.map((p) => p.id), headAbsent);
  const actor = { id: user.id, role: user.role, departmentId: user.departmentId, departmentPosition: user.departmentPosition };
  const actions: AvailableEvent[] = availableEvents(actor, facts);
  return {
    form,
    categoryName: row.categoryName,
    categoryNameEn: row.categoryNameEn,
    departmentName: row.departmentName,
    departmentNameEn: row.departmentNameEn,
    managerName: row.managerName,
    creatorName: row.creatorName,
    events,
    parties,
    remedies: remedyRows,
    accountability,
    attachments: files,
    pendingItem: pending[0] ?? null,
    contacts,
    actions,
    /** The upload is offered only where the server would take it (the same check as applyEvent). */
    mayUploadEvidence: checkEvent(actor, facts, 'evidence_added').ok,
  };
}

export type FormView = NonNullable<Awaited<ReturnType<typeof loadFormView>>>;
/** One row of a form's history as the form page shows it. */
export type FormHistoryEvent = FormView['events'][number];

/**
 * The choices the action forms offer: departments, the staff who can be customer manager, and
 * the site's staff directory for the people pickers (of the form's site: a group-wide reader
 * names the people of the form's own site). The command layer accepts the same people
 * (staff-directory.ts); the absent are only left out of the offer.
 */
export async function loadChoices(user: StaffUser, db?: Db, siteId: string = user.siteId) {
  const d = db ?? (await getDb());
  const [depts, desk, staff] = await Promise.all([
    d.select({ id: departments.id, name: departments.name, nameEn: departments.nameEn }).from(departments).where(eq(departments.siteId, siteId)).orderBy(asc(departments.code)),
    d
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(managerCandidate(siteId), isNull(users.absentUntil)))
      .orderBy(asc(users.name)),
    siteDirectory(d, siteId),
  ]);
  return { departments: depts, managers: desk, staff };
}
