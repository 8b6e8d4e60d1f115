import { and, asc, desc, eq, ne, or } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { categories, complaints, users } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { visibleTo } from './form-view';

export interface EarlierForm {
  number: string;
  status: string;
  receivedAt: Date;
  description: string;
}

/** Earlier forms of the same phone number or plate: a repeat complaint is flagged at intake. */
export async function findEarlierForms(user: StaffUser, key: { phone?: string; plate?: string }, db?: Db): Promise<EarlierForm[]> {
  const phone = key.phone?.trim();
  const plate = key.plate?.trim().toUpperCase();
  const match = or(phone ? eq(complaints.customerPhone, phone) : undefined, plate ? eq(complaints.plate, plate) : undefined);
  if (!match) return [];
  const d = db ?? (await getDb());
  return d
    .select({ number: complaints.number, status: complaints.status, receivedAt: complaints.receivedAt, description: complaints.description })
    .from(complaints)
    .where(and(match, visibleTo(user)))
    .orderBy(desc(complaints.receivedAt))
    .limit(10);
}

/** What the intake form offers: categories and the staff who can be named as involved. */
export async function loadIntakeChoices(user: StaffUser, db?: Db) {
  const d = db ?? (await getDb());
  const [cats, staff] = await Promise.all([
    d.select({ code: categories.code, name: categories.name, nameEn: categories.nameEn, defaultSeverity: categories.defaultSeverity }).from(categories).where(eq(categories.active, true)).orderBy(asc(categories.code)),
    d
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.siteId, user.siteId), eq(users.active, true), ne(users.role, 'admin')))
      .orderBy(asc(users.name)),
  ]);
  return { categories: cats, staff };
}
