import { expect, it } from 'vitest';
import { analyzeStaleTables } from '@/db/maintenance';
import { forEachBackend } from '@/tests/helpers/databases';

forEachBackend('analyzeStaleTables', (backend) => {
  it('analyzes the tables that changed much since their last analysis, on PGlite only', async () => {
    const database = await backend.open();
    await database.execute(`create table kesu_stats_probe (x int); insert into kesu_stats_probe select generate_series(1, 1000)`);
    const stats = async () => Number((await database.execute(`select count(*)::int as n from pg_stats where tablename = 'kesu_stats_probe'`))[0].n);
    // Activity counters reach pg_stat_user_tables when the session reports them (at most once a
    // second): make it report now, as it will have long before the hourly job runs.
    const flush = async () => {
      await database.execute(`select pg_stat_force_next_flush()`);
      await database.execute(`select 1`);
    };
    await flush();
    const first = await analyzeStaleTables(database);
    if (database.kind === 'postgres') {
      expect(first).toEqual([]);
      return;
    }
    expect(first).toContain('kesu_stats_probe');
    expect(await stats()).toBe(1);
    // Unchanged since: not analyzed again; after many changes: analyzed again.
    await flush();
    expect(await analyzeStaleTables(database)).not.toContain('kesu_stats_probe');
    await database.execute(`insert into kesu_stats_probe select generate_series(1, 500)`);
    await flush();
    expect(await analyzeStaleTables(database)).toContain('kesu_stats_probe');
  });
});
