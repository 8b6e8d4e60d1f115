// The bench data set: found and reused when a database of the same size was generated before
// (marker table bench_meta), otherwise migrated, seeded and generated.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { eq } from 'drizzle-orm';
import { migrationsFolder, openDatabase, type Database } from '@/db/client';
import { demoPassword, demoUsers, seedBase } from '@/db/seed';
import { departments, sites, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { generate, type SqlSession } from './generate';

export interface Dataset {
  backend: 'pglite' | 'postgres';
  forms: number;
  /** postgres: the database URL; pglite: the data folder (KESU_DATA_DIR) holding pglite/. */
  url?: string;
  dataDir?: string;
  longForm: string;
  reused: boolean;
  generationSeconds: number | null;
  generationSteps?: Record<string, number>;
  events?: number;
}

export function migrationsHash(): string {
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort()) {
    h.update(f).update(fs.readFileSync(path.join(migrationsFolder, f)));
  }
  return h.digest('hex').slice(0, 16);
}

/** The demo staff of db/seed.ts (password kesu-demo) without its ~40 demo forms. */
async function seedStaff(database: Database): Promise<void> {
  const db = database.db;
  await seedBase(db);
  const [site] = await db.select().from(sites).where(eq(sites.code, 'main'));
  const depts = await db.select().from(departments);
  const passwordHash = await hashPassword(demoPassword);
  for (const u of demoUsers) {
    const dept = 'dept' in u ? depts.find((d) => d.code === u.dept)!.id : null;
    await db.insert(users).values({ siteId: site.id, login: u.login, name: u.name, role: u.role, departmentId: dept, passwordHash }).onConflictDoNothing();
  }
  const all = await db.select().from(users);
  for (const u of demoUsers) {
    if (!('position' in u)) continue;
    const column = u.position === 'head' ? 'headUserId' : u.position === 'primary' ? 'primaryUserId' : 'secondaryUserId';
    await db
      .update(departments)
      .set({ [column]: all.find((a) => a.login === u.login)!.id })
      .where(eq(departments.code, u.dept));
  }
}

// Written before the generation starts (complete = false), so a run that fails halfway leaves a
// database that is recognisably the bench's own and is regenerated next time.
const metaDdl = `create table if not exists bench_meta (forms integer not null, migrations text not null, long_form text,
  generated_at timestamptz not null default now(), seconds numeric, steps jsonb, events integer, complete boolean not null default false)`;

async function fill(database: Database, session: SqlSession, forms: number, log: (m: string) => void) {
  await session.query(metaDdl);
  await session.query(`insert into bench_meta (forms, migrations) values ($1, $2)`, [forms, migrationsHash()]);
  await seedStaff(database);
  const t = performance.now();
  const result = await generate(session, forms, log);
  const secs = Math.round(performance.now() - t) / 1000;
  await session.query(`update bench_meta set long_form = $1, seconds = $2, steps = $3::jsonb, events = $4, complete = true, generated_at = now()`, [
    result.longForm, secs, JSON.stringify(result.seconds), result.events,
  ]);
  return { secs, result };
}

async function readMeta(session: SqlSession) {
  const [has] = await session.query(`select to_regclass('public.bench_meta') is not null as meta, to_regclass('public.complaints') is not null as complaints`);
  if (!has.meta) {
    const any = has.complaints ? (await session.query(`select exists (select 1 from complaints) as any`))[0].any : false;
    return { meta: null, otherData: !!any };
  }
  const [meta] = await session.query(`select forms, migrations, long_form, seconds::float8 as seconds, steps, events, complete from bench_meta limit 1`);
  return { meta: meta ?? null, otherData: false };
}

function note(meta: Record<string, unknown>, log: (m: string) => void) {
  if (meta.migrations !== migrationsHash()) {
    log('  (generated with older migrations: the newer ones were applied on top; --fresh regenerates)');
  }
}

