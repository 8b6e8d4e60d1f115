import 'server-only';
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { getDb, type Db, type Tx } from '@/db/client';
import { complaintParties, complaints, departments, notifications, openStatesSql, promises, users, type Complaint } from '@/db/schema';
import { isTerminal, type State } from '@/lib/workflow';
import { changeForm } from '@/lib/complaints/change';
import { CommandError } from '@/lib/complaints/errors';
import { publicBase } from '@/lib/complaints/outbox';
import { siteScope, type Viewer } from '@/lib/complaints/access';
import { directoryMember, managerCandidate } from '@/lib/complaints/staff-directory';
import type { CommandActor } from '@/lib/complaints/commands';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { HandoverError } from './errors';
import { handOverFormSchema, handOverPersonSchema, type HandOverFormInput, type HandOverPersonInput, type HandoverPosition } from './schemas';

/**
 * Hand-over (issue 21): the customer manager or the department's handler of an open form is
 * changed mid-case — by the head of the form's department, the head of the customer-service
 * centre or an administrator — with a reason, through the one routine that changes a form (a
 * 'handover' history row); the open promises the previous holder made on it move with it, and
 * the new holder is told in their inbox. A leaving person's open forms are handed over at once,
 * each form in its own transaction and its own history row.
 */

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new HandoverError('invalid_input', fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** Who may hand a form over: an admin, the centre's head, or the head of the form's department. */
export async function mayHandOver(db: Db | Tx, actor: Pick<CommandActor, 'id' | 'role'>, form: Pick<Complaint, 'departmentId'>): Promise<boolean> {
  if (actor.role === 'admin') return true;
  const [me] = await db.select({ role: users.role, centreHead: users.centreHead, active: users.active }).from(users).where(eq(users.id, actor.id));
  if (!me?.active) return false;
  if (me.role === 'desk' && me.centreHead) return true;
  if (me.role !== 'department' || !form.departmentId) return false;
  const [dept] = await db.select({ headUserId: departments.headUserId }).from(departments).where(eq(departments.id, form.departmentId));
  return dept?.headUserId === actor.id;
}

/** The current holder of a position on the form (null: nobody named; the handler then is the department's own). */
function holderOf(form: Complaint, position: HandoverPosition): string | null {
  return position === 'customer_manager' ? form.customerManagerId : form.handlerId;
}

/**
 * The new holder: a customer manager is desk staff of the form's directory; a handler an active
 * member of the form's department. Never someone the complaint is about.
 */
async function newHolder(tx: Tx, form: Complaint, position: Step['position'], userId: string) {
  const rule = position === 'promises' ? directoryMember(form.siteId) : position === 'customer_manager' ? managerCandidate(form.siteId) : and(directoryMember(form.siteId), eq(users.role, 'department'), form.departmentId ? eq(users.departmentId, form.departmentId) : sql`false`);
  const [u] = await tx.select().from(users).where(and(eq(users.id, userId), rule));
  if (!u) throw new HandoverError('not_assignable', { toUserId: ['not_assignable'] });
  const [party] = await tx.select().from(complaintParties).where(and(eq(complaintParties.complaintId, form.id), eq(complaintParties.userId, userId)));
  if (party) throw new HandoverError('not_assignable', { toUserId: ['involved'] });
  return u;
}

async function nameOf(tx: Tx, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return u?.name ?? null;
}

interface Step {
  /** 'promises': only the leaving person's open promises on a form where they hold no position. */
  position: HandoverPosition | 'promises';
  toUserId: string;
  reason: string;
  /** The leaving person, for a bulk hand-over: their promises move even where they hold no position. */
  fromUserId?: string;
}

/** One hand-over of one locked form, through the one change routine. */
async function handOver(db: Db, formId: string, step: Step, actor: CommandActor, now: Date, expectedVersion?: number): Promise<Complaint> {
  const { complaint } = await changeForm(db, { key: { id: formId }, who: { actor }, expectedVersion, now }, async (tx, form) => {
    if (isTerminal(form.status as State)) throw new HandoverError('closed');
    if (!(await mayHandOver(tx, actor, form))) throw new HandoverError('forbidden');
    const before = step.position === 'promises' ? (step.fromUserId ?? null) : holderOf(form, step.position);
    if (before === step.toUserId) throw new HandoverError('same_person', { toUserId: ['same_person'] });
    const to = await newHolder(tx, form, step.position, step.toUserId);
    const previous = step.fromUserId ?? before;
    return {
      set: step.position === 'customer_manager' ? { customerManagerId: to.id } : step.position === 'handler' ? { handlerId: to.id } : undefined,
      event: {
        type: 'handover',
        actor,
        payload: { position: step.position, from: await nameOf(tx, before), to: to.name, reason: step.reason },
        customerVisible: false,
      },
      effects: async (eventId, updated) => {
        // The previous holder's open promises on this form are the new holder's to keep (and to be alerted about).
        if (previous) {
          await tx
            .update(promises)
            .set({ madeById: to.id })
            .where(and(eq(promises.complaintId, form.id), eq(promises.madeById, previous), isNull(promises.outcome)));
        }
        await tx.insert(notifications).values({
          complaintId: form.id,
          eventId,
          audience: 'handover',
          recipientUserId: to.id,
          channel: 'inbox',
          address: to.email,
          template: 'handover',
          locale: to.locale,
          payload: {
            number: updated.number,
            status: updated.status,
            position: step.position,
            by: actor.name,
            reason: step.reason,
            ...(updated.stepDueAt ? { deadline: updated.stepDueAt.toISOString() } : {}),
            url: `${publicBase()}/complaints/${updated.number}`,
          },
        });
      },
    };
  });
  return complaint;
}

/** Hands one position of one form to someone else (from the form page). */
export async function handOverForm(raw: HandOverFormInput, actor: CommandActor, now = new Date(), db?: Db): Promise<Complaint> {
  const d = db ?? (await getDb());
  const input = parse(handOverFormSchema, raw);
  return refusingUnseen(() => handOver(d, input.complaintId, { position: input.position, toUserId: input.toUserId, reason: input.reason }, actor, now, input.expectedVersion));
}

/** A form the actor may not see is one they may not hand over: said the way the command layer says it. */
async function refusingUnseen<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof CommandError && (err.code === 'not_found' || err.code === 'involved_party')) throw new HandoverError('not_found');
    throw err;
  }
}

