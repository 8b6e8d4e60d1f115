// npm run bench — measures the command layer and the queue reads on PGlite (in memory) and,
// when BENCH_DATABASE_URL is set, on PostgreSQL. Numbers are printed, never asserted.
//   BENCH_FORMS=2000 npm run bench
import pg from 'pg';
import { openDatabase, type Database } from '@/db/client';
import { seedBase, seedDemo } from '@/db/seed';
import { applyEvent, createComplaint, type CommandActor } from '@/lib/complaints/commands';
import { loadCalendar, loadSlaPolicy } from '@/lib/complaints/settings';
import { loadDashboard } from '@/lib/complaints/queues';
import { searchComplaints, searchFiltersSchema } from '@/lib/complaints/search';
import { loadStaffUser } from '@/db/queries/staff';
import { users, departments } from '@/db/schema';
import { eq } from 'drizzle-orm';

const forms = Number(process.env.BENCH_FORMS || 1000);

function stats(name: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  const total = samples.reduce((a, b) => a + b, 0);
  console.log(
    `${name.padEnd(34)} n=${String(samples.length).padStart(5)}  p50=${pct(50).toFixed(2)} ms  p95=${pct(95).toFixed(2)} ms  ` +
      `throughput=${((samples.length / total) * 1000).toFixed(0)}/s`,
  );
}

async function time<T>(fn: () => Promise<T>, into: number[]): Promise<T> {
  const t = performance.now();
  const result = await fn();
  into.push(performance.now() - t);
  return result;
}

async function run(label: string, database: Database) {
  console.log(`\n== ${label} (${forms} forms) ==`);
  const db = database.db;
  await seedBase(db);
  await seedDemo(db);
  const policy = await loadSlaPolicy(db);
  const calendar = await loadCalendar(db);
  const [desk] = await db.select().from(users).where(eq(users.login, 'desk'));
  const [service] = await db.select().from(departments).where(eq(departments.code, 'service'));
  const actor: CommandActor = { id: desk.id, role: 'desk', departmentId: null, departmentPosition: null, name: desk.name, siteId: desk.siteId };
  const create: number[] = [];
  const triage: number[] = [];
  for (let i = 0; i < forms; i++) {
    const { complaint } = await time(
      () =>
        createComplaint(
          db,
          {
            channel: 'phone',
            customerName: `客户${i}`,
            customerPhone: `139${String(i).padStart(8, '0')}`,
            plate: `粤B·${String(i).padStart(5, '0')}`,
            categoryCode: 'attitude',
            description: '接待人员态度冷淡，等待时间过长，没有人解释原因。',
          },
          actor,
          { policy, calendar },
        ),
      create,
    );
    if (i % 2 === 0) {
      await time(
        () =>
          applyEvent(
            db,
            { complaintId: complaint.id, event: 'triage', input: { departmentId: service.id, severity: 'general' }, actor, expectedVersion: 1 },
            { policy, calendar },
          ),
        triage,
      );
    }
  }
  stats('createComplaint', create);
  stats('applyEvent (triage)', triage);
  const staff = (await loadStaffUser(desk.id, db))!;
  const queue: number[] = [];
  for (let i = 0; i < 30; i++) await time(() => loadDashboard(staff, new Date(), db), queue);
  stats('desk queue read', queue);
  const searches: [string, Record<string, string>][] = [
    ['search: first page, no filter', {}],
    ['search: phone', { phone: '13900000042' }],
    ['search: Chinese text (4 chars)', { q: '态度冷淡' }],
    ['search: Chinese text (2 chars)', { q: '冷淡' }],
  ];
  for (const [name, raw] of searches) {
    const filters = searchFiltersSchema.parse(raw);
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) await time(() => searchComplaints(staff, filters, {}, db), samples);
    stats(name, samples);
  }
}

const pglite = await openDatabase({ url: '', dataDir: 'memory' });
await run('PGlite (in memory)', pglite);
await pglite.close();

const url = process.env.BENCH_DATABASE_URL;
if (url) {
  const name = `kesu_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.toString() });
  try {
    await run('PostgreSQL', database);
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
} else {
  console.log('\n(set BENCH_DATABASE_URL=postgres://… to measure PostgreSQL too)');
}
