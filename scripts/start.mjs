// npm start: one command from a fresh clone to a running portal with demo data.
// Builds on first start (or when the checked-out commit changed), then runs scripts/server.mjs
// (Next's handler behind node:http, which knows the client's socket address).
import { spawnSync, spawn, execSync } from 'node:child_process';
import fs from 'node:fs';

// Next's own entry point, not npx: a signal to this script then reaches the server itself.
const nextBin = 'node_modules/next/dist/bin/next';

process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.AUTH_TRUST_HOST ??= 'true';
process.env.KESU_DEMO ??= '1';
const port = process.env.PORT || '3000';

let revision = 'unknown';
try {
  revision = execSync('git rev-parse HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
} catch {}
const stamp = '.next/kesu-revision';
const built = fs.existsSync('.next/BUILD_ID') && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === revision;
if (!built || process.env.KESU_REBUILD === '1') {
  console.log('[kesu] building the portal (first start only, about a minute)…');
  const r = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  fs.writeFileSync(stamp, revision);
}
console.log(`[kesu] starting on http://localhost:${port}`);
const child = spawn(process.execPath, ['scripts/server.mjs', port], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
