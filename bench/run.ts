// npm run bench — a load benchmark of the production build against a floor server, on a generated
// data set. See bench/README.md.
//   npm run bench                                   (PGlite, 100,000 forms)
//   DATABASE_URL=postgres://… npm run bench -- --forms 1000000
//   npm run bench -- --smoke                        (a few hundred forms, 1 s per scenario; exit 1 on any error)
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import autocannon from 'autocannon';
import { openDatabase, type Database } from '@/db/client';
import { demoPassword } from '@/db/seed';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { applyEvent, createComplaint, type CommandActor } from '@/lib/complaints/commands';
import { raiseDeadlineAlerts, remindPendingContacts } from '@/lib/complaints/alerts';
import { queueSummaries } from '@/lib/complaints/summaries';
import { loadCalendar } from '@/lib/complaints/settings';
import { localDate } from '@/lib/workflow';
import { periodOf } from '@/lib/reports/period';
import { preparePglite, preparePostgres, type Dataset } from './dataset';
import { makeBenchApiKey } from './api-key';
import { benchXlsxExport, type ExportBench } from './export';

// ---------- arguments ----------
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const smoke = flag('smoke');
const fresh = flag('fresh');
const forms = Number(option('forms') ?? (smoke ? 300 : 100000));
const duration = Number(option('duration') ?? (smoke ? 1 : 10));
const only = option('only')?.split(',').map((s) => s.trim()).filter(Boolean);
const basePort = Number(process.env.BENCH_PORT || 3201);
// The smoke (npm test) always runs on PGlite, whatever DATABASE_URL says.
const url = smoke ? undefined : process.env.DATABASE_URL;
const root = path.resolve('.bench-data');
const connections = 10;

// calib: a bare Next page running the floor's query (app/bench/calib/page.tsx); it also runs beside
// every other page, so each page has a ratio to the framework's own cost in the same minute.
const httpScenarios = ['calib', 'queue', 'queue_deep', 'department', 'management', 'gm', 'ledger', 'search_zh', 'search_en', 'search_phone', 'form', 'track', 'report', 'dashboard', 'drill', 'api_list'] as const;
const inProcess = ['create', 'transition', 'api_create'] as const;
const wanted = (name: string) => !only || only.includes(name);
const log = (msg: string) => console.log(`[bench] ${msg}`);

// ---------- measurements ----------
interface Stats {
  rps: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  errors: number;
  requests: number;
  statuses?: Record<string, number>;
  error?: string;
  /** CPU time (user + system) of the answering process tree during the run, per completed request. */
  cpu_ms_per_request?: number | null;
}

function summarize(latencies: number[], seconds: number, errors: number, extra: Partial<Stats> = {}): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10 : null);
  return { rps: Math.round((latencies.length / seconds) * 10) / 10, p50_ms: pct(50), p95_ms: pct(95), p99_ms: pct(99), errors, requests: latencies.length, ...extra };
}

function failed(message: string): Stats {
  return { rps: 0, p50_ms: null, p95_ms: null, p99_ms: null, errors: 1, requests: 0, error: message };
}

/** autocannon with a fixed duration; non-2xx responses and socket errors count as errors. */
function load(target: string, headers: Record<string, string>): Promise<Stats> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    let non2xx = 0;
    const instance = autocannon({ url: target, connections, duration, headers, timeout: 30 }, (err, result) => {
      if (err) return reject(err);
      const errors = non2xx + result.errors + result.timeouts;
      // With every request slower than the duration nothing completes: say so rather than show 0 req/s silently.
      const note = latencies.length === 0 ? { error: `no response completed within ${duration} s` } : {};
      resolve(summarize(latencies, result.duration || duration, errors, { statuses, ...note }));
    });
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode < 200 || statusCode > 299) non2xx++;
    });
  });
}

/**
 * POST /api/v1/forms under load: each request a new customer (phone, plate) and its own
 * Idempotency-Key, so every call creates a form through the intake command. Anything but 201 is an error.
 */
