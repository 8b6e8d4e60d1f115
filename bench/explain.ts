// npm run bench:explain — EXPLAIN ANALYZE of every query behind the benchmarked pages, on the
// bench data set (PostgreSQL). It calls the same read functions the pages call, records the SQL
// they send, and explains each SELECT with its parameters: slowest first, with the plan node that
// takes the time.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kesu_bench_1m npm run bench:explain
import { openDatabase } from '@/db/client';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { listQueue, loadDashboard, queueSpec } from '@/lib/complaints/queues';
import { loadIntakeChoices } from '@/lib/complaints/intake';
import { loadLedger } from '@/lib/complaints/ledger';
import { parseSearchParams, searchComplaints } from '@/lib/complaints/search';
import { loadChoices, loadFormView } from '@/lib/complaints/form-view';
import { loadPublicView } from '@/lib/public/tracking';
import { monthlyReport } from '@/lib/complaints/reports';
import { loadCalendar, loadSlaPolicy } from '@/lib/complaints/settings';
import { localDate } from '@/lib/workflow';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL to the bench database (EXPLAIN ANALYZE runs on PostgreSQL)');
const database = await openDatabase({ url, migrate: false });
const pool = database.pool!;
const db = database.db;

type Captured = { text: string; values: unknown[] };
let captured: Captured[] = [];
// Record what drizzle sends (pool.query with a query config or text + values).
const original = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
(pool as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
  const [a, b] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
  if (typeof a === 'string') captured.push({ text: a, values: b ?? [] });
  else if (a && typeof a === 'object' && 'text' in a) captured.push({ text: a.text, values: a.values ?? b ?? [] });
  return original(...args);
};

const staff = async (login: string) => {
  const [{ id }] = (await original(`select id from users where login = $1`, [login]) as { rows: { id: string }[] }).rows;
  return (await loadStaffUser(id, db)) as StaffUser;
};
const [desk, service, management, gm] = await Promise.all(['desk', 'service', 'management', 'gm'].map(staff));
const [meta] = ((await original(`select long_form from bench_meta`)) as { rows: { long_form: string }[] }).rows;
const [track] = ((await original(`select tracking_token from complaints where status = 'investigating' order by received_at desc limit 1`)) as { rows: { tracking_token: string }[] }).rows;
const [phone] = ((await original(`select customer_phone from complaints where status = 'archived' order by received_at desc limit 1`)) as { rows: { customer_phone: string }[] }).rows;
const now = new Date();
const calendar = await loadCalendar(db);
const policy = await loadSlaPolicy(db);
const month = localDate(new Date(Date.now() - 20 * 86_400_000), calendar.timeZone).slice(0, 7);
const search = (params: Record<string, string>) => {
  const { filters, after, before } = parseSearchParams(params);
  return searchComplaints(desk, filters, { after, before, now, timeZone: calendar.timeZone }, db);
};

const pages: [string, () => Promise<unknown>][] = [
  ['queue (/desk)', () => Promise.all([loadDashboard(desk, now, db), loadIntakeChoices(desk, db)])],
  ['queue_deep (/desk/triage, one page)', () => listQueue(desk, queueSpec(desk, 'triage')!, {}, now, db)],
  ['department', () => loadDashboard(service, now, db)],
  ['management', () => loadDashboard(management, now, db)],
  ['gm', () => loadDashboard(gm, now, db)],
  ['ledger', () => loadLedger(desk, { now, timeZone: calendar.timeZone, contactDay: policy.pendingContactDay }, db)],
  ['search_zh', () => search({ q: '天窗' })],
  ['search_en', () => search({ q: 'seal' })],
  ['search_phone', () => search({ phone: phone.customer_phone.slice(-6) })],
  ['form', () => Promise.all([loadFormView(desk, meta.long_form, now, db), loadChoices(desk, db)])],
  ['track', () => loadPublicView(track.tracking_token, db)],
  ['report', () => monthlyReport(management, month, calendar.timeZone, db)],
];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Total Time': number;
  'Actual Loops': number;
  'Actual Rows': number;
  Plans?: PlanNode[];
}
/** Nodes by their own time (total minus children), the costliest first. */
function ownTimes(node: PlanNode, out: { label: string; ms: number; rows: number }[] = []) {
  const total = node['Actual Total Time'] * node['Actual Loops'];
  const children = (node.Plans ?? []).reduce((a, c) => a + c['Actual Total Time'] * c['Actual Loops'], 0);
  const label = `${node['Node Type']}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`;
  out.push({ label, ms: Math.max(0, total - children), rows: node['Actual Rows'] * node['Actual Loops'] });
  for (const c of node.Plans ?? []) ownTimes(c, out);
  return out;
}

const findings: { page: string; ms: number; sql: string; nodes: string }[] = [];
for (const [name, run] of pages) {
  captured = [];
  const t = performance.now();
  await run();
  const wall = Math.round(performance.now() - t);
  const selects = captured.filter((q) => /^\s*(with|select)\b/i.test(q.text));
  let sum = 0;
  for (const q of selects) {
    let res: { rows: { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }[] };
    try {
      res = (await original(`explain (analyze, buffers, format json) ${q.text}`, q.values)) as typeof res;
    } catch (err) {
      console.log(`  (could not explain: ${(err as Error).message}) ${q.text.slice(0, 120)}`);
      continue;
    }
    const plan = res.rows[0]['QUERY PLAN'][0];
    sum += plan['Execution Time'];
    const top = ownTimes(plan.Plan).sort((a, b) => b.ms - a.ms).slice(0, 2);
    findings.push({
      page: name,
      ms: Math.round(plan['Execution Time'] * 10) / 10,
      sql: q.text.replace(/\s+/g, ' ').slice(0, 220),
      nodes: top.map((n) => `${n.label} ${n.ms.toFixed(1)} ms (${n.rows} rows)`).join('; '),
    });
  }
  console.log(`== ${name}: ${selects.length} queries, ${Math.round(sum)} ms in the database, ${wall} ms wall`);
}
findings.sort((a, b) => b.ms - a.ms);
console.log('\nSlowest queries (execution time, costliest plan nodes, SQL):');
for (const f of findings.slice(0, Number(process.env.EXPLAIN_TOP || 25))) {
  console.log(`\n[${f.page}] ${f.ms} ms — ${f.nodes}\n  ${f.sql}`);
}
await database.close();