/** An open form of a leaving person, and what they hold on it. */
export interface OwnedForm {
  id: string;
  number: string;
  status: string;
  stepDueAt: Date | null;
  customerManager: boolean;
  handler: boolean;
  openPromises: number;
}

/** The open forms a person holds (customer manager, named handler, or an open promise), within the admin's reach. */
export async function listOwnedOpenForms(viewer: Viewer, userId: string, db?: Db): Promise<OwnedForm[]> {
  const d = db ?? (await getDb());
  const open = sql`(select count(*)::int from ${promises} p where p.complaint_id = ${complaints.id} and p.made_by_id = ${userId} and p.outcome is null)`;
  const rows = await d
    .select({
      id: complaints.id,
      number: complaints.number,
      status: complaints.status,
      stepDueAt: complaints.stepDueAt,
      customerManagerId: complaints.customerManagerId,
      handlerId: complaints.handlerId,
      openPromises: sql<number>`${open}`,
    })
    .from(complaints)
    .where(
      and(
        sql`${complaints.status} in ${openStatesSql}`,
        siteScope(viewer),
        or(eq(complaints.customerManagerId, userId), eq(complaints.handlerId, userId), sql`${open} > 0`),
      ),
    )
    .orderBy(asc(complaints.stepDueAt), asc(complaints.id));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    stepDueAt: r.stepDueAt,
    customerManager: r.customerManagerId === userId,
    handler: r.handlerId === userId,
    openPromises: Number(r.openPromises),
  }));
}

export interface BulkResult {
  moved: string[];
  refused: { number: string; code: string }[];
}

/**
 * Every open form of a leaving person to one successor, from the staff screen (admins only):
 * each form is handed over on its own (a form that cannot take the successor — another
 * department, an involved party — is listed as refused and the rest go on).
 */
export async function handOverPerson(raw: HandOverPersonInput, actor: CommandActor, now = new Date(), db?: Db): Promise<BulkResult> {
  const d = db ?? (await getDb());
  if (actor.role !== 'admin') throw new HandoverError('forbidden');
  const input = parse(handOverPersonSchema, raw);
  if (input.fromUserId === input.toUserId) throw new HandoverError('same_person', { toUserId: ['same_person'] });
  const forms = await listOwnedOpenForms({ ...actor, groupWide: await groupWide(d, actor.id) }, input.fromUserId, d);
  if (!forms.length) throw new HandoverError('nothing_to_hand_over');
  const result: BulkResult = { moved: [], refused: [] };
  for (const f of forms) {
    // Where the leaving person only made promises, only the promises move.
    const positions: Step['position'][] = [
      ...(f.customerManager ? (['customer_manager'] as const) : []),
      ...(f.handler ? (['handler'] as const) : []),
    ];
    if (!positions.length) positions.push('promises');
    try {
      for (const position of positions) {
        await refusingUnseen(() => handOver(d, f.id, { position, toUserId: input.toUserId, reason: input.reason, fromUserId: input.fromUserId }, actor, now));
      }
      result.moved.push(f.number);
    } catch (err) {
      if (!(err instanceof HandoverError)) throw err;
      result.refused.push({ number: f.number, code: err.code });
    }
  }
  return result;
}

async function groupWide(db: Db, userId: string): Promise<boolean> {
  const [u] = await db.select({ groupWide: users.groupWide }).from(users).where(eq(users.id, userId));
  return !!u?.groupWide;
}

/** Who a form can be handed to, for the form page's pickers: desk staff, and the members of the form's department. */
export async function handoverChoices(form: Pick<Complaint, 'siteId' | 'departmentId'>, db?: Db) {
  const d = db ?? (await getDb());
  const handlerUser = alias(users, 'handler_user');
  const [managers, handlers] = await Promise.all([
    d.select({ id: users.id, name: users.name }).from(users).where(managerCandidate(form.siteId)).orderBy(asc(users.name)),
    form.departmentId
      ? d
          .select({ id: handlerUser.id, name: handlerUser.name })
          .from(handlerUser)
          .where(and(eq(handlerUser.active, true), eq(handlerUser.role, 'department'), eq(handlerUser.departmentId, form.departmentId)))
          .orderBy(asc(handlerUser.name))
      : Promise.resolve([]),
  ]);
  return { customer_manager: managers, handler: handlers };
}

/** The people a leaving person's forms can go to (active staff of the admin's reach, but admins). */
export async function successorChoices(viewer: Viewer, leavingId: string, db?: Db) {
  const d = db ?? (await getDb());
  return d
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ['desk', 'department']), sql`${users.id} <> ${leavingId}`, viewer.groupWide ? undefined : eq(users.siteId, viewer.siteId)))
    .orderBy(asc(users.role), asc(users.name));
}

/** What the form page offers the viewer: the pickers when they may hand this open form over, else null. */
export async function handoverPanel(viewer: Pick<Viewer, 'id' | 'role'>, form: Pick<Complaint, 'status' | 'siteId' | 'departmentId'>, db?: Db) {
  const d = db ?? (await getDb());
  if (isTerminal(form.status as State) || !(await mayHandOver(d, viewer, form))) return null;
  return handoverChoices(form, d);
}
