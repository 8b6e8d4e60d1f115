// npm start: one command from a fresh clone to a running portal with demo data.
// Installs when node_modules is missing, builds on first start (or when the checked-out commit
// changed), then runs scripts/server.mjs (Next's handler behind node:http, which knows the
// client's socket address), which migrates, creates the demo data and prints the URL and the
// demo logins. Every step says what it does: a first start must not be a silent minute.
// Only node: modules here, so that this runs before the install.
import { spawnSync, spawn, execSync } from 'node:child_process';
import fs from 'node:fs';

// Next's own entry point, not npx: a signal to this script then reaches the server itself.
const nextBin = 'node_modules/next/dist/bin/next';

process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.AUTH_TRUST_HOST ??= 'true';
process.env.KESU_DEMO ??= '1';
const port = process.env.PORT || '3000';
const startedAt = Date.now();
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;
const say = (line) => console.log(`[kesu] ${line}`);

if (!fs.existsSync(nextBin)) {
  // npm ci installs exactly the versions of package-lock.json.
  const how = fs.existsSync('package-lock.json') ? 'ci' : 'install';
  say(`installing the dependencies (npm ${how}; node_modules is missing)…`);
  const started = Date.now();
  // Under `npm start`, npm_execpath is the npm that runs this script.
  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath, how]] : ['npm', [how]];
  const r = spawnSync(npm[0], npm[1], { stdio: 'inherit', shell: !process.env.npm_execpath && process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`[kesu] npm ${how} failed (exit ${r.status ?? r.signal}); nothing was started`);
    process.exit(r.status ?? 1);
  }
  say(`installed in ${seconds(started)}`);
}

let revision = 'unknown';
try {
  revision = execSync('git rev-parse HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
} catch {}
const stamp = '.next/kesu-revision';
const built = fs.existsSync('.next/BUILD_ID') && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === revision;
if (!built || process.env.KESU_REBUILD === '1') {
  say(`building the portal (${fs.existsSync('.next/BUILD_ID') ? 'the checked-out revision changed' : 'first start'}; the compile step prints nothing until it is done)…`);
  const started = Date.now();
  // The type check is the tests' job (npm test, npm run typecheck): a user's start skips it
  // (next.config.ts reads KESU_SKIP_TYPECHECK).
  const env = { ...process.env, KESU_SKIP_TYPECHECK: process.env.KESU_SKIP_TYPECHECK ?? '1' };
  const r = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`[kesu] the build failed (exit ${r.status ?? r.signal}); nothing was started`);
    process.exit(r.status ?? 1);
  }
  fs.writeFileSync(stamp, revision);
  say(`built in ${seconds(started)}`);
}
say(`starting the server on port ${port}${process.env.KESU_DEMO === '1' ? ' with demo data' : ''}…`);
const child = spawn(process.execPath, ['scripts/server.mjs', port], { stdio: ['inherit', 'pipe', 'inherit'] });
// The server's output passes through; its ready line also gets the time since `npm start`.
let seen = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (seen === null) return;
  seen = (seen + chunk.toString()).slice(-500); // a line may arrive in two chunks
  if (/\[kesu\] ready: .*\n/.test(seen)) {
    seen = null;
    say(`started in ${seconds(startedAt)} (Ctrl-C stops it)`);
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
