import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { categories, users } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { visibleTo } from './access';
import { directoryMember } from './staff-directory';
import { findRepeatCandidates, type RepeatReason } from './repeats';
import { normalizePhone } from '@/lib/validation/phone';

export interface EarlierForm {
  number: string;
  status: string;
  receivedAt: Date;
  description: string;
  /** Why it counts: the same phone, plate or words (lib/complaints/repeats.ts). */
  reasons: RepeatReason[];
}

/**
 * The desk's live warning while typing: the earlier forms the new one would be linked to at
 * intake (the same rule, lib/complaints/repeats.ts), of those this person may see. The phone
 * is compared in E.164 however it is typed; one that is not a valid number yet is left out.
 */
export async function findEarlierForms(
  user: StaffUser,
  key: { phone?: string; plate?: string; categoryCode?: string; description?: string },
  db?: Db,
  now = new Date(),
): Promise<EarlierForm[]> {
  const phone = key.phone ? normalizePhone(key.phone) : null;
  const d = db ?? (await getDb());
  const found = await findRepeatCandidates(
    d,
    user.siteId,
    { phone, plate: key.plate?.trim() || null, categoryCode: key.categoryCode || null, description: key.description?.trim() || null },
    now,
    { extra: visibleTo(user) },
  );
  return found.slice(0, 10).map(({ number, status, receivedAt, description, reasons }) => ({ number, status, receivedAt, description, reasons }));
}

/** What the intake form offers: categories and the staff who can be named as involved. */
export async function loadIntakeChoices(user: StaffUser, db?: Db) {
  const d = db ?? (await getDb());
  const [cats, staff] = await Promise.all([
    d.select({ code: categories.code, name: categories.name, nameEn: categories.nameEn, defaultSeverity: categories.defaultSeverity }).from(categories).where(eq(categories.active, true)).orderBy(asc(categories.code)),
    // The directory's rule (staff-directory.ts): createComplaint accepts exactly these.
    d.select({ id: users.id, name: users.name }).from(users).where(directoryMember(user.siteId)).orderBy(asc(users.name)),
  ]);
  return { categories: cats, staff };
}
