import 'server-only';
import { getDatabase } from '@/db/client';
import { queueSql } from '@/bench/queue-sql';

/** The rows of the bench's `calib` page: the floor's own query (bench/floor.ts), as it sends it. */
export async function calibRows(): Promise<Record<string, unknown>[]> {
  return (await getDatabase()).execute(queueSql, []);
}