function loadApiCreate(base: string, headers: Record<string, string>, pid: number): Promise<Stats> {
  const before = treeCpuMs(pid, false);
  let n = 0;
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    let errors = 0;
    const instance = autocannon(
      {
        url: `${base}/api/v1/forms`,
        connections,
        duration,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const i = n++;
              const body = JSON.stringify({
                channel: 'phone',
                customerName: `接口客户${i}`,
                customerPhone: `137${String((process.pid * 7919 + i) % 1e8).padStart(8, '0')}`,
                plate: `粤K·${String(i % 100000).padStart(5, '0')}`,
                categoryCode: 'quality',
                description: '呼叫中心转来：保养后第三天天窗漏水，仪表盘报警灯常亮，希望尽快处理。',
              });
              return { ...req, headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `bench-${process.pid}-${i}-${crypto.randomUUID()}` }, body };
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        const used = treeCpuMs(pid, false) - before;
        const note = latencies.length === 0 ? { error: `no response completed within ${duration} s` } : {};
        const s = summarize(latencies, result.duration || duration, errors + result.errors + result.timeouts, { statuses, ...note });
        resolve({ ...s, cpu_ms_per_request: s.requests ? Math.round((used / s.requests) * 100) / 100 : null });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode !== 201) errors++;
    });
  });
}

/** `workers` concurrent loops calling `fn` for the fixed duration (in-process scenarios). */
async function workers(fn: (i: number) => Promise<unknown>): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const end = started + duration * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const i = next++;
        const t = performance.now();
        try {
          await fn(i);
          latencies.push(performance.now() - t);
        } catch (err) {
          errors++;
          firstError ??= (err as Error).message;
        }
      }
    }),
  );
  return summarize(latencies, (performance.now() - started) / 1000, errors, firstError ? { error: firstError } : {});
}

function merge(runs: Stats[]): Stats & { runs: number } {
  const rps = runs.reduce((a, r) => a + r.rps, 0) / Math.max(runs.length, 1);
  const med = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
    return v.length ? v[Math.floor(v.length / 2)] : null;
  };
  return {
    rps: Math.round(rps * 10) / 10,
    p50_ms: med(runs.map((r) => r.p50_ms)),
    p95_ms: med(runs.map((r) => r.p95_ms)),
    p99_ms: med(runs.map((r) => r.p99_ms)),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    requests: runs.reduce((a, r) => a + r.requests, 0),
    cpu_ms_per_request: med(runs.map((r) => r.cpu_ms_per_request ?? null)),
    runs: runs.length,
  };
}

// ---------- processes ----------
const children: ChildProcess[] = [];
function startProcess(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  fs.mkdirSync(root, { recursive: true });
  const out = fs.openSync(path.join(root, `${name}-${basePort}.log`), 'w');
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', out, out] });
  children.push(child);
  return child;
}
async function stopAll() {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
async function waitFor(target: string, child: ChildProcess, name: string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}: see ${path.join(root, `${name}-${basePort}.log`)}`);
    try {
      const res = await fetch(target, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} did not answer ${target} within ${timeoutMs / 1000} s`);
}

/** A process and all its descendants (without the root unless includeRoot). */
function treePids(rootPid: number, includeRoot: boolean): Set<number> {
  const parent = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const tree = new Set<number>([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) if (tree.has(ppid) && !tree.has(pid)) (tree.add(pid), (grew = true));
  }
  if (!includeRoot) tree.delete(rootPid);
  return tree;
}

/** VmRSS of a process and all its descendants, in MB. */
function treeRssMb(rootPid: number, includeRoot: boolean): number {
  let kb = 0;
  for (const pid of treePids(rootPid, includeRoot)) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      /* gone */
    }
  }
  return Math.round(kb / 1024);
}

const clockTicks = (() => {
  try {
    return Number(execSync('getconf CLK_TCK', { stdio: ['ignore', 'pipe', 'ignore'] }).toString()) || 100;
  } catch {
    return 100;
  }
})();
/** CPU time (user + system) used so far by a process tree, in ms (from /proc/<pid>/stat). */
function treeCpuMs(rootPid: number, includeRoot: boolean): number {
  let ticks = 0;
  for (const pid of treePids(rootPid, includeRoot)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      /* gone */
    }
  }
  return (ticks * 1000) / clockTicks;
}

