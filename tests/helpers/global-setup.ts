/**
 * vitest globalSetup: migrate once, not once per database.
 *
 * - PGlite: one in-memory database is migrated and its data folder dumped to a file; every
 *   `backend.open()` (tests/helpers/databases.ts) starts a NEW PGlite from that dump, which is
 *   about 3–4 times faster than initdb + the migrations. The dump is kept in
 *   node_modules/.cache/kesu under a hash of db/migrations and the PGlite version, so a changed
 *   migration makes a new one and a run of one file does not pay for it again.
 * - PostgreSQL (TEST_DATABASE_URL set): one migrated template database per run; each suite's
 *   database is `CREATE DATABASE … TEMPLATE` it, a copy on the server instead of the migrations.
 *   It is dropped at the end of the run.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrationsFolder, openDatabase } from '@/db/client';
import { adminQuery, waitUntilUnused } from './postgres-admin';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding the dump (PGlite `dumpDataDir('none')`) of a migrated PGlite database. */
    kesuPgliteTemplate: string;
    /** The name of a migrated PostgreSQL database to clone, or '' without TEST_DATABASE_URL. */
    kesuPostgresTemplate: string;
  }
}

/** The dump of a migrated PGlite database for these migrations and this PGlite, made if missing. */
async function pgliteDump(): Promise<string> {
  const hash = createHash('sha256');
  const pglite = JSON.parse(fs.readFileSync(path.resolve('node_modules/@electric-sql/pglite/package.json'), 'utf8'));
  hash.update(String(pglite.version));
  const files = fs.readdirSync(migrationsFolder, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  for (const f of files.map((f) => path.join(f.parentPath, f.name)).sort()) {
    hash.update(path.relative(migrationsFolder, f)).update(fs.readFileSync(f));
  }
  const cache = path.resolve('node_modules/.cache/kesu');
  const file = path.join(cache, `pglite-migrated-${hash.digest('hex').slice(0, 16)}.tar`);
  if (fs.existsSync(file)) return file;
  const lite = await openDatabase({ url: '', dataDir: 'memory' });
  try {
    const dump = await lite.pglite!.dumpDataDir('none');
    fs.mkdirSync(cache, { recursive: true });
    // Written aside and renamed, so that a reader never sees half a dump.
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, file);
  } finally {
    await lite.close();
  }
  // Dumps of older migrations (42 MB each); an hour's grace for a run that may still read one.
  for (const old of fs.readdirSync(cache)) {
    const p = path.join(cache, old);
    if (p !== file && old.startsWith('pglite-migrated-') && Date.now() - fs.statSync(p).mtimeMs > 3_600_000) fs.rmSync(p, { force: true });
  }
  return file;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide('kesuPgliteTemplate', await pgliteDump());

  const adminUrl = process.env.TEST_DATABASE_URL;
  let template = '';
  if (adminUrl) {
    template = `kesu_tmpl_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
    const url = new URL(adminUrl);
    url.pathname = `/${template}`;
    const migrated = await openDatabase({ url: url.toString() });
    await migrated.close();
    // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
    await waitUntilUnused(adminUrl, template);
  }
  project.provide('kesuPostgresTemplate', template);

  return async () => {
    if (adminUrl && template) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  };
}
