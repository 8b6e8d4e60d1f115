/**
 * Backup and restore of a Kesu database (PGlite or PostgreSQL) and its attachments folder.
 *
 * The backup is a logical dump made through the app's own connection, not pg_dump: pg_dump
 * cannot reach a PGlite folder, and the PostgreSQL client tools on a host may be older than the
 * server (PGlite is PostgreSQL 18). One format for both back-ends also lets a PGlite backup be
 * restored into PostgreSQL and back.
 *
 * Format: gzip of JSON lines —
 *   {"format":"kesu-backup","version":1,…,"migrations":[{hash,createdAt}]}   header
 *   {"table":"t","columns":[…]}                                                 then its rows,
 *   {"t":"t","rows":[{…}, …]}                                                   in batches
 *   {"sequence":"s","lastValue":"…"|null}
 *   {"file":"ab/ab…","size":n,"data":"<base64>"}                                 attachments
 *   {"end":true,"tables":{t:count},"files":n}                                   a cut-off file has no end
 * Rows are PostgreSQL's own to_jsonb() of each row, loaded back with jsonb_populate_recordset,
 * so every type round-trips exactly as the database itself converts it.
 *
 * Restore: into an empty database only (unless force), at the backup's schema version (the
 * migrations up to the backup's, then the data, then the newer migrations). Foreign keys are
 * dropped for the load and added back before commit, which checks them all; the schema itself
 * (tables, indexes, the append-only trigger of complaint_events) comes from the migrations.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrationsFolder, type Database } from './client';

const formatName = 'kesu-backup';
const formatVersion = 1;
const batchRows = 500;

/** One connection for the whole operation: a transaction must not hop between pool clients. */
interface Session {
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  release(): void;
}

