import 'server-only';
/**
 * Similar complaints on the form page: the earlier forms of the site whose words are closest to
 * this one's (lib/triage/similar.ts: TF-IDF over words, bigrams, model names and the bilingual
 * glossary), beyond the exact repeat links of lib/complaints/repeats.ts, with their state and how
 * they were settled, of those the viewer may see.
 *
 * The index is kept in this process per site and holds the site's latest `similarWindow()` forms
 * (KESU_SIMILAR_FORMS, 5,000 by default): a first look reads them once, later looks add only the
 * forms received since, and the whole index is read again every 10 minutes so that a changed or
 * anonymised description drops out.
 */
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaints } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { visibleTo } from '@/lib/complaints/access';
import { SimilarityIndex } from './similar';

export function similarWindow(): number {
  const n = Number(process.env.KESU_SIMILAR_FORMS);
  return Number.isInteger(n) && n >= 10 && n <= 100_000 ? n : 5000;
}

const refreshMs = 10 * 60_000;

interface Entry {
  id: string;
  receivedAt: number;
}

interface SiteIndex {
  index: SimilarityIndex<Entry>;
  /** the latest received_at the index holds */
  watermark: Date | null;
  builtAt: number;
}

const g = globalThis as unknown as { kesuSimilarIndexes?: Map<string, SiteIndex> };
const indexes = (g.kesuSimilarIndexes ??= new Map());

const textOf = (r: { description: string; customerRequest: string | null }) => `${r.description} ${r.customerRequest ?? ''}`;

async function siteIndex(d: Db, siteId: string, now: number): Promise<SiteIndex> {
  let s = indexes.get(siteId);
  if (!s || now - s.builtAt > refreshMs) {
    s = { index: new SimilarityIndex<Entry>(), watermark: null, builtAt: now };
    indexes.set(siteId, s);
  }
  const rows = await d
    .select({ id: complaints.id, receivedAt: complaints.receivedAt, description: complaints.description, customerRequest: complaints.customerRequest })
    .from(complaints)
    .where(and(eq(complaints.siteId, siteId), s.watermark ? gt(complaints.receivedAt, s.watermark) : undefined))
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(similarWindow());
  for (const r of rows.reverse()) {
    s.index.add({ id: r.id, receivedAt: r.receivedAt.getTime() }, textOf(r));
    if (!s.watermark || r.receivedAt > s.watermark) s.watermark = r.receivedAt;
  }
  return s;
}

export interface SimilarForm {
  number: string;
  status: string;
  receivedAt: Date;
  description: string;
  /** what was found and done, where the form got that far */
  outcome: string | null;
  /** cosine similarity, 0–1 */
  score: number;
}

/** Below this, two texts share little more than common words. */
const minScore = 0.15;

/** The `k` earlier forms most similar to `form`, best first, of those `user` may see. */
export async function findSimilarForms(
  user: StaffUser,
  form: { id: string; siteId: string; receivedAt: Date; description: string; customerRequest: string | null },
  db?: Db,
  k = 5,
): Promise<SimilarForm[]> {
  const d = db ?? (await getDb());
  const { index } = await siteIndex(d, form.siteId, Date.now());
  const before = form.receivedAt.getTime();
  const hits = index.query(textOf(form), 4 * k, (e) => e.id === form.id || e.receivedAt > before).filter((h) => h.score >= minScore);
  if (hits.length === 0) return [];
  const rows = await d
    .select({
      id: complaints.id,
      number: complaints.number,
      status: complaints.status,
      receivedAt: complaints.receivedAt,
      description: complaints.description,
      outcome: sql<string | null>`coalesce(${complaints.finalOpinion}, ${complaints.rootCause}, ${complaints.rejectionExplanation})`,
    })
    .from(complaints)
    .where(and(inArray(complaints.id, hits.map((h) => h.item.id)), visibleTo(user)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits
    .filter((h) => byId.has(h.item.id))
    .slice(0, k)
    .map((h) => {
      const { id: _id, ...r } = byId.get(h.item.id)!;
      return { ...r, score: h.score };
    });
}

/** Forgets the indexes (tests that rebuild a database under the same site). */
export function resetSimilarIndexes(): void {
  indexes.clear();
}
