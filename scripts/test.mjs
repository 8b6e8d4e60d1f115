// npm test: a production build, then the unit and integration tests (PGlite, plus PostgreSQL when
// TEST_DATABASE_URL is set) together with the crash and start tests, the browser tests against the
// build and a smoke of the load benchmark. Stops at the first failing stage.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const stages = [
  ['production build', 'npx', ['next', 'build']],
  // The crash and start tests kill, restart and start the production server, so they need the
  // build. In one run with the rest: as a stage of their own they kept one of vitest's two
  // workers idle for a minute.
  ['unit, integration, crash and start tests', 'npx', ['vitest', 'run']],
  // The @alone tests last, one at a time (playwright.config.ts).
  ['browser tests', 'npx', ['playwright', 'test'], { E2E_ALONE_LAST: '1' }],
  // A smoke of the load benchmark on PGlite: a few hundred forms, 1 s per scenario; fails when
  // any page does not render or any request errors. The full bench is `npm run bench`.
  ['bench smoke', 'npm', ['run', 'bench', '--', '--smoke']],
];
if (!process.env.TEST_DATABASE_URL) {
  console.log('[test] TEST_DATABASE_URL is not set: the integration tests run on PGlite only.');
}
// Each stage's time, printed together at the end (and at a failure): where the suite's time goes.
const times = [];
const summary = () => console.log(`\n[test] times: ${times.join(' · ')} · total ${Math.round((Date.now() - suiteStarted) / 1000)} s`);
const suiteStarted = Date.now();
for (const [name, cmd, args, env] of stages) {
  const started = Date.now();
  console.log(`\n[test] ${name}…`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`[test] ${name}: ${r.status === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
  times.push(`${name} ${seconds} s`);
  if (r.status !== 0) {
    summary();
    process.exit(r.status ?? 1);
  }
  // scripts/start.mjs (used by the bench) rebuilds unless the build carries the commit it was made from.
  if (name === 'production build') {
    try {
      fs.writeFileSync('.next/kesu-revision', execSync('git rev-parse HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
    } catch {}
  }
}
summary();
