/**
 * Migration 0012 (repeat complaints) rewrites the phones stored as typed to E.164, as the intake
 * now stores them; the digits index of migration 0006 keeps finding them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import pg from 'pg';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrationsFolder, openDatabase, type Database } from '@/db/client';
import { seedBase } from '@/db/seed';
import { backendKinds } from '@/tests/helpers/databases';

const tag = '0012_repeat_complaints';

/** A copy of the migrations folder that stops before `tag`. */
function migrationsBefore(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-migrations-'));
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  const at = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

async function migrateTo(database: Database, folder: string) {
  if (database.kind === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase<Record<string, never>>, { migrationsFolder: folder });
  else await migratePg(database.db as unknown as NodePgDatabase<Record<string, never>>, { migrationsFolder: folder });
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function unmigrated(kind: 'pglite' | 'postgres'): Promise<Database> {
  if (kind === 'pglite') {
    const db = await openDatabase({ url: '', dataDir: 'memory', migrate: false });
    cleanups.push(() => db.close());
    return db;
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `kesu_t_${randomBytes(6).toString('hex')}`;
  const run = async (text: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), migrate: false });
  cleanups.push(async () => {
    await db.close();
    await new Promise((r) => setTimeout(r, 200));
    await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return db;
}

// As typed at the desk before numbers were normalised, and what each becomes.
const stored: [string, string][] = [
  ['139 2233 4455', '+8613922334455'],
  ['+86 139-2233-4456', '+8613922334456'],
  ['0086 139 2233 4457', '+8613922334457'],
  ['8613922334458', '+8613922334458'],
  ['１３９２２３３４４５９', '+8613922334459'],
  ['0755-1234 5678', '+8675512345678'],
  ['400-800-8888', '+864008008888'],
  ['+852 9123 4567', '+85291234567'],
  ['12345', '12345'], // no rule fits: left as it was
];

for (const kind of backendKinds()) {
  it(`normalises the phones already stored to E.164, and the digits search still finds them [${kind}]`, async () => {
    const database = await unmigrated(kind);
    await migrateTo(database, migrationsBefore());
    await seedBase(database.db);
    const [site] = await database.execute(`select id from sites limit 1`);
    for (const [i, [phone]] of stored.entries()) {
      await database.execute(
        `insert into complaints (site_id, number, status, severity, channel, customer_name, customer_phone, description,
           response_due_at, resolution_due_at, access_code, tracking_token)
         values ($1, $2, 'received', 'general', 'phone', '客户', $3, '保养后报警灯常亮。', now(), now(), 'ABCDEFGH', $4)`,
        [site.id, `KS-2026-${String(i + 1).padStart(6, '0')}`, phone, `token-${i}`],
      );
    }
    await database.execute(`insert into notifications (audience, channel, address, template) values ('customer', 'sms', '139 2233 4455', 'received')`);

    await migrateTo(database, migrationsFolder);

    const rows = await database.execute(`select customer_phone from complaints order by number`);
    expect(rows.map((r) => r.customer_phone)).toEqual(stored.map(([, e164]) => e164));
    const [sms] = await database.execute(`select address from notifications`);
    expect(sms.address).toBe('+8613922334455');
    // The search's expression (complaints_phone_digits_idx): found by the digits typed nationally.
    const found = await database.execute(
      `select number from complaints where regexp_replace(customer_phone, '\\D', '', 'g') like $1 order by number`,
      ['%13922334455%'],
    );
    expect(found.map((r) => r.number)).toEqual(['KS-2026-000001']);
    const indexes = await database.execute(`select indexname from pg_indexes where tablename = 'complaints' and indexname = 'complaints_phone_digits_idx'`);
    expect(indexes).toHaveLength(1);
  }, 120_000);
}
