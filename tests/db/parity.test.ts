/**
 * PGlite and PostgreSQL are the same database to the application: the same migrations give the
 * same schema, and the same seed and queries give the same results. Needs TEST_DATABASE_URL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder, type Database } from '@/db/client';
import { seedBase, seedDemo } from '@/db/seed';
import { createBackend } from '@/tests/helpers/databases';

const NOW = new Date('2026-11-20T02:00:00Z');

/** PostgreSQL returns bigint / numeric as strings, PGlite sometimes as numbers: compare as text. */
function normalise(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        typeof v === 'bigint' || typeof v === 'number' ? String(v) : v instanceof Date ? v.toISOString() : v,
      ]),
    ),
  );
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('PGlite / PostgreSQL parity', () => {
  const pglite = createBackend('pglite');
  const postgres = process.env.TEST_DATABASE_URL ? createBackend('postgres') : undefined;
  let lite: Database;
  let pg: Database;

  beforeAll(async () => {
    [lite, pg] = await Promise.all([pglite.backend.open(), postgres!.backend.open()]);
    await Promise.all(
      [lite, pg].map(async (d) => {
        await seedBase(d.db);
        expect((await seedDemo(d.db, NOW)).forms).toBe(40);
      }),
    );
  });
  afterAll(async () => {
    await Promise.all([pglite.dispose(), postgres?.dispose()]);
  });

  /** Runs `sql` on both back-ends and expects equal, non-empty results. */
  async function same(sql: string, params?: unknown[]) {
    const [a, b] = await Promise.all([lite.execute(sql, params), pg.execute(sql, params)]);
    expect(normalise(a), sql).toEqual(normalise(b));
    expect(a.length, `${sql} returned no rows`).toBeGreaterThan(0);
    return normalise(a);
  }

  describe('schema', () => {
    it('applied the same migrations (hash and created_at)', async () => {
      const rows = await same('select hash, created_at from drizzle.__drizzle_migrations order by id');
      const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
      expect(rows.map((r) => r.created_at)).toEqual(journal.entries.map((e) => String(e.when)));
    });

    it('has the same tables and columns', async () => {
      const rows = await same(
        `select table_name, column_name, ordinal_position, data_type, is_nullable, column_default
           from information_schema.columns where table_schema = 'public'
          order by table_name, ordinal_position`,
      );
      const tables = new Set(rows.map((r) => r.table_name));
      expect(tables).toContain('complaint_events');
      expect(tables).toContain('pending_contacts');
    });

    it('has the same indexes, constraints, triggers and extensions', async () => {
      await same(`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by tablename, indexname`);
      await same(
        `select table_name, constraint_name, constraint_type from information_schema.table_constraints
          -- NOT NULL constraints are named by OID on PostgreSQL 15 and by column on PGlite (17);
          -- nullability is compared with the columns above.
          where table_schema = 'public' and constraint_type <> 'CHECK' order by table_name, constraint_name`,
      );
      await same(
        `select event_object_table, trigger_name, event_manipulation, action_timing from information_schema.triggers
          order by trigger_name, event_manipulation`,
      );
      await same(`select extname from pg_extension where extname in ('plpgsql', 'pg_trgm') order by extname`);
    });
  });

  describe('seeded with the same demo data', () => {
    it('counts forms by status', async () => {
      const rows = await same('select status, count(*) as n from complaints group by status order by status');
      expect(rows.reduce((sum, r) => sum + Number(r.n), 0)).toBe(40);
      expect(rows).toHaveLength(14);
    });

    it('numbers, states, versions and deadlines of every form', async () => {
      const rows = await same(
        `select c.number, c.status, c.version, c.severity, cat.code as category, d.code as department, c.major,
                c.received_at, c.state_entered_at, c.step_due_at, c.response_due_at, c.resolution_due_at,
                c.first_response_at, c.resolved_at, c.archived_at, c.paused_at, c.paused_ms, c.satisfaction, c.plate
           from complaints c
           join categories cat on cat.id = c.category_id
           left join departments d on d.id = c.department_id
          order by c.number`,
      );
      expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 40 }, (_, i) => `KS-2026-${String(i + 1).padStart(6, '0')}`));
    });

    it('the history of every form', async () => {
      await same(
        `select c.number, e.version, e.type, e.from_state, e.to_state, e.actor_role, e.actor_name, e.at,
                e.customer_visible,
                -- ids differ between the two databases; everything else in the payload must not
                regexp_replace(e.payload::text, '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '<id>', 'g') as payload
           from complaint_events e join complaints c on c.id = e.complaint_id
          order by c.number, e.version`,
      );
    });

    it('side tables: remedies, accountability, ledger, outbox', async () => {
      await same(
        `select c.number, r.kind, r.status, r.amount_cents from remedies r join complaints c on c.id = r.complaint_id
          order by c.number, r.created_at, r.status`,
      );
      await same(
        `select type, count(*) as n, sum(amount_cents) as total from accountability_entries group by type order by type`,
      );
      await same(
        `select c.number, p.reason, p.next_contact_on, p.opened_at, p.last_contact_at, p.closed_at,
                (select count(*) from pending_contacts pc where pc.pending_item_id = p.id) as contacts
           from pending_items p join complaints c on c.id = p.complaint_id order by c.number`,
      );
      await same(
        `select audience, template, channel, count(*) as n from notifications group by audience, template, channel
          order by audience, template, channel`,
      );
    });

    it('dashboard-style queries: overdue, due soon, per local day, per department', async () => {
      const overdue = await same(
        `select number, step_due_at from complaints
          where step_due_at is not null and step_due_at < $1 and status not in ('archived', 'rejected', 'withdrawn')
          order by step_due_at, number`,
        [NOW.toISOString()],
      );
      expect(overdue.length).toBeLessThan(40);
      await same(
        `select to_char(received_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, count(*) as n
           from complaints group by 1 order by 1`,
      );
      await same(
        `select d.code, count(c.id) as n, avg(extract(epoch from (c.step_due_at - c.state_entered_at)))::bigint as avg_step_s
           from departments d left join complaints c on c.department_id = d.id
          group by d.code order by d.code`,
      );
      await same(
        `select number, extract(epoch from step_due_at - $1::timestamptz) / 3600 as hours_left
           from complaints where step_due_at is not null order by hours_left, number limit 10`,
        [NOW.toISOString()],
      );
    });

    it('text matching (pg_trgm, ILIKE) on Latin and Chinese text', async () => {
      await same(
        `select number, round(similarity(coalesce(plate, ''), '3K721')::numeric, 4) as sim
           from complaints order by sim desc, number limit 5`,
      );
      await same(`select number from complaints where description ilike '%空调%' or plate ilike '%a·3k%' order by number`);
      await same(`select show_trgm('空调异味') as t`);
      await same(
        `select number, round(similarity(description, '空调出风口有异味')::numeric, 4) as sim
           from complaints order by sim desc, number limit 5`,
      );
    });
  });
});
