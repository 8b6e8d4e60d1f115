import path from 'node:path';
import { openDatabase } from '@/db/client';
import { createApiKey } from '@/lib/api/keys';
import type { Dataset } from './dataset';

/**
 * An API key of the desk's role (full history) for the api_* scenarios, made through the same
 * lib function as /admin/api-keys, in the data set the server will open: on PGlite before the
 * server holds the folder. A reused data set gains one key per run.
 */
export async function makeBenchApiKey(dataset: Dataset): Promise<string> {
  const database = await openDatabase(dataset.backend === 'postgres' ? { url: dataset.url, migrate: false } : { url: '', dataDir: path.join(dataset.dataDir!, 'pglite'), migrate: false });
  try {
    const [admin] = await database.execute(`select u.id, u.site_id from users u join sites s on s.id = u.site_id where u.role = 'admin' and u.active and s.code = 'main' order by u.created_at limit 1`);
    if (!admin) throw new Error('bench: the data set has no active admin to make an API key');
    const { token } = await createApiKey(
      { name: `bench ${new Date().toISOString()}`, role: 'desk', siteId: String(admin.site_id), history: 'full' },
      { id: String(admin.id), role: 'admin', siteId: String(admin.site_id) },
      database.db,
    );
    return token;
  } finally {
    await database.close();
  }
}