/** `load` while counting the CPU time of the process tree that answers. */
async function loadCpu(target: string, headers: Record<string, string>, pid: number, includeRoot: boolean): Promise<Stats> {
  const before = treeCpuMs(pid, includeRoot);
  const s = await load(target, headers);
  const used = treeCpuMs(pid, includeRoot) - before;
  return { ...s, cpu_ms_per_request: s.requests ? Math.round((used / s.requests) * 100) / 100 : null };
}

/**
 * autocannon stops at the deadline and drops the requests still in flight, but the server goes on
 * working on them: wait until it answers a trivial request quickly again (at most a minute), so
 * the next scenario does not pay for the previous one.
 */
async function settle(base: string) {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    const t = performance.now();
    await fetch(`${base}/api/auth/csrf`).then((r) => r.arrayBuffer()).catch(() => {});
    if (performance.now() - t < 250) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

// ---------- sign-in through Auth.js ----------
async function signIn(base: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  const take = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const kv = c.split(';')[0];
      const i = kv.indexOf('=');
      const value = kv.slice(i + 1);
      if (value) jar.set(kv.slice(0, i), value);
      else jar.delete(kv.slice(0, i));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${base}/api/auth/csrf`);
  take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, login, password: demoPassword, callbackUrl: `${base}/` }),
  });
  take(res);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in as ${login} failed (HTTP ${res.status}${res.status === 429 ? ': throttled' : ''})`);
  return cookie();
}

async function page(target: string, cookie?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; location: string | null }> {
  const res = await fetch(target, { redirect: 'manual', headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
}

const decodeHref = (h: string) => h.replace(/&amp;/g, '&');
function nextLink(html: string): string | null {
  for (const m of html.matchAll(/<a\b[^>]*>/g)) {
    if (/\brel="next"/.test(m[0])) {
      const href = /\bhref="([^"]+)"/.exec(m[0]);
      if (href) return decodeHref(href[1]);
    }
  }
  return null;
}

