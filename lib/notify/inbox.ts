import 'server-only';
import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaintParties, complaints, notifications } from '@/db/schema';
import { loadTimeZone } from '@/lib/complaints/settings';
import { aboutColumns, categoryJoin } from '@/lib/complaints/list-columns';
import { stateOwner, waitsFor, type Role, type State } from '@/lib/workflow';
import { isTemplateName, renderStaffContext, renderTemplate, templateShows, type NotificationPayload } from './templates';

/** Who reads the inbox: enough to tell which forms wait for them (a bare id: nothing is to do). */
export interface InboxViewer {
  id: string;
  role: Role;
  departmentId: string | null;
}

/** The inbox's filters: what to do / for information, and one form's notices. */
export interface InboxQuery {
  limit?: number;
  show?: 'all' | 'todo' | 'info';
  /** A form number: only that form's notices. */
  form?: string;
}

export interface InboxNotice {
  id: string;
  at: Date;
  template: string;
  number: string | null;
  subject: string;
  text: string;
  read: boolean;
  /** The template's own text already states the step deadline (so the change line leaves it out). */
  deadlineInText: boolean;
  /** What the step changed (absent on notices that are not about a step, e.g. a summary). */
  change: { from: string | null; to: string; by: string | null; deadline: Date | null } | null;
  /** Which complaint: customer, category and a line of it (null for a notice not about a form). */
  about: string | null;
  /** What the reader must do by when, as the form stands now, or that it is for information. */
  task: string;
  /** The form waits for the reader now. */
  todo: boolean;
}

/** `waitsFor` (lib/workflow) in SQL: the inbox's to-do filter. */
function waitsForSql(viewer: InboxViewer): SQL {
  const owned = (Object.keys(stateOwner) as State[]).filter((s) => stateOwner[s].includes(viewer.role));
  if (owned.length === 0) return sql`false`;
  const inOwned = inArray(complaints.status, owned);
  if (viewer.role !== 'department') return inOwned;
  return viewer.departmentId ? and(inOwned, eq(complaints.departmentId, viewer.departmentId))! : sql`false`;
}

/** The step a waiting form asks of the reader (`notify.staff.todo`'s choices). */
function actionOf(viewer: InboxViewer, status: string): string {
  return viewer.role === 'desk' && status === 'investigating' ? 'investigating_desk' : status;
}

/** Nothing about a form this person is involved in (recorded after the notice was queued, too). */
const notInvolved = (userId: string) =>
  sql`not exists (select 1 from ${complaintParties} where ${complaintParties.complaintId} = ${notifications.complaintId} and ${complaintParties.userId} = ${userId})`;

/**
 * A staff member's in-app notices (the outbox's `inbox` channel), newest first, in their language,
 * each with the form it is about and what the reader must do by when (issue 17). The form's
 * columns come in the same query (a join on the notice's form: no query per notice).
 */
