import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle: the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL (several statements allowed when no params); returns the rows of the last statement. */
  execute(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
}

export interface OpenOptions {
  /** postgres://… to use PostgreSQL; otherwise PGlite. */
  url?: string;
  /** PGlite data folder, or 'memory' for an in-memory database (tests). */
  dataDir?: string;
  /** With dataDir 'memory': start from this dump of a data folder (PGlite `dumpDataDir`), not initdb. */
  template?: Blob;
  migrate?: boolean;
}

/**
 * PGlite keeps PostgreSQL's shared buffers inside its WebAssembly memory, which never shrinks:
 * the default 128 MB was ~100 MB of the server's resident memory at idle. 32 MB measured 358 MB
 * idle RSS instead of 455 MB on the demo data (README "Performance"); the data files stay in the
 * operating system's page cache either way.
 */
const pgliteStart = { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'] };

export const migrationsFolder = path.join(/* turbopackIgnore: true */ process.cwd(), 'db', 'migrations');

export function dataDir(): string {
  return path.resolve(process.env.KESU_DATA_DIR || path.join(/* turbopackIgnore: true */ process.cwd(), 'data'));
}

/**
 * Two processes writing one PGlite folder corrupt it without any error, so the
 * process that opens it holds a lock file and any other process fails fast.
 */
function lockFolder(dir: string): () => void {
  const lockPath = path.join(dir, 'kesu.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `The data folder ${dir} is in use by process ${holder}. Only one process may open an ` +
            `embedded (PGlite) database: stop that process, set KESU_DATA_DIR to another folder, ` +
            `or use PostgreSQL through DATABASE_URL.`,
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale lock of a process that died
    }
  }
  throw new Error(`Could not lock the data folder ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PostgreSQL that cannot be reached, or a database that does not exist: one sentence saying what to do. */
export class DatabaseUnavailableError extends Error {}

function connectionError(url: string, err: unknown): Error {
  const e = err as { code?: string; message?: string };
  let where = 'the PostgreSQL server';
  let name = '';
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || 5432}`;
    name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  } catch {
    /* not a URL: keep the generic words */
  }
  if (e.code === '3D000') {
    return new DatabaseUnavailableError(
      `The database "${name}" does not exist on ${where}. Create it first (e.g. \`createdb -h ${where.split(':')[0]} ${name}\`), then start Kesu again.`,
    );
  }
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'ETIMEDOUT') {
    return new DatabaseUnavailableError(`Cannot reach PostgreSQL at ${where} (${e.code}). Is it running, and is DATABASE_URL right?`);
  }
  if (e.code === '28P01' || e.code === '28000') {
    return new DatabaseUnavailableError(`PostgreSQL at ${where} refused the user or password of DATABASE_URL.`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  const url = opts.url ?? process.env.DATABASE_URL;
  let database: Database;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.KESU_PG_POOL_MAX || 10) });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    database = {
      db,
      kind: 'postgres',
      pool,
      async execute(text, params) {
        const res = await pool.query(text, params as unknown[]);
        const last = Array.isArray(res) ? res[res.length - 1] : res;
        return last.rows;
      },
      close: () => pool.end(),
    };
    if (opts.migrate !== false) {
      // Several app instances may start at once: one migrates, the others wait.
      const client = await pool.connect().catch(async (err: unknown) => {
        await pool.end().catch(() => {});
        throw connectionError(url, err);
      });
      try {
        await client.query('select pg_advisory_lock(727372)');
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock(727372)').catch(() => {});
        client.release();
      }
    }
  } else {
    const dir = opts.dataDir ?? path.join(dataDir(), 'pglite');
    let release = () => {};
    let pglite: PGlite;
    if (dir === 'memory') {
      pglite = new PGlite({ extensions: { pg_trgm }, loadDataDir: opts.template, ...pgliteStart });
    } else {
      fs.mkdirSync(dir, { recursive: true });
      release = lockFolder(dir);
      try {
        pglite = new PGlite(dir, { extensions: { pg_trgm }, ...pgliteStart });
        await pglite.waitReady;
      } catch (err) {
        release();
        throw err;
      }
    }
    const db = drizzlePglite(pglite, { schema }) as unknown as Db;
    database = {
      db,
      kind: 'pglite',
      pglite,
      async execute(text, params) {
        if (params && params.length) return (await pglite.query<Record<string, unknown>>(text, params)).rows;
        const results = await pglite.exec(text);
        return results.length ? (results[results.length - 1].rows as Record<string, unknown>[]) : [];
      },
      async close() {
        await pglite.close();
        release();
      },
    };
    if (opts.migrate !== false) {
      await migratePglite(drizzlePglite(pglite, { schema }), { migrationsFolder });
    }
  }
  return database;
}

const globalForDb = globalThis as unknown as { kesuDatabase?: Promise<Database> };

/** The process-wide database, opened and migrated once (kept on globalThis across hot reloads). */
export function getDatabase(): Promise<Database> {
  if (!globalForDb.kesuDatabase) {
    globalForDb.kesuDatabase = openDatabase().catch((err) => {
      globalForDb.kesuDatabase = undefined;
      throw err;
    });
  }
  return globalForDb.kesuDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export { sql, schema };
