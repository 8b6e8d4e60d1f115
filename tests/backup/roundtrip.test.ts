/**
 * Backup and restore round trip (db/backup.ts, npm run db:backup / db:restore) on each back-end:
 * demo data plus an attachment, backed up, restored into a fresh database and folder; every
 * table compared by row count and a content hash, the attachment files by bytes, and the
 * append-only trigger of complaint_events still refusing changes after the restore.
 */
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { backupDatabase, databaseIsEmpty, restoreDatabase, RestoreRefused } from '@/db/backup';
import { seedBase, seedDemo } from '@/db/seed';
import { attachments, complaints } from '@/db/schema';
import { storeAttachment } from '@/lib/attachments';
import { createBackend, forEachBackend } from '@/tests/helpers/databases';
import { pngBytes } from '@/tests/public/fixtures';

const root = path.resolve(import.meta.dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-backup-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Row count and a hash of every table's rows (each as PostgreSQL's jsonb text, sorted). */
async function fingerprint(database: Database): Promise<Record<string, { rows: number; sha256: string }>> {
  await database.execute("set timezone = 'UTC'");
  const tables = await database.execute(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by 1`,
  );
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const { name } of tables) {
    const rows = (await database.execute(`select to_jsonb(t)::text as j from public."${name}" t`)).map((r) => r.j as string).sort();
    out[name as string] = { rows: rows.length, sha256: crypto.createHash('sha256').update(rows.join('\n')).digest('hex') };
  }
  const seqs = await database.execute(`select sequencename as name, last_value::text as v from pg_sequences where schemaname = 'public' order by 1`);
  for (const s of seqs) out[`sequence ${s.name}`] = { rows: 0, sha256: String(s.v) };
  const migrations = await database.execute('select hash from drizzle.__drizzle_migrations order by created_at');
  out['drizzle migrations'] = { rows: migrations.length, sha256: migrations.map((m) => m.hash).join(',') };
  return out;
}

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else out[r] = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, r))).digest('hex');
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out;
}

async function expectAppendOnly(database: Database): Promise<void> {
  const [{ id }] = await database.execute('select min(id)::text as id from complaint_events');
  expect(id).not.toBeNull();
  await expect(database.execute(`update complaint_events set type = 'tampered' where id = ${id}`)).rejects.toThrow(/append-only/);
  await expect(database.execute(`delete from complaint_events where id = ${id}`)).rejects.toThrow(/append-only/);
  await expect(database.execute('truncate complaint_events cascade')).rejects.toThrow(/append-only/);
}

function cli(script: string, args: string[], env: Record<string, string | undefined>) {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), script, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

forEachBackend('backup and restore', (backend) => {
  let source: Database;
  const tag = backend.kind;
  const srcFiles = path.join(work, `${tag}-src-attachments`);
  const file = path.join(work, `${tag}.jsonl.gz`);
  let photoSha = '';

  beforeAll(async () => {
    source = backend.kind === 'pglite' ? await openDatabase({ url: '', dataDir: path.join(work, 'pglite-src') }) : await backend.open();
    await seedBase(source.db);
    const { forms } = await seedDemo(source.db);
    expect(forms).toBeGreaterThan(10);
    // An attachment, stored as the portal stores them (by content hash) and recorded on a form.
    const png = pngBytes();
    photoSha = await storeAttachment(png, srcFiles);
    const [form] = await source.db.select().from(complaints).limit(1);
    await source.db.insert(attachments).values({ complaintId: form.id, sha256: photoSha, filename: '照片 1.png', mime: 'image/png', size: png.length, fromCustomer: true });
  }, 180_000);

  it('restores every table, sequence and attachment exactly into a fresh database and folder; the history stays append-only', async () => {
    const summary = await backupDatabase(source, file, srcFiles);
    expect(summary.files).toBe(1);
    expect(summary.tables.complaint_events).toBeGreaterThan(50);

    const dstFiles = path.join(work, `${tag}-dst-attachments`);
    const target = backend.kind === 'pglite' ? await openDatabase({ url: '', dataDir: path.join(work, 'pglite-dst'), migrate: false }) : await createTarget();
    try {
      const restored = await restoreDatabase(target, file, dstFiles);
      expect(restored.tables).toEqual(summary.tables);
      const [a, b] = [await fingerprint(source), await fingerprint(target)];
      expect(Object.keys(a).length).toBeGreaterThan(15);
      expect(b).toEqual(a);
      expect(filesOf(dstFiles)).toEqual(filesOf(srcFiles));
      expect(Object.keys(filesOf(dstFiles))).toEqual([path.join(photoSha.slice(0, 2), photoSha)]);
      await expectAppendOnly(target);

      // Over a non-empty database only with force, which replaces the data and keeps the trigger.
      await expect(restoreDatabase(target, file, dstFiles)).rejects.toThrow(RestoreRefused);
      await target.execute(`insert into sites (code, name) values ('extra', 'not in the backup')`);
      await restoreDatabase(target, file, dstFiles, { force: true });
      expect(await fingerprint(target)).toEqual(a);
      await expectAppendOnly(target);
      // New rows continue the restored sequence instead of colliding with restored ids.
      const [{ id: maxId }] = await target.execute('select max(id)::text as id from complaint_events');
      const [{ nextval }] = await target.execute(`select nextval('complaint_events_id_seq')::text as nextval`);
      expect(BigInt(nextval as string)).toBeGreaterThan(BigInt(maxId as string));
    } finally {
      await target.close();
    }
  }, 180_000);

  it('refuses a cut-off backup file and a file that is not a backup, changing nothing', async () => {
    const cut = path.join(work, `${tag}-cut.jsonl.gz`);
    const whole = zlib.gunzipSync(fs.readFileSync(file));
    fs.writeFileSync(cut, zlib.gzipSync(whole.subarray(0, Math.floor(whole.length / 2)).toString().replace(/\n[^\n]*$/, '\n')));
    const other = path.join(work, `${tag}-other.gz`);
    fs.writeFileSync(other, zlib.gzipSync('{"hello":1}\n'));
    const target = backend.kind === 'pglite' ? await openDatabase({ url: '', dataDir: path.join(work, 'pglite-cut'), migrate: false }) : await createTarget();
    try {
      await expect(restoreDatabase(target, cut, path.join(work, 'cut-files'))).rejects.toThrow(/incomplete/);
      await expect(restoreDatabase(target, other, path.join(work, 'cut-files'))).rejects.toThrow(/not a Kesu backup/);
      // Nothing loaded (and on the unmigrated PGlite folder, not even the schema created).
      expect(await databaseIsEmpty(target)).toBe(true);
      if (backend.kind === 'pglite') expect((await target.execute(`select to_regclass('public.complaints') is null as none`))[0].none).toBe(true);
      expect(fs.existsSync(path.join(work, 'cut-files'))).toBe(false);
    } finally {
      await target.close();
    }
  }, 60_000);

  if (backend.kind === 'pglite') {
    it('npm run db:backup / db:restore: refuse a folder in use, then round-trip through the command line', async () => {
      const dir = path.join(work, 'cli-src');
      const out = path.join(work, 'cli.jsonl.gz');
      // A folder a live process holds: both commands must refuse, not open it a second time.
      fs.mkdirSync(path.join(dir, 'pglite'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'pglite', 'kesu.lock'), String(process.pid)); // as if this process had it open
      const busy = cli('db/backup-cli.ts', [out], { KESU_DATA_DIR: dir, KESU_ATTACHMENTS_DIR: srcFiles });
      expect(busy.status).toBe(1);
      expect(busy.out).toMatch(/in use by process/);
      const busyRestore = cli('db/restore-cli.ts', [file], { KESU_DATA_DIR: dir, KESU_ATTACHMENTS_DIR: path.join(work, 'cli-dst-files') });
      expect(busyRestore.status).toBe(1);
      expect(busyRestore.out).toMatch(/in use by process/);
      fs.rmSync(dir, { recursive: true, force: true });

      // Restore the library's backup through the command, then back it up again: the same data.
      const restore = cli('db/restore-cli.ts', [file], { KESU_DATA_DIR: dir, KESU_ATTACHMENTS_DIR: path.join(work, 'cli-dst-files') });
      expect(restore.out).toMatch(/restored .* into pglite/);
      expect(restore.status).toBe(0);
      const backup = cli('db/backup-cli.ts', [out], { KESU_DATA_DIR: dir, KESU_ATTACHMENTS_DIR: path.join(work, 'cli-dst-files') });
      expect(backup.status).toBe(0);
      expect(backup.out).toMatch(/backup written: .* 1 attachment files/);
      const reopened = await openDatabase({ url: '', dataDir: path.join(dir, 'pglite') });
      try {
        expect(await fingerprint(reopened)).toEqual(await fingerprint(source));
      } finally {
        await reopened.close();
      }
    }, 240_000);
  }

  if (backend.kind === 'postgres') {
    it('a PGlite backup restores into PostgreSQL with the same content', async () => {
      const pgliteFile = path.join(work, 'pglite.jsonl.gz');
      expect(fs.existsSync(pgliteFile), 'the PGlite suite ran first and left its backup').toBe(true);
      const target = await createTarget();
      try {
        await restoreDatabase(target, pgliteFile, path.join(work, 'cross-files'));
        const pgliteSource = await openDatabase({ url: '', dataDir: path.join(work, 'pglite-src') });
        try {
          expect(await fingerprint(target)).toEqual(await fingerprint(pgliteSource));
        } finally {
          await pgliteSource.close();
        }
      } finally {
        await target.close();
      }
    }, 120_000);
  }

  afterAll(async () => {
    if (backend.kind === 'pglite') await source?.close();
  });

  /** A fresh PostgreSQL database (dropped after the suite), migrated and empty. */
  async function createTarget(): Promise<Database> {
    const { backend: fresh, dispose } = createBackend('postgres');
    disposers.push(dispose);
    return fresh.open();
  }
});

const disposers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of disposers) await d();
});
