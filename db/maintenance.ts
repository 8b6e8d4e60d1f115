import type { Database } from './client';

/**
 * PGlite has no autovacuum: without this its planner never gets statistics, and a search for a
 * common Chinese word reads every candidate through the GIN index and sorts them (at 100,000
 * forms: 0.4 s instead of 2 ms, measured) instead of walking the newest forms. So, like
 * autovacuum's default rule, ANALYZE each table that changed by more than 50 rows + 10 % since
 * its last analysis. PostgreSQL does this itself: nothing to do there.
 */
export async function analyzeStaleTables(database: Database): Promise<string[]> {
  if (database.kind !== 'pglite') return [];
  const rows = await database.execute(
    `select s.relname as name from pg_stat_user_tables s join pg_class c on c.oid = s.relid
      where s.schemaname = 'public' and s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
      order by s.relname`,
  );
  const names = rows.map((r) => String(r.name));
  // Names come from the catalog; quoted all the same.
  for (const name of names) await database.execute(`analyze "${name.replace(/"/g, '""')}"`);
  return names;
}
