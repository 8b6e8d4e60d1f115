import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { complaints, departments, notifications, users } from '@/db/schema';
import { localDate, type Role } from '@/lib/workflow';
import type { CommandActor } from '@/lib/complaints/commands';
import { openForChange } from '@/lib/complaints/change';
import { loadCalendar } from '@/lib/complaints/settings';
import { recordPromise, resolvePromise } from './promises';
import { absenceEnd } from '@/lib/admin/staff';
import { sendProgressMessage } from './daily-progress';
import { raisePromiseAlerts } from './alerts';

const HOUR = 3_600_000;

/**
 * Demo data of issue 21, made through the same commands as the UI and the job: on the first
 * forms being investigated, a customer-visible promise still open, one kept, an internal one
 * past its time, and an automatic progress message. Run by the start after seedDemo, in the
 * server process (the message is written in the customer's language through the messages).
 * Also an absent person.
 */
export async function seedDemoPromises(db: Db, now = new Date()): Promise<number> {
  const forms = await db.select().from(complaints).where(eq(complaints.status, 'investigating')).orderBy(asc(complaints.number)).limit(2);
  if (forms.length < 2) return 0;
  const [first, second] = forms;
  const [dept] = second.departmentId ? await db.select({ headUserId: departments.headUserId }).from(departments).where(eq(departments.id, second.departmentId)) : [];
  const people = await db.select().from(users).where(inArray(users.id, [first.customerManagerId, dept?.headUserId].filter((x): x is string => !!x)));
  const manager = people.find((p) => p.id === first.customerManagerId);
  const head = people.find((p) => p.id === dept?.headUserId);
  if (!manager || !head) return 0;
  const actor = (u: typeof manager): CommandActor => ({ id: u.id, role: u.role as Role, departmentId: u.departmentId, departmentPosition: u.id === head.id ? 'head' : null, name: u.name, siteId: u.siteId });
  const { timeZone } = await loadCalendar(db);
  const local = (at: Date) => ({ dueOn: localDate(at, timeZone), dueTime: new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at) });
  // Everything after the forms' own last step, and before now.
  const from = (form: typeof first) => Math.max(form.updatedAt.getTime(), now.getTime() - 3 * HOUR);
  const step = (now.getTime() - from(first)) / 5;
  const t = (n: number) => new Date(from(first) + n * step);

  // The automatic progress message, as the job sends it when the customer heard nothing for a business day.
  await db.transaction(async (tx) => sendProgressMessage(tx, await openForChange(tx, { id: first.id }, { system: true }), t(1), timeZone));
  // One promise kept: told, done, recorded with what was done.
  const kept = await recordPromise(
    { complaintId: first.id, expectedVersion: first.version + 1, what: '当天下午回电说明检测安排', ...local(t(3)), customerVisible: true },
    actor(manager), t(2), db,
  );
  const resolved = await resolvePromise(
    { complaintId: first.id, promiseId: kept.promiseId, expectedVersion: kept.complaint.version, outcome: 'kept', reason: '已按时回电，客户同意明早送检。' },
    actor(manager), t(2.5), db,
  );
  // One told to the customer and still open (due in two days).
  await recordPromise(
    { complaintId: first.id, expectedVersion: resolved.complaint.version, what: '两天内电话告知配件到货时间和维修安排', ...local(new Date(now.getTime() + 48 * HOUR)), customerVisible: true },
    actor(manager), t(4), db,
  );
  // An internal promise of the department, past its time and not recorded yet: the alert job tells its owner.
  const lateMade = from(second);
  await recordPromise(
    { complaintId: second.id, expectedVersion: second.version, what: '内部：向厂家技术支持确认故障代码含义', ...local(new Date((lateMade + now.getTime()) / 2)), customerVisible: false },
    actor(head), new Date(lateMade), db,
  );
  // Its owner's alert, raised now with the demo data rather than by the job while people work.
  await raisePromiseAlerts(db, now);
  // An absent person (the service department's primary handler, away for three more days): the
  // staff screen shows who is away. Not a head, so no form waits on the absence.
  await db.update(users).set({ absentUntil: absenceEnd(localDate(new Date(now.getTime() + 3 * 24 * HOUR), timeZone), timeZone) }).where(eq(users.login, 'liming'));
  // The demo histories are made up: the message stands for one sent back then.
  await db.update(notifications).set({ status: 'sent', sentAt: now }).where(and(eq(notifications.complaintId, first.id), eq(notifications.template, 'daily_progress')));
  return 3;
}
