import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * The `db` that pg-boss talks through (its custom `db` option): `executeSql(text, values)`.
 *
 * Both adapters return the rows of EVERY statement of a multi-statement text, concatenated
 * (pg-boss sends `BEGIN; SET LOCAL …; SELECT pg_advisory_xact_lock(…); <work>; COMMIT` as one
 * text; newer versions read rows out of such texts), and both make sure a failing
 * multi-statement text never leaves its connection inside an aborted transaction:
 *
 * - PGlite has ONE connection, shared with the application: an `exec` of "BEGIN; …; COMMIT"
 *   that fails half-way leaves that connection in "current transaction is aborted" and every
 *   later query of the app fails. So a text without parameters runs inside
 *   `pglite.transaction()`, which holds PGlite's transaction lock for the whole text and rolls
 *   back on error. (The text's own BEGIN/COMMIT only raise harmless warnings in there.)
 *   A text with parameters is a single statement: `query(text, values)`.
 * - PostgreSQL: a pooled client is checked out per call; on error it is rolled back, and
 *   destroyed if even that fails, before it goes back to the pool.
 *
 * After `close()` the executor answers every call with no rows instead of touching the
 * database: pg-boss fires some queries without awaiting them (job completion) and must not
 * hit a closed database while the runner shuts down.
 */
export interface JobExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[]; rowCount: number }>;
  /** Calls still running. */
  readonly inFlight: number;
  close(): Promise<void>;
}

type Result = { rows: any[]; rowCount: number };
const EMPTY: Result = { rows: [], rowCount: 0 };

function tracked(run: (text: string, values?: unknown[]) => Promise<Result>, onClose: () => Promise<void>): JobExecutor {
  let inFlight = 0;
  let closed = false;
  return {
    get inFlight() {
      return inFlight;
    },
    async executeSql(text, values) {
      if (closed) return EMPTY;
      inFlight++;
      try {
        return await run(text, values);
      } finally {
        inFlight--;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await onClose();
    },
  };
}

export function pgliteExecutor(pglite: PGlite): JobExecutor {
  return tracked(
    async (text, values) => {
      if (values && values.length) {
        const res = await pglite.query<Record<string, unknown>>(text, values);
        return { rows: res.rows, rowCount: res.affectedRows ?? 0 };
      }
      const results = await pglite.transaction((tx) => tx.exec(text));
      return {
        rows: results.flatMap((r) => r.rows),
        rowCount: results.reduce((n, r) => n + (r.affectedRows ?? 0), 0),
      };
    },
    async () => {},
  );
}

/** Its own small pool from the connection string, so job polling never starves the app's pool. */
export function postgresExecutor(connectionString: string, max = 3): JobExecutor {
  const pool = new pg.Pool({ connectionString, max, application_name: 'kesu-jobs' });
  pool.on('error', (err) => console.error('[jobs] idle PostgreSQL client error:', err.message));
  return tracked(
    async (text, values) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        const res = (await client.query(text, values as unknown[] | undefined)) as pg.QueryResult | pg.QueryResult[];
        const list = Array.isArray(res) ? res : [res];
        return {
          rows: list.flatMap((r) => r.rows ?? []),
          rowCount: list.reduce((n, r) => n + (r.rowCount ?? 0), 0),
        };
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => {
          broken = e;
        });
        throw err;
      } finally {
        client.release(broken);
      }
    },
    () => pool.end(),
  );
}
