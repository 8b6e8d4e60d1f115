import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaints, departments } from '@/db/schema';
import { openStates, stateOwner, type Role, type State } from '@/lib/workflow';
import type { StaffUser } from '@/db/queries/staff';

export interface QueueRow {
  id: string;
  number: string;
  status: State;
  severity: string;
  customerName: string;
  subject: string | null;
  departmentName: string | null;
  major: boolean;
  stepDueAt: Date | null;
  overdue: boolean;
}

/** States whose next step belongs to this role (from the procedure, not a copy of it). */
export function ownedStates(role: Role): State[] {
  if (role === 'admin') return [...openStates];
  return (Object.keys(stateOwner) as State[]).filter((s) => stateOwner[s].includes(role));
}

function scopeOf(user: StaffUser): SQL | undefined {
  return user.groupWide ? undefined : eq(complaints.siteId, user.siteId);
}

/** The forms waiting on this person's role right now, overdue first, then by deadline. */
export async function listOwnedForms(user: StaffUser, now = new Date(), db?: Db): Promise<QueueRow[]> {
  const d = db ?? (await getDb());
  const states = ownedStates(user.role);
  let owned: SQL | undefined = inArray(complaints.status, states);
  if (user.role === 'department') {
    owned = and(owned, user.departmentId ? eq(complaints.departmentId, user.departmentId) : sql`false`);
  }
  if (user.role === 'gm') {
    // Major forms wait for the GM's instruction wherever they are.
    owned = or(owned, and(eq(complaints.major, true), isNull(complaints.gmInstructedAt), inArray(complaints.status, [...openStates])));
  }
  return listForms(d, user, owned, now);
}

/** The desk's working lists, each sorted by deadline, overdue first. */
export async function listDeskQueues(user: StaffUser, now = new Date(), db?: Db) {
  const d = db ?? (await getDb());
  const [triage, mine, followUp, assess] = await Promise.all([
    listForms(d, user, eq(complaints.status, 'received'), now),
    listForms(d, user, and(eq(complaints.customerManagerId, user.id), inArray(complaints.status, [...openStates])), now),
    listForms(d, user, eq(complaints.status, 'follow_up'), now),
    listForms(d, user, eq(complaints.status, 'assessment'), now),
  ]);
  return { triage, mine, followUp, assess };
}

/** The general manager's three lists: final opinions, pending items to approve, major complaints to instruct. */
export async function listGmQueues(user: StaffUser, now = new Date(), db?: Db) {
  const d = db ?? (await getDb());
  const [decisions, pendingApprovals, instructions] = await Promise.all([
    listForms(d, user, eq(complaints.status, 'gm_decision'), now),
    listForms(d, user, eq(complaints.status, 'pending_approval'), now),
    listForms(d, user, and(eq(complaints.major, true), isNull(complaints.gmInstructedAt), inArray(complaints.status, [...openStates])), now),
  ]);
  return { decisions, pendingApprovals, instructions };
}

async function listForms(d: Db, user: StaffUser, where: SQL | undefined, now: Date): Promise<QueueRow[]> {
  const rows = await d
    .select({
      id: complaints.id,
      number: complaints.number,
      status: complaints.status,
      severity: complaints.severity,
      customerName: complaints.customerName,
      plate: complaints.plate,
      product: complaints.subjectProduct,
      departmentName: departments.name,
      major: complaints.major,
      stepDueAt: complaints.stepDueAt,
    })
    .from(complaints)
    .leftJoin(departments, eq(departments.id, complaints.departmentId))
    .where(and(where, scopeOf(user)))
    .orderBy(asc(complaints.stepDueAt), asc(complaints.number))
    .limit(500);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status as State,
    severity: r.severity,
    customerName: r.customerName,
    subject: [r.plate, r.product].filter(Boolean).join(' · ') || null,
    departmentName: r.departmentName,
    major: r.major,
    stepDueAt: r.stepDueAt,
    overdue: r.stepDueAt !== null && r.stepDueAt.getTime() < now.getTime(),
  }));
}
