import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { complaints, departments, users } from '@/db/schema';
import type { Role } from '@/lib/workflow';
import type { CommandActor } from '@/lib/complaints/commands';
import { handOverForm } from './handover';
import { HandoverError } from './errors';

/**
 * Demo data of the hand-over (issue 21): the service department's head named 李明 (`liming`, away
 * in the demo) the handler of two of the department's open forms, through the same command as
 * the form page — so that the admin can hand a person's open forms over at once from the staff
 * screen. Run by the start after the other demo data.
 */
export async function seedDemoHandover(db: Db, now = new Date()): Promise<number> {
  const [dept] = await db.select().from(departments).where(eq(departments.code, 'service')).limit(1);
  const [handler] = await db.select().from(users).where(eq(users.login, 'liming'));
  const [head] = dept?.headUserId ? await db.select().from(users).where(eq(users.id, dept.headUserId)) : [];
  if (!dept || !handler || !head) return 0;
  const forms = await db
    .select()
    .from(complaints)
    .where(and(eq(complaints.departmentId, dept.id), inArray(complaints.status, ['investigating', 'management_review', 'accountability'])))
    .orderBy(asc(complaints.number))
    .limit(2);
  const actor: CommandActor = { id: head.id, role: head.role as Role, departmentId: head.departmentId, departmentPosition: 'head', name: head.name, siteId: head.siteId };
  let named = 0;
  for (const form of forms) {
    await handOverForm({ complaintId: form.id, expectedVersion: form.version, position: 'handler', toUserId: handler.id, reason: '李明熟悉此类问题，由他跟进。' }, actor, now, db)
      .then(() => named++)
      .catch((err: unknown) => {
        // An involved party cannot be named: the demo skips that form.
        if (!(err instanceof HandoverError && err.code === 'not_assignable')) throw err;
      });
  }
  return named;
}