async function session(database: Database): Promise<Session> {
  if (database.pool) {
    const client = await database.pool.connect();
    return {
      query: async (text, params) => (await client.query(text, params as unknown[])).rows,
      release: () => client.release(),
    };
  }
  const pglite = database.pglite!;
  return {
    query: async (text, params) => (await pglite.query<Record<string, unknown>>(text, params as unknown[])).rows,
    release: () => {},
  };
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The app's tables (schema public), in name order. */
async function tablesOf(s: Session): Promise<string[]> {
  const rows = await s.query(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
  );
  return rows.map((r) => r.name as string);
}

/** Stored columns only: generated ones are computed again on insert. */
async function columnsOf(s: Session, table: string): Promise<string[]> {
  const rows = await s.query(
    `select a.attname as name from pg_attribute a
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      order by a.attnum`,
    [`public.${ident(table)}`],
  );
  return rows.map((r) => r.name as string);
}

async function appliedMigrations(s: Session): Promise<{ hash: string; createdAt: string }[]> {
  const exists = await s.query(`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!exists[0].ok) return [];
  const rows = await s.query('select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at, id');
  return rows.map((r) => ({ hash: r.hash as string, createdAt: String(r.created_at) }));
}

/** Every regular file under dir, as paths relative to it (forward slashes). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

export interface BackupSummary {
  file: string;
  tables: Record<string, number>;
  files: number;
  bytes: number;
}

/**
 * Writes a backup of the database and the attachments folder to `file` (via a temporary file
 * renamed at the end, so a half-written backup never carries the final name). On PostgreSQL it
 * reads one consistent snapshot while the portal keeps running; a PGlite folder can be opened
 * by one process only, so its portal must be stopped first (openDatabase refuses otherwise).
 */
export async function backupDatabase(database: Database, file: string, attachmentsDir: string): Promise<BackupSummary> {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(tmp);
  gzip.pipe(out);
  const write = async (obj: unknown) => {
    if (!gzip.write(JSON.stringify(obj) + '\n')) await once(gzip, 'drain');
  };
  const s = await session(database);
  const tables: Record<string, number> = {};
  let files = 0;
  try {
    await s.query('begin isolation level repeatable read read only');
    await write({
      format: formatName,
      version: formatVersion,
      createdAt: new Date().toISOString(),
      backend: database.kind,
      server: (await s.query('show server_version'))[0].server_version,
      migrations: await appliedMigrations(s),
    });
    for (const table of await tablesOf(s)) {
      const columns = await columnsOf(s, table);
      await write({ table, columns });
      const list = columns.map(ident).join(', ');
      await s.query(`declare kesu_backup no scroll cursor for select to_jsonb(r) as row from (select ${list} from public.${ident(table)}) r`);
      let count = 0;
      for (;;) {
        const rows = await s.query(`fetch ${batchRows} from kesu_backup`);
        if (!rows.length) break;
        count += rows.length;
        await write({ t: table, rows: rows.map((r) => r.row) });
      }
      await s.query('close kesu_backup');
      tables[table] = count;
    }
    const sequences = await s.query(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'S' order by 1`,
    );
    for (const { name } of sequences) {
      const [row] = await s.query(`select last_value::text as last_value, is_called from public.${ident(name as string)}`);
      await write({ sequence: name, lastValue: row.is_called ? row.last_value : null });
    }
    await s.query('commit');
  } catch (err) {
    await s.query('rollback').catch(() => {});
    gzip.destroy();
    out.destroy();
    fs.rmSync(tmp, { force: true });
    throw err;
  } finally {
    s.release();
  }
  for (const rel of filesUnder(attachmentsDir)) {
    const data = fs.readFileSync(path.join(attachmentsDir, rel));
    await write({ file: rel, size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex'), data: data.toString('base64') });
    files++;
  }
  await write({ end: true, tables, files });
  gzip.end();
  await once(out, 'close');
  fs.renameSync(tmp, file);
  return { file, tables, files, bytes: fs.statSync(file).size };
}

export class RestoreRefused extends Error {}

export interface RestoreOptions {
  /** Replace the data of a non-empty database (its rows are deleted first). */
  force?: boolean;
}

/** Whether any app table holds a row (the migrations alone leave every table empty). */
export async function databaseIsEmpty(database: Database): Promise<boolean> {
  const s = await session(database);
  try {
    for (const table of await tablesOf(s)) {
      const rows = await s.query(`select exists (select 1 from public.${ident(table)}) as any`);
      if (rows[0].any) return false;
    }
    return true;
  } finally {
    s.release();
  }
}

async function migrateTo(database: Database, folder: string): Promise<void> {
  if (database.kind === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase<Record<string, never>>, { migrationsFolder: folder });
  else await migratePg(database.db as unknown as NodePgDatabase<Record<string, never>>, { migrationsFolder: folder });
}

/** A copy of the migrations folder whose journal stops after the first `count` migrations. */
function migrationsUpTo(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-migrations-'));
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  journal.entries = journal.entries.slice(0, count);
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

async function* lines(file: string): AsyncGenerator<Record<string, unknown>> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) if (line) yield JSON.parse(line);
}

/**
 * Restores a backup into `database` (opened WITHOUT migrations) and `attachmentsDir`.
 * Refuses a file that is not a complete Kesu backup, a backup made by a newer schema than this
 * code knows, and a non-empty database unless `force`.
 */
export async function restoreDatabase(database: Database, file: string, attachmentsDir: string, opts: RestoreOptions = {}): Promise<BackupSummary> {
  // Read the whole file once to check it before touching anything: header, end marker, file hashes.
  let header: Record<string, unknown> | undefined;
  let end: Record<string, unknown> | undefined;
  for await (const rec of lines(file)) {
    if (!header) {
      if (rec.format !== formatName) throw new RestoreRefused(`${file} is not a Kesu backup`);
      if (rec.version !== formatVersion) throw new RestoreRefused(`${file} is a backup of format ${rec.version}; this version reads ${formatVersion}`);
      header = rec;
    } else if (rec.end) end = rec;
    else if (typeof rec.file === 'string' && crypto.createHash('sha256').update(Buffer.from(rec.data as string, 'base64')).digest('hex') !== rec.sha256) {
      throw new RestoreRefused(`${file}: attachment ${rec.file} is damaged`);
    }
  }
  if (!header || !end) throw new RestoreRefused(`${file} is incomplete (no end marker): the backup was cut off`);

  const code = readMigrationFiles({ migrationsFolder });
  const wanted = header.migrations as { hash: string; createdAt: string }[];
  wanted.forEach((m, i) => {
    if (code[i]?.hash !== m.hash) {
      throw new RestoreRefused(`the backup's schema (migration ${i + 1} of ${wanted.length}) is not this version's: restore it with the Kesu version that made it, or a newer one`);
    }
  });

  const s = await session(database);
  let released = false;
  const release = () => {
    if (!released) s.release();
    released = true;
  };
  try {
    const applied = await appliedMigrations(s);
    if (applied.length > wanted.length) {
      throw new RestoreRefused(`the target database has a newer schema (${applied.length} migrations) than the backup (${wanted.length}): restore into a fresh database or folder`);
    }
    if (applied.length && !(await databaseIsEmpty(database)) && !opts.force) {
      throw new RestoreRefused('the target database is not empty: restore into a fresh database or folder, or pass --force to replace its data');
    }
    // The schema as it was when the backup was made; the newer migrations run after the load.
    const folder = migrationsUpTo(wanted.length);
    try {
      await migrateTo(database, folder);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }

    await s.query('begin');
    const tables = await tablesOf(s);
    const fks = await s.query(
      `select conrelid::regclass::text as tbl, conname, pg_get_constraintdef(oid) as def
         from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace order by conrelid::regclass::text, conname`,
    );
    for (const fk of fks) await s.query(`alter table ${fk.tbl} drop constraint ${ident(fk.conname as string)}`);
    // The app's triggers are off for the replacement and the load, inside the transaction:
    // complaint_events refuses TRUNCATE (append-only), and the counters' triggers (migration 0017)
    // would count the loaded forms on top of the loaded counters.
    const guarded = await s.query(
      `select distinct c.relname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and not t.tgisinternal`,
    );
    for (const g of guarded) await s.query(`alter table public.${ident(g.name as string)} disable trigger user`);
    if (opts.force && tables.length) await s.query(`truncate ${tables.map((t) => `public.${ident(t)}`).join(', ')}`);
    const counts: Record<string, number> = {};
    let columns: string[] = [];
    let files = 0;
    for await (const rec of lines(file)) {
      if (typeof rec.table === 'string') {
        if (!tables.includes(rec.table)) throw new RestoreRefused(`the backup has a table ${rec.table} that this schema lacks`);
        columns = rec.columns as string[];
        counts[rec.table] = 0;
      } else if (typeof rec.t === 'string') {
        const list = columns.map(ident).join(', ');
        await s.query(
          `insert into public.${ident(rec.t)} (${list}) overriding system value select ${list} from jsonb_populate_recordset(null::public.${ident(rec.t)}, $1::jsonb)`,
          [JSON.stringify(rec.rows)],
        );
        counts[rec.t] += (rec.rows as unknown[]).length;
      } else if (typeof rec.sequence === 'string') {
        const seq = `public.${ident(rec.sequence)}`;
        if (rec.lastValue === null) await s.query(`select setval($1::regclass, 1, false)`, [seq]);
        else await s.query(`select setval($1::regclass, $2::bigint, true)`, [seq, rec.lastValue]);
      } else if (typeof rec.file === 'string') {
        const rel = rec.file;
        if (rel.split('/').some((p) => p === '..' || p === '') || path.isAbsolute(rel)) throw new RestoreRefused(`unsafe attachment path ${rel}`);
        const target = path.join(attachmentsDir, rel);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const tmp = `${target}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, Buffer.from(rec.data as string, 'base64'));
        fs.renameSync(tmp, target);
        files++;
      }
    }
    for (const [t, n] of Object.entries(end.tables as Record<string, number>)) {
      if (counts[t] !== n) throw new RestoreRefused(`table ${t}: ${counts[t] ?? 0} rows read, the backup says ${n}`);
    }
    for (const g of guarded) await s.query(`alter table public.${ident(g.name as string)} enable trigger user`);
    // Adding the keys back checks every reference of the loaded data.
    for (const fk of fks) await s.query(`alter table ${fk.tbl} add constraint ${ident(fk.conname as string)} ${fk.def}`);
    await s.query('commit');
    release();
    await migrateTo(database, migrationsFolder);
    return { file, tables: counts, files, bytes: fs.statSync(file).size };
  } catch (err) {
    if (!released) await s.query('rollback').catch(() => {});
    release();
    throw err;
  }
}
