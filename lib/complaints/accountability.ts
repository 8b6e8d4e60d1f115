import 'server-only';
import { and, asc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accountabilityEntries, complaints, departments, users } from '@/db/schema';

/** One penalty or reward as the summaries list it: who, on which form, how much, why. */
export interface AccountabilityRow {
  userId: string | null;
  /** The name recorded with the entry (for staff: their directory name at the time). */
  person: string;
  /** Their directory name now, for staff. */
  directoryName: string | null;
  departmentName: string | null;
  departmentNameEn: string | null;
  complaintId: string;
  number: string;
  type: 'penalty' | 'reward';
  amountCents: number;
  reason: string;
  at: Date;
}

/** One person's penalties and rewards of a period, each entry with its form. */
export interface PersonAccountability {
  /** The directory id, or null for someone outside the directory (grouped by the name written). */
  userId: string | null;
  name: string;
  departmentName: string | null;
  departmentNameEn: string | null;
  penaltyCents: number;
  rewardCents: number;
  entries: { number: string; type: 'penalty' | 'reward'; amountCents: number; reason: string; at: Date }[];
}

/** The entries recorded in [start, end) on the forms matching `where` (a condition on `complaints`), oldest first. */
export async function accountabilityIn(db: Db, where: SQL | undefined, start: Date, end: Date): Promise<AccountabilityRow[]> {
  const rows = await db
    .select({
      userId: accountabilityEntries.userId,
      person: accountabilityEntries.person,
      directoryName: users.name,
      departmentName: departments.name,
      departmentNameEn: departments.nameEn,
      complaintId: complaints.id,
      number: complaints.number,
      type: accountabilityEntries.type,
      amountCents: accountabilityEntries.amountCents,
      reason: accountabilityEntries.reason,
      at: accountabilityEntries.createdAt,
    })
    .from(accountabilityEntries)
    .innerJoin(complaints, eq(complaints.id, accountabilityEntries.complaintId))
    .leftJoin(users, eq(users.id, accountabilityEntries.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(and(where, gte(accountabilityEntries.createdAt, start), lt(accountabilityEntries.createdAt, end)))
    .orderBy(asc(accountabilityEntries.createdAt), asc(accountabilityEntries.id));
  return rows.map((r) => ({ ...r, type: r.type === 'reward' ? 'reward' : 'penalty' }));
}

/**
 * Groups entries by person: staff by their directory id (so "班组长 吴涛" and "吴涛" typed on two
 * forms are one person when picked from the directory), people outside it by the name written
 * (spaces trimmed). People in name order; each person's entries in the order recorded.
 */
export function groupByPerson(rows: readonly AccountabilityRow[], locale: string = 'zh-CN'): PersonAccountability[] {
  const groups = new Map<string, PersonAccountability>();
  for (const r of rows) {
    const name = r.userId ? (r.directoryName ?? r.person) : r.person.trim().replace(/\s+/g, ' ');
    const key = r.userId ? `id:${r.userId}` : `name:${name}`;
    let g = groups.get(key);
    if (!g) {
      g = { userId: r.userId, name, departmentName: r.departmentName, departmentNameEn: r.departmentNameEn, penaltyCents: 0, rewardCents: 0, entries: [] };
      groups.set(key, g);
    }
    if (r.type === 'penalty') g.penaltyCents += r.amountCents;
    else g.rewardCents += r.amountCents;
    g.entries.push({ number: r.number, type: r.type, amountCents: r.amountCents, reason: r.reason, at: r.at });
  }
  const collator = new Intl.Collator(locale === 'en' ? 'en' : 'zh-CN');
  // Staff before people outside the directory, then by name.
  return [...groups.values()].sort((a, b) => Number(a.userId === null) - Number(b.userId === null) || collator.compare(a.name, b.name));
}
