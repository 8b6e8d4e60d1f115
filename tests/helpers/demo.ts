import type { Database, Db } from '@/db/client';
import { users } from '@/db/schema';
import { seedBase, seedDemo } from '@/db/seed';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import type { Backend } from './databases';

/** A new database of the backend with the demo data as of `now`, and every demo user by login (filled into `staff`). */
export async function openDemo(backend: Backend, now: Date, staff: Record<string, StaffUser>): Promise<{ database: Database; db: Db }> {
  const database = await backend.open();
  const db = database.db;
  await seedBase(db);
  await seedDemo(db, now);
  for (const u of await db.select().from(users)) staff[u.login] = (await loadStaffUser(u.id, db))!;
  return { database, db };
}
