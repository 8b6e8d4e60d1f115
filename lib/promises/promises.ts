import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import { complaints, promises, users } from '@/db/schema';
import { atLocalTime, isTerminal, type State } from '@/lib/workflow';
import { changeForm } from '@/lib/complaints/change';
import { mayOpen, type Viewer } from '@/lib/complaints/access';
import type { CommandActor } from '@/lib/complaints/commands';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { loadCalendar } from '@/lib/complaints/settings';
import { PromiseError } from './errors';
import { recordPromiseSchema, resolvePromiseSchema, type PromiseOutcome, type RecordPromiseInput, type ResolvePromiseInput } from './schemas';

/** Roles that talk to customers and so may record a promise (an admin repairs, never promises). */
export const promiseRoles = ['desk', 'department', 'management', 'gm'] as const;

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new PromiseError('invalid_input', fieldErrorsOf(parsed.error));
  return parsed.data;
}

function mayPromise(actor: CommandActor): void {
  if (!(promiseRoles as readonly string[]).includes(actor.role)) throw new PromiseError('forbidden');
}

/**
 * Records a promise on an open form through the one routine that changes a form: the history
 * row ('promise_made', customer-visible when the promise is) and the promise itself, in one
 * transaction with the form's version check. The involved party is refused there, like any command.
 */
export async function recordPromise(raw: RecordPromiseInput, actor: CommandActor, now = new Date(), db?: Db) {
  const d = db ?? (await getDb());
  mayPromise(actor);
  const input = parse(recordPromiseSchema, raw);
  const calendar = await loadCalendar(d);
  const dueAt = atLocalTime(input.dueOn, input.dueTime || calendar.workdayEnd, calendar.timeZone);
  if (dueAt.getTime() <= now.getTime()) throw new PromiseError('due_in_past', { dueOn: ['due_in_past'] });
  let promiseId = '';
  const { complaint } = await changeForm(d, { key: { id: input.complaintId }, who: { actor }, expectedVersion: input.expectedVersion, now }, async (tx, form) => {
    if (isTerminal(form.status as State)) throw new PromiseError('closed');
    return {
      event: {
        type: 'promise_made',
        actor,
        payload: { what: input.what, dueAt: dueAt.toISOString(), customerVisible: input.customerVisible },
        customerVisible: input.customerVisible,
      },
      effects: async () => {
        const [row] = await tx
          .insert(promises)
          .values({ complaintId: form.id, what: input.what, dueAt, customerVisible: input.customerVisible, madeById: actor.id, madeAt: now })
          .returning({ id: promises.id });
        promiseId = row.id;
      },
    };
  });
  return { complaint, promiseId, dueAt };
}

/** Records that a promise was kept or broken, with the reason, in the form's history. */
export async function resolvePromise(raw: ResolvePromiseInput, actor: CommandActor, now = new Date(), db?: Db) {
  const d = db ?? (await getDb());
  mayPromise(actor);
  const input = parse(resolvePromiseSchema, raw);
  const { complaint } = await changeForm(d, { key: { id: input.complaintId }, who: { actor }, expectedVersion: input.expectedVersion, now }, async (tx, form) => {
    const [promise] = await tx
      .select()
      .from(promises)
      .where(and(eq(promises.id, input.promiseId), eq(promises.complaintId, form.id)))
      .for('update');
    if (!promise) throw new PromiseError('not_found');
    if (promise.outcome) throw new PromiseError('already_resolved');
    return {
      event: {
        type: input.outcome === 'kept' ? 'promise_kept' : 'promise_broken',
        actor,
        // The reason is the staff's own account: internal, like a note that is not customer-visible.
        payload: { promiseId: promise.id, what: promise.what, dueAt: promise.dueAt.toISOString(), reason: input.reason },
        customerVisible: false,
      },
      effects: async () => {
        await tx
          .update(promises)
          .set({ outcome: input.outcome, outcomeReason: input.reason, outcomeAt: now, outcomeById: actor.id })
          .where(eq(promises.id, promise.id));
      },
    };
  });
  return { complaint };
}

export interface PromiseRow {
  id: string;
  what: string;
  dueAt: Date;
  customerVisible: boolean;
  madeBy: string;
  madeAt: Date;
  outcome: PromiseOutcome | null;
  outcomeReason: string | null;
  outcomeAt: Date | null;
  outcomeBy: string | null;
}

const outcomeUsers = alias(users, 'outcome_users');

/** A form's promises for its page, earliest due first; none when the viewer may not open the form. */
export async function listPromises(viewer: Viewer, complaintId: string, db?: Db): Promise<PromiseRow[]> {
  const d = db ?? (await getDb());
  const [form] = await d.select({ id: complaints.id, siteId: complaints.siteId, departmentId: complaints.departmentId }).from(complaints).where(eq(complaints.id, complaintId));
  if (!form || !(await mayOpen(d, viewer, form))) return [];
  const rows = await d
    .select({
      id: promises.id,
      what: promises.what,
      dueAt: promises.dueAt,
      customerVisible: promises.customerVisible,
      madeBy: users.name,
      madeAt: promises.madeAt,
      outcome: promises.outcome,
      outcomeReason: promises.outcomeReason,
      outcomeAt: promises.outcomeAt,
      outcomeBy: outcomeUsers.name,
    })
    .from(promises)
    .innerJoin(users, eq(users.id, promises.madeById))
    .leftJoin(outcomeUsers, eq(outcomeUsers.id, promises.outcomeById))
    .where(eq(promises.complaintId, complaintId))
    .orderBy(asc(promises.dueAt), asc(promises.id));
  return rows.map((r) => ({ ...r, outcome: r.outcome as PromiseOutcome | null }));
}
