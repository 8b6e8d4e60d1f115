import 'server-only';
import { and, asc, desc, eq, getTableColumns, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Db } from '@/db/client';
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
import { mayOpen } from './access';
import { managerCandidate, siteDirectory } from './staff-directory';
import { departmentStaffing } from './department-staff';
import { customerMessagesOf } from '@/lib/notify/form-messages';

const manager = alias(users, 'manager');
const creator = alias(users, 'creator');
const handler = alias(users, 'handler');
const actorUser = alias(users, 'actor_user');
const actorDepartment = alias(departments, 'actor_department');

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
      handlerName: handler.name,
      creatorName: creator.name,
    })
    .from(complaints)
    .leftJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(departments, eq(departments.id, complaints.departmentId))
    .leftJoin(manager, eq(manager.id, complaints.customerManagerId))
    .leftJoin(handler, eq(handler.id, complaints.handlerId))
    .leftJoin(creator, eq(creator.id, complaints.createdById))
    .where(eq(complaints.number, number));
  if (!row) return null;
  if (!(await mayOpen(d, user, row.form))) return null;
  const form = row.form;
  const [events, parties, remedyRows, accountability, files, pending, customerMessages, staffing] = await Promise.all([
    // A receipt showing shares the version it was seen at: it follows the change that made it.
    // With the actor's department: a department's people are named by it, not as "责任部门".
    d
      .select({ ...getTableColumns(complaintEvents), actorDepartmentName: actorDepartment.name, actorDepartmentNameEn: actorDepartment.nameEn })
      .from(complaintEvents)
      .leftJoin(actorUser, eq(actorUser.id, complaintEvents.actorId))
      .leftJoin(actorDepartment, eq(actorDepartment.id, actorUser.departmentId))
      .where(eq(complaintEvents.complaintId, form.id))
      .orderBy(asc(complaintEvents.version), asc(complaintEvents.id)),
    d
      .select({ id: users.id, name: users.name })
      .from(complaintParties)
      .innerJoin(users, eq(users.id, complaintParties.userId))
      .where(eq(complaintParties.complaintId, form.id)),
    d.select().from(remedies).where(eq(remedies.complaintId, form.id)).orderBy(asc(remedies.createdAt)),
    d.select().from(accountabilityEntries).where(eq(accountabilityEntries.complaintId, form.id)).orderBy(asc(accountabilityEntries.createdAt)),
    d.select().from(attachments).where(eq(attachments.complaintId, form.id)).orderBy(asc(attachments.createdAt)),
    d.select().from(pendingItems).where(eq(pendingItems.complaintId, form.id)).orderBy(desc(pendingItems.openedAt)),
    customerMessagesOf(d, form.id),
    form.departmentId ? departmentStaffing(d, form.departmentId) : null,
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
    handlerName: row.handlerName,
    creatorName: row.creatorName,
    events,
    parties,
    remedies: remedyRows,
    accountability,
    attachments: files,
    pendingItem: pending[0] ?? null,
    contacts,
    actions,
    /** SMS and e-mails to the customer, with whether each was actually sent. */
    customerMessages,
    /** False when the form's department has nobody who can act on it (the page says who can). */
    departmentStaffed: staffing?.staffed ?? true,
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
