import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { forEachBackend } from '@/tests/helpers/databases';
import { pgliteExecutor, postgresExecutor, type JobExecutor } from './executor';

forEachBackend('pg-boss executor', (backend) => {
  let database: Database;
  let executor: JobExecutor;
  beforeAll(async () => {
    database = await backend.open();
    const url = (database.pool as unknown as { options: { connectionString: string } } | undefined)?.options.connectionString;
    executor = database.pglite ? pgliteExecutor(database.pglite) : postgresExecutor(url!, 1);
  });
  afterAll(() => executor.close()); // before the helper drops the database

  it('returns the rows of every statement of a multi-statement text', async () => {
    const r = await executor.executeSql('BEGIN; SET LOCAL lock_timeout = \'30s\'; SELECT 1 AS a; SELECT 2 AS b; COMMIT;');
    expect(r.rows).toEqual([{ a: 1 }, { b: 2 }]);
    expect((await executor.executeSql('SELECT $1::int + 1 AS n', [41])).rows).toEqual([{ n: 42 }]);
  });

  it('leaves no aborted transaction behind when a multi-statement text fails half-way', async () => {
    await database.execute('CREATE TABLE IF NOT EXISTS executor_probe (x int)');
    await expect(executor.executeSql('BEGIN; INSERT INTO executor_probe VALUES (1); SELECT 1/0; COMMIT;')).rejects.toThrow(/division by zero/);
    // Same connection (PGlite has one; the PostgreSQL executor's pool has one here).
    expect((await executor.executeSql('SELECT count(*)::int AS n FROM executor_probe')).rows).toEqual([{ n: 0 }]);
    expect(await database.execute('SELECT count(*)::int AS n FROM executor_probe')).toEqual([{ n: 0 }]);
  });

  it('answers with no rows once closed', async () => {
    const other = database.pglite ? pgliteExecutor(database.pglite) : executor;
    if (other === executor) return; // the shared one is closed after the suite
    await other.close();
    expect(await other.executeSql('SELECT 1 AS a')).toEqual({ rows: [], rowCount: 0 });
  });
});