export async function preparePostgres(url: string, forms: number, fresh: boolean, log: (m: string) => void): Promise<Dataset> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  // Create the database on first use.
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  const exists = (await adminClient.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  if (!exists) await adminClient.query(`create database "${name.replace(/"/g, '""')}"`);
  await adminClient.end();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const session: SqlSession = { query: async (text, params) => (await client.query(text, params as unknown[])).rows };
  try {
    const { meta, otherData } = await readMeta(session);
    if (otherData) {
      throw new Error(
        `${name} holds forms that are not a bench data set (no bench_meta table): refusing to touch it. ` +
          `Point DATABASE_URL at an empty database or one the bench made (e.g. kesu_bench_1m).`,
      );
    }
    if (meta && meta.complete && Number(meta.forms) === forms && !fresh) {
      log(`reusing ${name}: ${forms} forms generated before (${meta.seconds} s)`);
      note(meta, log);
      const database = await openDatabase({ url }); // applies newer migrations
      await database.close();
      return { backend: 'postgres', forms, url, longForm: meta.long_form as string, reused: true, generationSeconds: Number(meta.seconds), generationSteps: meta.steps as Record<string, number>, events: Number(meta.events) };
    }
    if (meta) {
      log(`${name} holds ${meta.complete ? 'a bench data set' : 'an incomplete bench data set'} of ${meta.forms} forms: dropping it to generate ${forms}`);
      await session.query(`drop schema if exists drizzle cascade; drop schema if exists pgboss cascade; drop schema public cascade; create schema public`);
    }
    const database = await openDatabase({ url });
    try {
      await session.query(`set maintenance_work_mem = '1GB'; set synchronous_commit = off; set work_mem = '256MB'`);
      log(`generating ${forms} forms in ${name}…`);
      const { secs, result } = await fill(database, session, forms, log);
      log(`generated ${forms} forms, ${result.events} events in ${secs} s`);
      return { backend: 'postgres', forms, url, longForm: result.longForm, reused: false, generationSeconds: secs, generationSteps: result.seconds, events: result.events };
    } finally {
      await database.close();
    }
  } finally {
    await client.end();
  }
}

export async function preparePglite(root: string, forms: number, fresh: boolean, log: (m: string) => void): Promise<Dataset> {
  const dataDir = path.resolve(root, `pglite-${forms}`);
  const dir = path.join(dataDir, 'pglite');
  if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  if (fs.existsSync(dir)) {
    const database = await openDatabase({ url: '', dataDir: dir }); // applies newer migrations
    try {
      const { meta } = await readMeta({ query: async (t, p) => (await database.pglite!.query<Record<string, unknown>>(t, p)).rows });
      if (meta && meta.complete && Number(meta.forms) === forms) {
        log(`reusing ${dataDir}: ${forms} forms generated before (${meta.seconds} s)`);
        note(meta, log);
        return { backend: 'pglite', forms, dataDir, longForm: meta.long_form as string, reused: true, generationSeconds: Number(meta.seconds), generationSteps: meta.steps as Record<string, number>, events: Number(meta.events) };
      }
    } finally {
      await database.close();
    }
    log(`${dataDir} is incomplete: generating it again`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
  const database = await openDatabase({ url: '', dataDir: dir });
  try {
    const pglite = database.pglite!;
    const session: SqlSession = {
      query: async (text, params) => {
        if (params?.length) return (await pglite.query<Record<string, unknown>>(text, params)).rows;
        const results = await pglite.exec(text);
        return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
      },
    };
    await session.query(`set maintenance_work_mem = '256MB'; set work_mem = '64MB'`);
    log(`generating ${forms} forms in ${dataDir} (PGlite)…`);
    const { secs, result } = await fill(database, session, forms, log);
    await session.query('checkpoint');
    log(`generated ${forms} forms, ${result.events} events in ${secs} s`);
    return { backend: 'pglite', forms, dataDir, longForm: result.longForm, reused: false, generationSeconds: secs, generationSteps: result.seconds, events: result.events };
  } finally {
    await database.close();
  }
}