export async function listInbox(reader: string | InboxViewer, locale: string, query: number | InboxQuery = 50, db?: Db): Promise<InboxNotice[]> {
  const d = db ?? (await getDb());
  const viewer = typeof reader === 'string' ? null : reader;
  const userId = typeof reader === 'string' ? reader : reader.id;
  const q: InboxQuery = typeof query === 'number' ? { limit: query } : query;
  const where: SQL[] = [eq(notifications.recipientUserId, userId), eq(notifications.channel, 'inbox'), notInvolved(userId)];
  if (q.form) where.push(eq(complaints.number, q.form));
  if (viewer && q.show === 'todo') where.push(waitsForSql(viewer));
  if (viewer && q.show === 'info') where.push(sql`not coalesce(${waitsForSql(viewer)}, false)`);
  const rows = await d
    .select({
      id: notifications.id,
      at: notifications.createdAt,
      template: notifications.template,
      payload: notifications.payload,
      readAt: notifications.readAt,
      status: complaints.status,
      departmentId: complaints.departmentId,
      stepDueAt: complaints.stepDueAt,
      customerName: complaints.customerName,
      ...aboutColumns,
    })
    .from(notifications)
    .leftJoin(complaints, eq(complaints.id, notifications.complaintId))
    .leftJoin(...categoryJoin)
    .where(and(...where))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.limit ?? 50);
  const timeZone = await loadTimeZone(d);
  const en = locale.toLowerCase().startsWith('en');
  return rows.flatMap((row) => {
    const payload = row.payload as NotificationPayload;
    try {
      const { subject, text } = renderTemplate(row.template, locale, payload, timeZone);
      const to = typeof payload.toState === 'string' ? payload.toState : null;
      const deadline = typeof payload.deadline === 'string' ? new Date(payload.deadline) : null;
      const todo = waitsFor(viewer, row);
      const context = renderStaffContext(
        locale,
        {
          customer: row.customerName ?? undefined,
          category: (en ? row.categoryNameEn : row.categoryName) ?? undefined,
          summary: row.firstLine ?? undefined,
          action: todo && viewer && row.status ? actionOf(viewer, row.status) : undefined,
          deadline: row.stepDueAt,
        },
        timeZone,
      );
      return [
        {
          id: row.id,
          at: row.at,
          template: row.template,
          number: typeof payload.number === 'string' ? payload.number : null,
          subject,
          text,
          read: row.readAt !== null,
          deadlineInText: isTemplateName(row.template) && templateShows(row.template, 'deadline') && !!payload.deadline,
          change: to
            ? {
                from: typeof payload.fromState === 'string' ? payload.fromState : null,
                to,
                by: typeof payload.actorName === 'string' ? payload.actorName : null,
                deadline: deadline && !Number.isNaN(deadline.getTime()) ? deadline : null,
              }
            : null,
          about: context.about,
          task: context.task,
          todo,
        },
      ];
    } catch {
      return []; // a template this version no longer has
    }
  });
}

/** One form's notices together (newest group first), and each notice not about a form alone. */
export interface InboxGroup {
  key: string;
  number: string | null;
  notices: InboxNotice[];
  unread: number;
}

export function groupByForm(notices: InboxNotice[]): InboxGroup[] {
  const groups = new Map<string, InboxGroup>();
  for (const n of notices) {
    const key = n.number ?? `notice:${n.id}`;
    const group = groups.get(key) ?? { key, number: n.number, notices: [], unread: 0 };
    group.notices.push(n);
    if (!n.read) group.unread++;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The navigation shows "99+" past this: counting stops there, so the cost stays bounded. */
export const UNREAD_COUNT_CAP = 99;

/**
 * Unread notices of one person, counted up to UNREAD_COUNT_CAP + 1. Runs on every staff page:
 * it reads only the partial index notifications_unread_idx (unread inbox rows of the person),
 * and at most CAP + 1 of them, however many forms and notices the database holds.
 */
export async function countUnread(userId: string, db?: Db): Promise<number> {
  const d = db ?? (await getDb());
  const unread = d
    .select({ one: sql`1` })
    .from(notifications)
    .where(and(eq(notifications.recipientUserId, userId), eq(notifications.channel, 'inbox'), isNull(notifications.readAt), notInvolved(userId)))
    .limit(UNREAD_COUNT_CAP + 1)
    .as('unread');
  const [row] = await d.select({ n: sql<number>`count(*)::int` }).from(unread);
  return row?.n ?? 0;
}

/**
 * Marks the person's own notices read: the given ones, or all of them. Rows of anybody else
 * are untouched whatever ids are passed. Returns how many changed.
 */
export async function markInboxRead(userId: string, ids: string[] | 'all', now = new Date(), db?: Db): Promise<number> {
  const d = db ?? (await getDb());
  if (ids !== 'all' && ids.length === 0) return 0;
  const updated = await d
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.recipientUserId, userId),
        eq(notifications.channel, 'inbox'),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    )
    .returning({ id: notifications.id });
  return updated.length;
}
