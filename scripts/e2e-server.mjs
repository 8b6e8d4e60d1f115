// The server the browser tests run against: the production build on a fresh embedded
// database with the demo data, in its own data folder so it never touches ./data.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const port = process.argv[2] || '3100';
const dir = path.resolve(process.env.E2E_DATA_DIR || '.e2e-data');
// E2E_KEEP_DATA=1 (the crash test's restarts) reopens the folder instead of starting afresh.
if (process.env.E2E_KEEP_DATA !== '1') fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const env = {
  ...process.env,
  KESU_DATA_DIR: dir,
  // The demo data, unless a test starts on an empty portal (the crash test: KESU_DEMO=0).
  KESU_DEMO: process.env.KESU_DEMO ?? '1',
  AUTH_TRUST_HOST: 'true',
  NEXT_TELEMETRY_DISABLED: '1',
  KESU_PUBLIC_URL: `http://localhost:${port}`,
  // The number printed on the customer's receipt (e2e/receipt.spec.ts).
  KESU_DESK_PHONE: process.env.KESU_DESK_PHONE ?? '020-8888 6666',
  // Small pages, so that the demo data's lists have several (e2e/queues.spec.ts).
  KESU_QUEUE_PAGE_SIZE: '5',
  // The browser tests stand in for a proxy on the loopback interface: each test sends its own
  // X-Forwarded-For, so the per-address limits of one test do not touch another.
  KESU_TRUSTED_PROXIES: process.env.E2E_TRUSTED_PROXIES ?? 'loopback',
};
// The embedded database unless a test names a PostgreSQL one (E2E_DATABASE_URL).
if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;
else delete env.DATABASE_URL;
// The portal's own server (scripts/server.mjs), not `next start`: it passes the socket address.
// Its output also goes to <data folder>/server.log, so that a test can read what the server logged.
const logFile = fs.createWriteStream(path.join(dir, 'server.log'), { flags: 'a' });
const child = spawn(process.execPath, ['scripts/server.mjs', port], { stdio: ['inherit', 'pipe', 'pipe'], env });
child.stdout.on('data', (chunk) => { process.stdout.write(chunk); logFile.write(chunk); });
child.stderr.on('data', (chunk) => { process.stderr.write(chunk); logFile.write(chunk); });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