// ---------- main ----------
async function main(): Promise<number> {
  const started = Date.now();
  const backend = url ? 'postgres' : 'pglite';
  log(`${backend}, ${forms} forms, ${duration} s per scenario${smoke ? ' (smoke)' : ''}`);
  const dataset: Dataset = url ? await preparePostgres(url, forms, fresh, log) : await preparePglite(root, forms, fresh, log);
  // The API scenarios' key, in the server's data set (on PGlite before the server holds the folder).
  const apiKey = wanted('api_list') || wanted('api_create') ? await makeBenchApiKey(dataset) : '';
  const apiHeaders = { authorization: `Bearer ${apiKey}`, 'accept-language': 'en' };

  // PGlite: one process per folder. The server opens the data set; the floor and the bench's own
  // in-process scenarios (create, transition, jobs) each open a copy of it.
  let floorDir: string | undefined;
  let commandDir: string | undefined;
  if (backend === 'pglite') {
    for (const name of ['copy-floor', 'copy-commands']) {
      const dir = path.join(root, name);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.cpSync(dataset.dataDir!, dir, { recursive: true });
      fs.rmSync(path.join(dir, 'pglite', 'kesu.lock'), { force: true });
    }
    floorDir = path.join(root, 'copy-floor', 'pglite');
    commandDir = path.join(root, 'copy-commands', 'pglite');
  }

  const port = basePort;
  const floorPort = basePort + 1;
  const base = `http://127.0.0.1:${port}`;
  const floorBase = `http://127.0.0.1:${floorPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    KESU_DEMO: '0',
    KESU_JOBS: '1',
    AUTH_SECRET: process.env.AUTH_SECRET || crypto.randomBytes(32).toString('base64url'),
    // The portal limits per client address; the load comes from one address.
    KESU_TRACK_IP_LIMIT: '1000000000',
    KESU_SUBMIT_LIMIT: '1000000000',
    KESU_SIGNIN_LOGIN_FAILURES: '1000000000',
    KESU_SIGNIN_PAIR_FAILURES: '1000000000',
    KESU_SIGNIN_ADDRESS_FAILURES: '1000000000',
    KESU_SUBMIT_PHONE_LIMIT: '1000000000',
    KESU_API_RATE_LIMIT: '1000000000',
    // Turns on the calib page (app/bench/calib/page.tsx); without it the page is a 404.
    KESU_BENCH_CALIB: '1',
  };
  if (backend === 'pglite') {
    delete env.DATABASE_URL;
    env.KESU_DATA_DIR = dataset.dataDir;
  }
  log('starting the portal (node scripts/start.mjs; builds first when needed)…');
  const t0 = Date.now();
  const server = startProcess('server', ['scripts/start.mjs'], env);
  const floor = startProcess('floor', ['--import', 'tsx', 'bench/floor.ts'], {
    ...process.env,
    FLOOR_PORT: String(floorPort),
    ...(floorDir ? { FLOOR_PGLITE_DIR: floorDir, DATABASE_URL: '' } : {}),
  });
  await waitFor(`${floorBase}/queue`, floor, 'floor', 60_000);
  await waitFor(`${base}/login`, server, 'server', 15 * 60_000);
  log(`portal up in ${Math.round((Date.now() - t0) / 1000)} s`);

  let rssMax = 0;
  let rssMaxWithLauncher = 0;
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, treeRssMb(server.pid!, false));
    rssMaxWithLauncher = Math.max(rssMaxWithLauncher, treeRssMb(server.pid!, true));
  }, 500);

  // The bench's own database handle (the data set on PostgreSQL, a copy on PGlite).
  const database: Database = await openDatabase(backend === 'postgres' ? { url, migrate: false } : { url: '', dataDir: commandDir, migrate: false });
  const one = async (text: string, params: unknown[] = []) => (await database.execute(text, params))[0] ?? {};
  const track = await one(`select tracking_token, number from complaints where status = 'investigating' order by received_at desc limit 1`);
  const phone = String((await one(`select customer_phone from complaints where status = 'archived' order by received_at desc limit 1`)).customer_phone);
  const month = localDate(new Date(Date.now() - 20 * 86_400_000), 'Asia/Shanghai').slice(0, 7);
  const quarter = periodOf('quarter', localDate(new Date(), 'Asia/Shanghai'));
  const names: Record<string, string> = {};
  for (const r of await database.execute(`select login, name from users where login in ('desk', 'service', 'management', 'gm')`)) names[r.login as string] = r.name as string;

  // Sessions of real demo users.
  const cookies: Record<string, string> = {};
  for (const login of ['desk', 'service', 'management', 'gm']) cookies[login] = await signIn(base, login);

  const scenarios: Record<string, Stats> = {};
  const floorRuns: Stats[] = [];
  const calibRuns: Stats[] = [];
  type Ratios = { rps: number | null; p95: number | null; cpu?: number | null; calib_rps?: number | null; calib_p95?: number | null; calib_cpu?: number | null };
  const ratios: Record<string, Ratios> = {};
  const targets: Record<string, { login?: string; headers?: Record<string, string>; path: string | (() => Promise<string>); marker: string }> = {
    // The table the floor's query fills: a small data set may have no form in `received` at all,
    // and without KESU_BENCH_CALIB the page is a 404 without it.
    calib: { path: '/bench/calib', marker: '<table>' },
    queue: { login: 'desk', path: '/desk', marker: names.desk },
    queue_deep: {
      login: 'desk',
      marker: names.desk,
      // The desk's own cases (half the open forms are the demo desk's): the longest desk list.
      // Up to 50 pages in along <a rel="next">; a smaller data set (the smoke) stops at its last page.
      path: async () => {
        let current = '/desk/mine';
        for (let i = 0; i < 50; i++) {
          const res = await page(base + current, cookies.desk);
          if (res.status !== 200) throw new Error(`${current} answered HTTP ${res.status}`);
          const next = nextLink(res.body);
          if (!next) {
            if (!smoke) throw new Error(`${current}: no <a rel="next"> after ${i} pages (the list is shorter than 50 pages)`);
            break;
          }
          current = new URL(next, base + current).pathname + new URL(next, base + current).search;
        }
        return current;
      },
    },
    department: { login: 'service', path: '/department', marker: names.service },
    management: { login: 'management', path: '/management', marker: names.management },
    gm: { login: 'gm', path: '/gm', marker: names.gm },
    ledger: { login: 'desk', path: '/ledger', marker: names.desk },
    search_zh: { login: 'desk', path: `/complaints?q=${encodeURIComponent('天窗')}`, marker: 'KS-' },
    search_en: { login: 'desk', path: '/complaints?q=seal', marker: 'KS-' },
    search_phone: { login: 'desk', path: `/complaints?phone=${phone.slice(-6)}`, marker: 'KS-' },
    form: { login: 'desk', path: `/complaints/${dataset.longForm}`, marker: dataset.longForm },
    track: { path: `/track/${track.tracking_token}`, marker: String(track.number) },
    report: { login: 'management', path: `/reports?month=${month}`, marker: names.management },
    // The JSON API's list: the staff search's query for a desk key, first page of 25.
    api_list: { headers: apiHeaders, path: '/api/v1/forms?limit=25', marker: '"number":"KS-' },
    // The dashboard for this quarter over all of the reader's sites (issue 18), and one of its
    // drill-downs: the quarter's forms that are overdue now, a keyset-paged search.
    dashboard: { login: 'management', path: '/reports?period=quarter', marker: 'chart-volume' },
    drill: { login: 'management', path: `/complaints?from=${quarter.from}&to=${quarter.to}&overdue=1`, marker: 'search-results' },
  };

  // Warm the floor's connection and caches once, like the portal's pages are warmed by their check.
  for (let i = 0; i < 20; i++) await page(`${floorBase}/queue`);
  const floorQueue = async () => {
    const r = await loadCpu(`${floorBase}/queue`, {}, floor.pid!, true);
    floorRuns.push(r);
    return r;
  };
  const ratio = (a: number | null | undefined, b: number | null | undefined, digits: number) =>
    a != null && b ? Math.round((a / b) * 10 ** digits) / 10 ** digits : null;
  // calib runs beside every page (after the floor, before the page); the calib scenario itself only when asked for.
  let calibReady = false;
  if (httpScenarios.some((n) => n !== 'calib' && wanted(n))) {
    const c = await page(base + targets.calib.path);
    calibReady = c.status === 200 && c.body.includes(targets.calib.marker);
    if (!calibReady) log(`calib: GET ${targets.calib.path} answered HTTP ${c.status}${c.status === 200 ? ' without its table' : ''}: pages get no ratio to calib`);
  }

  for (const name of httpScenarios) {
    if (!wanted(name)) continue;
    const t = targets[name];
    let pathname: string;
    let firstMs = 0;
    try {
      pathname = typeof t.path === 'string' ? t.path : await t.path();
      // The page must render real content once, so a redirect to /login is never measured as success.
      const t1 = performance.now();
      const first = await page(base + pathname, t.login ? cookies[t.login] : undefined, t.headers);
      firstMs = Math.round(performance.now() - t1);
      if (first.status !== 200) throw new Error(`GET ${pathname} answered HTTP ${first.status}${first.location ? ` → ${first.location}` : ''}`);
      if (!first.body.includes(t.marker)) throw new Error(`GET ${pathname} did not contain ${JSON.stringify(t.marker)}`);
    } catch (err) {
      scenarios[name] = failed((err as Error).message);
      log(`${name}: ERROR ${(err as Error).message}`);
      continue;
    }
    await settle(base);
    // The smoke only proves that each page renders and answers without errors: a 1 s run measures
    // no ratio, so it skips the floor and calib runs beside each page.
    const f = smoke ? undefined : await floorQueue();
    let c: Stats | undefined;
    if (name !== 'calib' && calibReady && !smoke) {
      await settle(base);
      c = await loadCpu(base + targets.calib.path, {}, server.pid!, false);
      calibRuns.push(c);
      await settle(base);
    }
    const s = await loadCpu(base + pathname, { ...t.headers, ...(t.login ? { cookie: cookies[t.login] } : {}) }, server.pid!, false);
    if (name === 'calib') calibRuns.push(s);
    // single_ms: one request alone (the content check), e.g. the report's latency.
    scenarios[name] = { ...s, single_ms: firstMs, ...(name === 'queue_deep' ? { url: pathname } : {}) } as Stats;
    ratios[name] = {
      rps: ratio(s.rps, f?.rps, 3),
      p95: ratio(s.p95_ms, f?.p95_ms, 1),
      cpu: ratio(s.cpu_ms_per_request, f?.cpu_ms_per_request, 1),
      ...(c ? { calib_rps: ratio(s.rps, c.rps, 3), calib_p95: ratio(s.p95_ms, c.p95_ms, 1), calib_cpu: ratio(s.cpu_ms_per_request, c.cpu_ms_per_request, 2) } : {}),
    };
    const cpu = (x: Stats) => `${x.cpu_ms_per_request ?? '?'} ms CPU/req`;
    log(`${name}: ${s.rps} req/s, p95 ${s.p95_ms} ms, ${cpu(s)}, errors ${s.errors}${f ? ` (floor ${f.rps} req/s, p95 ${f.p95_ms} ms, ${cpu(f)}${c ? `; calib ${c.rps} req/s, p95 ${c.p95_ms} ms, ${cpu(c)}` : ''})` : ''}`);
  }

  // In-process: the command layer against a plain INSERT, alternating.
  const desk = (await loadStaffUser(String((await one(`select id from users where login = 'desk'`)).id), database.db)) as StaffUser;
  const actor: CommandActor = { ...desk, name: desk.name, siteId: desk.siteId };
  const siteId = String((await one(`select id from sites where code = 'main'`)).id);
  // The floor inserts a bare row: with the triggers of migration 0017 (counters, summaries) off,
  // as replication does; its rows are deleted the same way, so the counters never see them.
  const floorPool = backend === 'postgres' ? new pg.Pool({ connectionString: url, max: connections, options: '-c session_replication_role=replica' }) : undefined;
  const plainInsert = (i: number) => {
    const values = [siteId, `BF-${process.pid}-${i}-${crypto.randomUUID()}`, `客户${i}`, `139${String(i).padStart(8, '0')}`, '保养后天窗漏水，接待人员态度冷淡。', crypto.randomBytes(24).toString('base64url')];
    const text = `insert into complaints (site_id, number, status, severity, channel, customer_name, customer_phone, description,
      received_at, state_entered_at, response_due_at, resolution_due_at, access_code, tracking_token)
      values ($1, $2, 'withdrawn', 'general', 'phone', $3, $4, $5, '2000-01-01', '2000-01-01', '2000-01-02', '2000-01-08', 'BENCHFLR', $6)`;
    return floorPool ? floorPool.query(text, values) : database.execute(text, values);
  };
  const removeFloorRows = async () => {
    const text = `set session_replication_role = replica; delete from complaints where number like 'BF-%'; set session_replication_role = origin`;
    if (!floorPool) return void (await database.execute(text));
    const client = await floorPool.connect();
    try {
      await client.query(text);
    } finally {
      client.release();
    }
  };
  // PGlite has one session, shared with the command layer's runs: replica only while the floor runs.
  const floorInserts = async () => {
    if (!floorPool) await database.execute(`set session_replication_role = replica`);
    try {
      return await workers(plainInsert);
    } finally {
      if (!floorPool) await database.execute(`set session_replication_role = origin`);
    }
  };
  await removeFloorRows(); // left by an interrupted run
  const floorCreate: Stats[] = [];
  if (wanted('create')) {
    floorCreate.push(await floorInserts());
    const s = await workers((i) =>
      createComplaint(
        { channel: 'phone', customerName: `客户${i}`, customerPhone: `138${String(i).padStart(8, '0')}`, plate: `粤B·${String(i % 100000).padStart(5, '0')}`, categoryCode: 'quality', description: '保养后第三天天窗漏水，仪表盘报警灯常亮，希望尽快处理。' },
        actor,
        { idempotencyKey: crypto.randomUUID() },
        database.db,
      ),
    );
    scenarios.create = s;
    const f = floorCreate[floorCreate.length - 1];
    ratios.create = { rps: f.rps ? Math.round((s.rps / f.rps) * 1000) / 1000 : null, p95: f.p95_ms && s.p95_ms ? Math.round((s.p95_ms / f.p95_ms) * 10) / 10 : null };
    log(`create: ${s.rps}/s, p95 ${s.p95_ms} ms, errors ${s.errors}${s.error ? ` (${s.error})` : ''} (floor insert ${f.rps}/s, p95 ${f.p95_ms} ms)`);
  }
  if (wanted('api_create')) {
    // The intake over HTTP with an API key, against the floor's plain INSERT measured just before.
    const f = await floorInserts();
    floorCreate.push(f);
    await settle(base);
    const s = await loadApiCreate(base, apiHeaders, server.pid!);
    scenarios.api_create = s;
    ratios.api_create = { rps: f.rps ? Math.round((s.rps / f.rps) * 1000) / 1000 : null, p95: f.p95_ms && s.p95_ms ? Math.round((s.p95_ms / f.p95_ms) * 10) / 10 : null };
    log(`api_create: ${s.rps}/s, p95 ${s.p95_ms} ms, ${s.cpu_ms_per_request ?? '?'} ms CPU/req, errors ${s.errors}${s.error ? ` (${s.error})` : ''} (floor insert ${f.rps}/s, p95 ${f.p95_ms} ms)`);
  }
  if (wanted('transition')) {
    const open = await database.execute(`select id, version from complaints where status = 'investigating' order by received_at desc limit 50000`);
    floorCreate.push(await floorInserts());
    // Each form is in the hands of one worker at a time (taken from the pool, put back after its
    // event): a small data set has fewer forms than calls, and two workers on one form would
    // measure the version check, not the transition.
    if (open.length === 0) throw new Error('transition: the data set has no form in investigating');
    const free = [...open];
    const s = await workers(async () => {
      while (free.length === 0) await new Promise((r) => setTimeout(r, 1));
      const form = free.shift()!;
      try {
        await noteOn(form);
      } finally {
        free.push(form);
      }
    });
    async function noteOn(form: (typeof open)[number]) {
      const result = await applyEvent({
        complaintId: String(form.id),
        event: 'note',
        input: { text: '已电话联系客户，说明处理进度。', customerVisible: false },
        actor,
        expectedVersion: Number(form.version),
      }, undefined, database.db);
      form.version = result.complaint.version;
    }
    scenarios.transition = s;
    const f = floorCreate[floorCreate.length - 1];
    ratios.transition = { rps: f.rps ? Math.round((s.rps / f.rps) * 1000) / 1000 : null, p95: null };
    log(`transition: ${s.rps}/s, p95 ${s.p95_ms} ms, errors ${s.errors}${s.error ? ` (${s.error})` : ''}`);
  }
  // The floor's rows have nothing referencing them: skip the foreign-key checks, which would scan
  // every child table without a complaint_id index once per deleted row.
  await removeFloorRows();
  await floorPool?.end();

  // One run of each background job, timed.
  const jobs: Record<string, { ms: number; result?: unknown; error?: string }> = {};
  const timeZone = (await loadCalendar(database.db)).timeZone;
  const jobList: [string, () => Promise<unknown>][] = [
    ['deadline_alerts', () => raiseDeadlineAlerts(database.db)],
    ['summary_weekly', () => queueSummaries(database.db, 'weekly', new Date(), timeZone)],
    ['summary_monthly', () => queueSummaries(database.db, 'monthly', new Date(), timeZone)],
    ['summary_accountability', () => queueSummaries(database.db, 'accountability', new Date(), timeZone)],
    ['ledger_round', () => remindPendingContacts(database.db, localDate(new Date(), timeZone))],
  ];
  for (const [name, run] of jobList) {
    if (only && !only.includes('jobs') && !only.includes(name)) continue;
    const t = performance.now();
    try {
      const result = await run();
      jobs[name] = { ms: Math.round(performance.now() - t), result };
    } catch (err) {
      jobs[name] = { ms: Math.round(performance.now() - t), error: (err as Error).message };
    }
    log(`job ${name}: ${jobs[name].ms} ms ${JSON.stringify(jobs[name].result ?? jobs[name].error)}`);
  }

  // The 10,000-row XLSX export of a search (management sees every form of the site).
  let xlsxExport: ExportBench | { error: string } | undefined;
  if (wanted('export_xlsx')) {
    try {
      const management = (await loadStaffUser(String((await one(`select id from users where login = 'management'`)).id), database.db)) as StaffUser;
      xlsxExport = await benchXlsxExport(database, management, timeZone);
      log(`export_xlsx: ${xlsxExport.rows} rows in ${xlsxExport.seconds} s (${xlsxExport.rows_per_s} rows/s; ${xlsxExport.rows_per_cpu_s} rows per CPU-second), ${Math.round(xlsxExport.bytes / 1024)} kB, bench RSS ${xlsxExport.rss_before_mb} → peak ${xlsxExport.rss_peak_mb} MB`);
    } catch (err) {
      xlsxExport = { error: (err as Error).message };
      log(`export_xlsx: ERROR ${(err as Error).message}`);
    }
  }

  clearInterval(sampler);
  await database.close();
  await stopAll();

  const floorQueueStats = merge(floorRuns);
  const calibStats = merge(calibRuns);
  const results = {
    backend,
    forms,
    processes: 1,
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}${backend === 'postgres' ? ', PostgreSQL 15' : ', PGlite'}`,
    connections,
    duration_s: duration,
    dataset: { reused: dataset.reused, generation_s: dataset.generationSeconds, steps_s: dataset.generationSteps, events: dataset.events, long_form: dataset.longForm },
    scenarios,
    floor: { queue: floorQueueStats, create: merge(floorCreate) },
    // Every calib run of this run (its own scenario and the runs beside each page).
    calib: calibStats,
    ratios,
    jobs,
    export_xlsx: xlsxExport,
    rss_mb: rssMax,
    rss_mb_with_launcher: rssMaxWithLauncher,
    total_s: Math.round((Date.now() - started) / 1000),
  };
  // Only full runs write results.json; smoke and --only runs write beside it (ignored by git).
  const file = path.resolve('bench', smoke ? 'results-smoke.json' : only ? `results-partial-${backend}.json` : 'results.json');
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');

  const rows = Object.entries(scenarios).map(([name, s]) => ({
    scenario: name,
    'req/s': s.rps,
    'p50 ms': s.p50_ms,
    'p95 ms': s.p95_ms,
    'p99 ms': s.p99_ms,
    errors: s.errors,
    'CPU ms/req': s.cpu_ms_per_request ?? '',
    '÷ floor req/s': ratios[name]?.rps ?? '',
    '÷ calib req/s': ratios[name]?.calib_rps ?? '',
    '× calib CPU': ratios[name]?.calib_cpu ?? '',
    '× floor p95': ratios[name]?.p95 ?? '',
  }));
  const extra = (scenario: string, x: Stats) =>
    rows.push({ scenario, 'req/s': x.rps, 'p50 ms': x.p50_ms, 'p95 ms': x.p95_ms, 'p99 ms': x.p99_ms, errors: x.errors, 'CPU ms/req': x.cpu_ms_per_request ?? '', '÷ floor req/s': '', '÷ calib req/s': '', '× calib CPU': '', '× floor p95': '' });
  if (calibRuns.length) extra('calib (all runs)', calibStats);
  extra('floor queue', floorQueueStats);
  extra('floor insert', results.floor.create);
  console.table(rows);
  log(`server RSS max ${rssMax} MB; jobs: ${Object.entries(jobs).map(([k, v]) => `${k} ${v.ms} ms`).join(', ')}`);
  log(`wrote ${path.relative(process.cwd(), file)} in ${results.total_s} s total`);

  const bad = Object.entries(scenarios).filter(([, s]) => s.errors > 0).map(([n]) => n);
  if (calibStats.errors > 0 && !bad.includes('calib')) bad.push('calib');
  const badJobs = Object.entries(jobs).filter(([, j]) => j.error).map(([n]) => n);
  if (xlsxExport && 'error' in xlsxExport) badJobs.push('export_xlsx');
  if (bad.length || badJobs.length) log(`errors in: ${[...bad, ...badJobs].join(', ')}`);
  return smoke && (bad.length || badJobs.length) ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch(async (err) => {
    console.error(err);
    await stopAll();
    process.exit(1);
  });
