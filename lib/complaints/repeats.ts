import 'server-only';
/**
 * Repeat complaints (DESIGN §2): an earlier form of the same site with the same phone, the same
 * plate, or the same words in the same category, received within KESU_REPEAT_DAYS; a form
 * without a phone (from an e-mail) is compared by its e-mail address instead (complaints_email_idx). One
 * matching rule for the desk's live warning (intake.ts) and for the links stored at intake.
 * Each condition is served by its own index (complaints_phone_idx, complaints_plate_key_idx,
 * complaints_text_key_idx), so the planner ORs three index scans rather than reading a site.
 */
import { and, desc, eq, gte, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { categories, complaintLinks, complaints, plateKeySql, textKeySql, type Complaint } from '@/db/schema';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { StaffUser } from '@/db/queries/staff';
import { visibleTo } from './access';

export const repeatReasons = ['phone', 'plate', 'text', 'email'] as const;
export type RepeatReason = (typeof repeatReasons)[number];

const dayMs = 86_400_000;

/** The period in which a new form counts as a repeat: KESU_REPEAT_DAYS (1–3650), 90 days by default. */
export function repeatDays(): number {
  const n = Number(process.env.KESU_REPEAT_DAYS);
  return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : 90;
}

/** What a new form is compared by. The phone in E.164 (as stored); the category by id or by code. */
export interface RepeatKey {
  phone?: string | null;
  /** Compared only when there is no phone: the customer is known by the address alone. */
  email?: string | null;
  plate?: string | null;
  categoryId?: string | null;
  categoryCode?: string | null;
  description?: string | null;
}

/**
 * Shorter than this (without spaces and punctuation), a description says too little to tell
 * one customer from another ("态度很差。"): it is not compared.
 */
const minTextLength = 12;

function conditions(key: RepeatKey): { reason: RepeatReason; where: SQL }[] {
  const out: { reason: RepeatReason; where: SQL }[] = [];
  if (key.phone) out.push({ reason: 'phone', where: eq(complaints.customerPhone, key.phone) });
  else if (key.email) out.push({ reason: 'email', where: sql`lower(${complaints.customerEmail}) = lower(${key.email})` });
  const plate = key.plate?.replace(/[\s\u3000·•.-]/g, '');
  if (plate && plate.length >= 3) out.push({ reason: 'plate', where: sql`${plateKeySql(complaints.plate)} = ${plateKeySql(sql`${key.plate}::text`)}` });
  const words = key.description?.replace(/[\s\p{P}\p{S}]/gu, '') ?? '';
  const category = key.categoryId
    ? sql`${key.categoryId}::uuid`
    : key.categoryCode
      ? sql`(select ${categories.id} from ${categories} where ${categories.code} = ${key.categoryCode})`
      : undefined;
  if (category && words.length >= minTextLength) {
    out.push({
      reason: 'text',
      where: sql`${complaints.categoryId} = ${category} and ${textKeySql(complaints.description)} = ${textKeySql(sql`${key.description}::text`)}`,
    });
  }
  return out;
}

export interface RepeatCandidate {
  id: string;
  number: string;
  status: string;
  receivedAt: Date;
  description: string;
  reasons: RepeatReason[];
}

/**
 * The earlier forms of `siteId` that a form with `key` received at `now` repeats, newest first
 * (at most 20). `extra` narrows them further (the viewer's reach for the desk's warning).
 */
export async function findRepeatCandidates(
  db: Db | Tx,
  siteId: string,
  key: RepeatKey,
  now: Date,
  opts: { excludeId?: string; extra?: SQL } = {},
): Promise<RepeatCandidate[]> {
  const conds = conditions(key);
  if (conds.length === 0) return [];
  const since = new Date(now.getTime() - repeatDays() * dayMs);
  const rows = await db
    .select({
      id: complaints.id,
      number: complaints.number,
      status: complaints.status,
      receivedAt: complaints.receivedAt,
      description: complaints.description,
      ...Object.fromEntries(conds.map((c) => [c.reason, sql<boolean>`(${c.where})`])),
    })
    .from(complaints)
    .where(
      and(
        or(...conds.map((c) => c.where)),
        eq(complaints.siteId, siteId),
        gte(complaints.receivedAt, since),
        lte(complaints.receivedAt, now),
        opts.excludeId ? ne(complaints.id, opts.excludeId) : undefined,
        opts.extra,
      ),
    )
    .orderBy(desc(complaints.receivedAt))
    .limit(20);
  return rows.map((r) => {
    const flags = r as unknown as Record<RepeatReason, boolean>;
    return {
      id: r.id,
      number: r.number,
      status: r.status,
      receivedAt: r.receivedAt,
      description: r.description,
      reasons: conds.map((c) => c.reason).filter((reason) => flags[reason]),
    };
  });
}

/** Stores the links of a new form to the earlier forms it repeats; call in the intake's transaction. */
export async function linkRepeats(tx: Tx, form: Complaint, now: Date): Promise<number> {
  const earlier = await findRepeatCandidates(
    tx,
    form.siteId,
    { phone: form.customerPhone, email: form.customerEmail, plate: form.plate, categoryId: form.categoryId, description: form.description },
    now,
    { excludeId: form.id },
  );
  const rows = earlier.flatMap((e) => e.reasons.map((reason) => ({ complaintId: form.id, earlierId: e.id, reason, createdAt: now })));
  if (rows.length) await tx.insert(complaintLinks).values(rows).onConflictDoNothing();
  return earlier.length;
}

/** Whether the form in `complaints` is a repeat: one probe of the complaint_links primary key. */
export const isRepeatSql = sql<boolean>`exists (select 1 from ${complaintLinks} where ${complaintLinks.complaintId} = ${complaints.id})`;

export interface LinkedForm {
  number: string;
  status: string;
  receivedAt: Date;
  reasons: RepeatReason[];
}

/**
 * The form page's links: the earlier forms this one repeats, and the later forms that repeat
 * it, each only if the viewer may see it (visibleTo, as everywhere).
 */
export async function loadRepeatLinks(user: StaffUser, complaintId: string, db?: Db): Promise<{ earlier: LinkedForm[]; later: LinkedForm[] }> {
  const d = db ?? (await getDb());
  const linked = (mine: AnyPgColumn, theirs: AnyPgColumn) =>
    d
      .select({
        number: complaints.number,
        status: complaints.status,
        receivedAt: complaints.receivedAt,
        reasons: sql<RepeatReason[]>`array_agg(distinct ${complaintLinks.reason} order by ${complaintLinks.reason})`,
      })
      .from(complaintLinks)
      .innerJoin(complaints, eq(complaints.id, theirs))
      .where(and(eq(mine, complaintId), visibleTo(user)))
      .groupBy(complaints.id, complaints.number, complaints.status, complaints.receivedAt)
      .orderBy(desc(complaints.receivedAt))
      .limit(20);
  const [earlier, later] = await Promise.all([
    linked(complaintLinks.complaintId, complaintLinks.earlierId),
    linked(complaintLinks.earlierId, complaintLinks.complaintId),
  ]);
  return { earlier, later };
}
