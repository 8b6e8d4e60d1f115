/**
 * Run a test suite on every database backend.
 *
 *   import { forEachBackend } from '@/tests/helpers/databases';
 *
 *   forEachBackend('outbox', (backend) => {
 *     let database: Database;
 *     beforeAll(async () => { database = await backend.open(); });
 *     it('…', async () => { … });
 *   });
 *
 * Backends:
 * - `pglite`: always. Every `open()` returns a NEW in-memory PGlite database, migrated
 *   (PGlite cannot be shared by two instances, so `backend.shared` is false).
 * - `postgres`: when TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/test).
 *   The suite gets a fresh database `kesu_t_<random>` created on the first `open()` and dropped
 *   after the suite; every `open()` is a NEW pool on that SAME database (`backend.shared` is
 *   true), so two `open()`s behave like two app instances sharing one PostgreSQL.
 *
 * Every database opened through `open()` is closed after the suite (closing it earlier in a
 * test is fine). DATABASE_URL is ignored here: the PGlite backend stays PGlite.
 *
 * Speed: the migrations run once per vitest run (tests/helpers/global-setup.ts); a PGlite
 * `open()` starts from a dump of that migrated database, and a suite's PostgreSQL database is a
 * copy of a migrated template. Without that setup (another config), each database is migrated.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, describe, inject } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { adminQuery, waitUntilUnused } from './postgres-admin';

export type BackendKind = 'pglite' | 'postgres';

export interface Backend {
  kind: BackendKind;
  /** Whether two `open()` calls see the same data. */
  shared: boolean;
  /** Opens and migrates a database of this backend (see the file comment). */
  open(): Promise<Database>;
}

/** The backends available in this environment. */
export function backendKinds(): BackendKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** Declares `describe('<name> [<kind>]')` once per backend and cleans up after it. */
export function forEachBackend(name: string, fn: (backend: Backend) => void): void {
  for (const kind of backendKinds()) {
    describe(`${name} [${kind}]`, () => {
      const { backend, dispose } = createBackend(kind);
      afterAll(dispose);
      fn(backend);
    });
  }
}

let pgliteTemplate: Blob | undefined;

/** The migrated PGlite dump of the global setup, read once per worker; undefined without it. */
function migratedPglite(): Blob | undefined {
  if (pgliteTemplate) return pgliteTemplate;
  const file = inject('kesuPgliteTemplate');
  if (!file) return undefined;
  pgliteTemplate = new Blob([fs.readFileSync(file)]);
  return pgliteTemplate;
}

/** A backend and its clean-up, for suites that do not use `forEachBackend`. */
export function createBackend(kind: BackendKind): { backend: Backend; dispose: () => Promise<void> } {
  const opened: Database[] = [];
  const track = (db: Database): Database => {
    let closed = false;
    const close = db.close.bind(db);
    db.close = async () => {
      if (closed) return;
      closed = true;
      await close();
    };
    opened.push(db);
    return db;
  };
  const closeAll = async () => {
    await Promise.all(opened.splice(0).map((db) => db.close().catch(() => {})));
  };

  if (kind === 'pglite') {
    return {
      backend: {
        kind,
        shared: false,
        // url '' (not undefined): openDatabase falls back to DATABASE_URL only for a missing url.
        // The migrator still runs on the copy: with every migration recorded it only checks them.
        open: async () => track(await openDatabase({ url: '', dataDir: 'memory', template: migratedPglite() })),
      },
      dispose: closeAll,
    };
  }

  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const dbName = `kesu_t_${randomBytes(6).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  let created: Promise<void> | undefined;

  const template = inject('kesuPostgresTemplate');

  return {
    backend: {
      kind,
      shared: true,
      async open() {
        created ??= adminQuery(adminUrl, template ? `CREATE DATABASE ${dbName} TEMPLATE ${template}` : `CREATE DATABASE ${dbName}`);
        await created;
        return track(await openDatabase({ url: url.toString() }));
      },
    },
    async dispose() {
      await closeAll();
      if (!created) return;
      // A DROP … FORCE while pool.end()'s sockets are still closing kills them mid-close, and pg
      // reports an unhandled 57P01 "terminating connection" error that fails the run.
      await waitUntilUnused(adminUrl, dbName);
      // FORCE (PostgreSQL ≥ 13) also ends connections a test left behind.
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}
