import 'server-only';
/**
 * High-frequency problems (DESIGN §2: find the repeat and high-frequency problems behind the
 * complaints). When `frequentCount` forms of a site with similar words (lib/triage/similar.ts,
 * any customer) arrive within `frequentDays` (the admin's triage settings, 3 in 7 days by
 * default), the quality department and management are told once, with the group. A form belongs
 * to one group at most: a later similar form joins its group without a second alert.
 *
 * Run by the job `kesu-triage-frequent` (every 10 minutes, and kicked after each intake); one run
 * at a time (a transaction-scoped advisory lock), so two instances never alert a group twice.
 */
import { and, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { complaints, departments, frequentProblemForms, frequentProblems, notifications, users } from '@/db/schema';
import { publicBase } from '@/lib/complaints/outbox';
import { SimilarityIndex } from './similar';
import { loadTriageSettings } from './settings';

/** Two forms this similar (cosine, 0–1) are taken to be about one problem. */
export const sameProblemScore = 0.3;

const dayMs = 86_400_000;
/** At most this many forms of a window are compared (the newest). */
const windowLimit = 5000;

interface WindowForm {
  id: string;
  number: string;
  receivedAt: Date;
  description: string;
  customerRequest: string | null;
  problemId: string | null;
}

const firstLine = (text: string) => {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
};

/** The quality department's head and handlers, and management, of the site: active, each once. */
async function recipients(tx: Tx, siteId: string) {
  const [quality] = await tx.select().from(departments).where(and(eq(departments.siteId, siteId), eq(departments.code, 'quality')));
  const ids = [quality?.headUserId, quality?.primaryUserId, quality?.secondaryUserId].filter((x): x is string => !!x);
  const pick = { id: users.id, email: users.email, locale: users.locale };
  const management = await tx
    .select(pick)
    .from(users)
    .where(and(eq(users.active, true), eq(users.role, 'management'), sql`(${users.siteId} = ${siteId} or ${users.groupWide})`));
  const dept = ids.length ? await tx.select(pick).from(users).where(and(eq(users.active, true), inArray(users.id, ids))) : [];
  return [...new Map([...dept, ...management].map((u) => [u.id, u])).values()];
}

async function alert(tx: Tx, siteId: string, group: WindowForm[], days: number, now: Date): Promise<void> {
  const latest = group.reduce((a, b) => (b.receivedAt > a.receivedAt ? b : a));
  const payload = {
    number: latest.number,
    count: group.length,
    days,
    forms: [...group].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()).map((f) => ({ number: f.number, line: firstLine(f.description) })),
    url: `${publicBase()}/complaints/${latest.number}`,
  };
  const rows = (await recipients(tx, siteId)).flatMap((u) => {
    const base = { complaintId: latest.id, audience: 'frequent', recipientUserId: u.id, template: 'frequent_problem', locale: u.locale, payload, address: u.email };
    return [{ ...base, channel: 'inbox' }, ...(u.email ? [{ ...base, channel: 'email' }] : [])];
  });
  if (rows.length) await tx.insert(notifications).values(rows);
}

/** Finds the groups of the window and alerts the new ones; returns how many groups were alerted. */
export async function raiseFrequentProblems(db: Db, now = new Date()): Promise<number> {
  const { frequentCount, frequentDays } = await loadTriageSettings(db);
  const since = new Date(now.getTime() - frequentDays * dayMs);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('kesu-frequent-problems'))`);
    const rows = await tx
      .select({
        id: complaints.id,
        siteId: complaints.siteId,
        number: complaints.number,
        receivedAt: complaints.receivedAt,
        description: complaints.description,
        customerRequest: complaints.customerRequest,
        problemId: frequentProblemForms.problemId,
      })
      .from(complaints)
      .leftJoin(frequentProblemForms, eq(frequentProblemForms.complaintId, complaints.id))
      .where(and(gt(complaints.receivedAt, since), lte(complaints.receivedAt, now)))
      .orderBy(desc(complaints.receivedAt))
      .limit(windowLimit);
    const bySite = new Map<string, WindowForm[]>();
    for (const { siteId, ...r } of rows) {
      if (!bySite.has(siteId)) bySite.set(siteId, []);
      bySite.get(siteId)!.push(r);
    }
    let alerted = 0;
    for (const [siteId, forms] of bySite) {
      const index = new SimilarityIndex<WindowForm>();
      for (const f of forms) index.add(f, `${f.description} ${f.customerRequest ?? ''}`);
      // Oldest first: a group forms around the form that started it.
      for (const f of [...forms].reverse()) {
        if (f.problemId) continue;
        const near = index.query(`${f.description} ${f.customerRequest ?? ''}`, 50, (o) => o.id === f.id).filter((h) => h.score >= sameProblemScore).map((h) => h.item);
        const known = near.find((o) => o.problemId);
        if (known) {
          // Joins the group already told of: no second alert.
          await tx.insert(frequentProblemForms).values({ complaintId: f.id, problemId: known.problemId! }).onConflictDoNothing();
          f.problemId = known.problemId;
          continue;
        }
        const group = [f, ...near];
        if (group.length < frequentCount) continue;
        const [problem] = await tx.insert(frequentProblems).values({ siteId, at: now }).returning({ id: frequentProblems.id });
        await tx.insert(frequentProblemForms).values(group.map((g) => ({ complaintId: g.id, problemId: problem.id }))).onConflictDoNothing();
        for (const g of group) g.problemId = problem.id;
        await alert(tx, siteId, group, frequentDays, now);
        alerted++;
      }
    }
    return alerted;
  });
}

export interface FrequentProblemGroup {
  id: string;
  at: Date;
  forms: { number: string; receivedAt: Date; description: string }[];
}

/** The groups alerted in [from, to) for a site (the weekly summary's "high-frequency problems"). */
export async function frequentProblemsIn(db: Db | Tx, siteId: string, from: Date, to: Date): Promise<FrequentProblemGroup[]> {
  const rows = await db
    .select({ id: frequentProblems.id, at: frequentProblems.at, number: complaints.number, receivedAt: complaints.receivedAt, description: complaints.description })
    .from(frequentProblems)
    .innerJoin(frequentProblemForms, eq(frequentProblemForms.problemId, frequentProblems.id))
    .innerJoin(complaints, eq(complaints.id, frequentProblemForms.complaintId))
    .where(and(eq(frequentProblems.siteId, siteId), sql`${frequentProblems.at} >= ${from}`, sql`${frequentProblems.at} < ${to}`))
    .orderBy(frequentProblems.at, complaints.receivedAt);
  const groups = new Map<string, FrequentProblemGroup>();
  for (const r of rows) {
    if (!groups.has(r.id)) groups.set(r.id, { id: r.id, at: r.at, forms: [] });
    groups.get(r.id)!.forms.push({ number: r.number, receivedAt: r.receivedAt, description: firstLine(r.description) });
  }
  return [...groups.values()];
}
