/** Statements on the PostgreSQL server of TEST_DATABASE_URL (create, clone, drop databases). */
import pg from 'pg';

/** Runs one statement on its own connection (CREATE/DROP DATABASE cannot run in a pool's transaction). */
export async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * pool.end() resolves before its sockets are closed; waits (up to 5 s) until the server has seen
 * every connection to `dbName` go, so that a DROP or a CREATE … TEMPLATE does not meet them.
 */
export async function waitUntilUnused(adminUrl: string, dbName: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [dbName]);
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await client.end();
  }
}
