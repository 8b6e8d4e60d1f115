import { getDatabase } from '@/db/client';
import { ensureAdmin, seedBase, seedDemo } from '@/db/seed';
import { startJobRunner } from '@/lib/jobs';

/**
 * Runs once per server process: migrations (inside getDatabase), reference data, the first
 * administrator or the demo data, then the background jobs.
 */
export async function startup(): Promise<void> {
  const database = await getDatabase();
  await seedBase(database.db);
  if (process.env.KESU_ADMIN_LOGIN && process.env.KESU_ADMIN_PASSWORD) {
    await ensureAdmin(database.db, process.env.KESU_ADMIN_LOGIN, process.env.KESU_ADMIN_PASSWORD);
  }
  if (process.env.KESU_DEMO === '1') {
    const { forms } = await seedDemo(database.db);
    if (forms) console.log(`[kesu] demo data: ${forms} forms created`);
  }
  if (process.env.KESU_JOBS !== '0') await startJobRunner(database);
}
