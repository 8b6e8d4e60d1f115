// npm run bench:public — how heavy the customer pages are on a phone.
//
// Starts the production build (`next start` on the existing .next; builds first when there is
// none, or with --build) on a fresh embedded database with the demo data, then for /submit,
// /track and one private /track/<token> page:
//   1. JavaScript weight of the first load, in Chromium via Playwright, cold cache, phone
//      viewport: every response whose type is script, from navigation until the network is
//      idle (so Next's link prefetches count too), deduplicated by URL. Two figures per page:
//        gzip9 — the decoded body gzipped with zlib level 9 (deterministic; this is the figure
//                the budget of e2e/public-weight.spec.ts and issue 8 use);
//        wire  — the encoded body bytes the server actually sent (Chromium's responseBodySize;
//                `next start` compresses with gzip).
//   2. Lighthouse (12.2.3, default mobile profile: Moto G power emulation, simulated slow 4G
//      and 4× CPU slowdown) with the system Chromium, median performance score of --runs runs.
// Prints a table and writes bench/public-weight.json. Numbers are reported, never asserted.
//
//   npm run bench:public [-- --runs 3 --port 3401 --build --no-lighthouse --locale en]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { measureFirstLoadJs, type FirstLoadJs } from './js-weight';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const port = Number(arg('port') ?? process.env.PORT ?? 3401);
const runs = Number(arg('runs') ?? 3);
const locale = arg('locale') ?? 'zh-CN';
const chromePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const chromeFlags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const base = `http://localhost:${port}`;
const nextBin = 'node_modules/next/dist/bin/next';

function build() {
  console.log('[bench:public] next build…');
  const r = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error('next build failed');
}

async function startServer(dataDir: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KESU_DATA_DIR: dataDir,
    KESU_DEMO: '1',
    AUTH_TRUST_HOST: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
    KESU_PUBLIC_URL: base,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    try {
      // /submit reads the categories: it answers only once the database is migrated and seeded.
      const res = await fetch(`${base}/submit`);
      if (res.ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new Error(`server did not answer in time:\n${log}`);
}

/** A real complaint submitted through the page, for a private tracking link to measure. */
async function submitOne(browser: Browser): Promise<string> {
  const context = await browser.newContext({ locale, extraHTTPHeaders: { 'X-Forwarded-For': '198.18.250.1' } });
  const page = await context.newPage();
  await page.goto(`${base}/submit`);
  await page.locator('#customerName').fill('林小姐');
  await page.locator('#customerPhone').fill('138 0013 8000');
  await page.locator('#categoryCode').selectOption('attitude');
  await page.locator('#description').fill('前台接待在我询问维修进度时态度冷淡，多次打断我说话。');
  await page.locator('main button[type=submit]').click();
  const link = page.getByTestId('track-link');
  await link.waitFor({ timeout: 30_000 });
  const href = (await link.getAttribute('href'))!;
  await context.close();
  return href;
}

interface LighthouseResult {
  scores: number[];
  median: number;
  metrics: { fcp_ms: number; lcp_ms: number; tbt_ms: number; cls: number; si_ms: number };
}

async function runLighthouse(url: string): Promise<LighthouseResult> {
  // Imported here: lighthouse is a dev tool of this script only.
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const results: { score: number; metrics: LighthouseResult['metrics'] }[] = [];
  for (let i = 0; i < runs; i++) {
    const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: [...chromeFlags, `--lang=${locale}`] });
    try {
      const out = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
      const lhr = out!.lhr;
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
      results.push({
        score: Math.round((lhr.categories.performance.score ?? 0) * 100),
        metrics: {
          fcp_ms: Math.round(audit('first-contentful-paint')),
          lcp_ms: Math.round(audit('largest-contentful-paint')),
          tbt_ms: Math.round(audit('total-blocking-time')),
          cls: Number(audit('cumulative-layout-shift').toFixed(3)),
          si_ms: Math.round(audit('speed-index')),
        },
      });
    } finally {
      await chrome.kill();
    }
  }
  const sorted = [...results].sort((a, b) => a.score - b.score);
  const mid = sorted[Math.floor(sorted.length / 2)];
  return { scores: results.map((r) => r.score), median: mid.score, metrics: mid.metrics };
}

const kb = (n: number) => (n / 1000).toFixed(1);

async function main() {
  if (flag('build') || !fs.existsSync('.next/BUILD_ID')) build();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-public-weight-'));
  const server = await startServer(dataDir);
  const browser = await chromium.launch({ executablePath: chromePath, args: chromeFlags.filter((f) => f !== '--headless=new') });
  try {
    const trackPath = await submitOne(browser);
    const pages = { '/submit': '/submit', '/track': '/track', '/track/<token>': trackPath };
    const weights: Record<string, FirstLoadJs> = {};
    for (const [name, p] of Object.entries(pages)) weights[name] = await measureFirstLoadJs(browser, `${base}${p}`, { locale });
    const lighthouseResults: Record<string, LighthouseResult> = {};
    if (!flag('no-lighthouse')) {
      for (const [name, p] of Object.entries(pages)) {
        console.log(`[bench:public] lighthouse ${name} (${runs} runs)…`);
        lighthouseResults[name] = await runLighthouse(`${base}${p}`);
      }
    }

    console.log(`\nFirst-load JavaScript (locale ${locale}) and Lighthouse mobile performance\n`);
    console.log(`${'page'.padEnd(16)} ${'files'.padStart(5)} ${'raw kB'.padStart(8)} ${'gzip9 kB'.padStart(9)} ${'wire kB'.padStart(8)}  ${'LH (runs)'.padEnd(16)} FCP/LCP/TBT ms, CLS`);
    for (const name of Object.keys(pages)) {
      const w = weights[name];
      const lh = lighthouseResults[name];
      const lhText = lh ? `${lh.median} (${lh.scores.join(',')})` : '—';
      const m = lh ? `${lh.metrics.fcp_ms}/${lh.metrics.lcp_ms}/${lh.metrics.tbt_ms}, ${lh.metrics.cls}` : '';
      console.log(`${name.padEnd(16)} ${String(w.files.length).padStart(5)} ${kb(w.rawBytes).padStart(8)} ${kb(w.gzipBytes).padStart(9)} ${kb(w.wireBytes).padStart(8)}  ${lhText.padEnd(16)} ${m}`);
    }
    for (const name of Object.keys(pages)) {
      console.log(`\n${name}: the files (gzip9 kB)`);
      for (const f of [...weights[name].files].sort((a, b) => b.gzipBytes - a.gzipBytes)) console.log(`  ${kb(f.gzipBytes).padStart(6)}  ${f.path}`);
    }
    const out = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`,
      locale,
      method: 'first load in Chromium, cold cache, until network idle; script responses deduplicated by URL; gzip9 = decoded body gzipped at zlib level 9; wire = encoded body bytes as sent',
      lighthouse: { version: '12.2.3', profile: 'mobile (default)', runs, chromeFlags },
      pages: Object.fromEntries(
        Object.keys(pages).map((name) => [name, { js: { ...weights[name], files: weights[name].files }, lighthouse: lighthouseResults[name] ?? null }]),
      ),
    };
    fs.writeFileSync('bench/public-weight.json', JSON.stringify(out, null, 2) + '\n');
    console.log('\nwrote bench/public-weight.json');
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
