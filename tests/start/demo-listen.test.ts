/**
 * Demo mode's passwords are public, so a portal started with demo data must not answer from
 * another machine: `npm start` (KESU_DEMO=1 by default) listens on 127.0.0.1 unless KESU_HOST
 * says otherwise — also when HOSTNAME is set, as Docker sets it. The check is at the TCP level
 * on this machine's own non-loopback addresses: a connection there is refused, while one to
 * 127.0.0.1 is accepted. With KESU_HOST=0.0.0.0 the same addresses do answer, which shows the
 * refusal is the server's choice and not this machine's network.
 *
 * Needs a production build (.next); npm test runs it after its build stage. It goes through
 * scripts/start.mjs when that build is the checked-out commit's (start.mjs would rebuild
 * otherwise), else through scripts/server.mjs with KESU_DEMO=1, the setting start.mjs adds.
 */
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const built = fs.existsSync(path.join(root, '.next/BUILD_ID'));

function headRevision(): string | null {
  try {
    return execSync('git rev-parse HEAD', { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return null;
  }
}
const stamp = path.join(root, '.next/kesu-revision');
const startIsCurrent = built && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === headRevision();

/** This machine's addresses that are not loopback (link-local IPv6 with its interface). */
function outsideAddresses(): string[] {
  const found: string[] = [];
  for (const [name, list] of Object.entries(os.networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      found.push(a.family === 'IPv6' && a.address.startsWith('fe80:') ? `${a.address}%${name}` : a.address);
    }
  }
  return found;
}
const outside = outsideAddresses();

const skipReason = !built
  ? 'skipped: no production build in .next (run `npx next build`; npm test runs this after its build)'
  : outside.length === 0
    ? 'skipped: this machine has no non-loopback address to try'
    : '';

/** A port nobody listens on, on any interface. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a TCP connection to host:port is accepted (false: refused or no answer in 3 s). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 3_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

const running: { child: ChildProcess; dataDir: string }[] = [];
afterEach(async () => {
  for (const { child, dataDir } of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGKILL'); // the whole group: start.mjs and its server
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Starts the portal in demo mode and waits for its "listening on" line (before migrations). */
async function startDemo(env: Record<string, string>): Promise<{ port: number; output: () => string }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-start-'));
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), KESU_DATA_DIR: dataDir, KESU_JOBS: '0', NEXT_TELEMETRY_DISABLED: '1', ...env };
  for (const name of ['DATABASE_URL', 'KESU_DEMO', 'KESU_HOST', 'HOSTNAME', 'KESU_REBUILD']) if (!(name in env)) delete childEnv[name];
  const args = startIsCurrent ? ['scripts/start.mjs'] : ['scripts/server.mjs', String(port)];
  if (!startIsCurrent) childEnv.KESU_DEMO = '1';
  const child = spawn(process.execPath, args, { cwd: root, env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push({ child, dataDir });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const until = Date.now() + 120_000;
  while (!output.includes('[kesu] listening on')) {
    if (child.exitCode !== null) throw new Error(`the portal exited (${child.exitCode}):\n${output}`);
    if (Date.now() > until) throw new Error(`the portal did not listen in 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, output: () => output };
}

describe.skipIf(skipReason !== '')(`npm start in demo mode (${startIsCurrent ? 'scripts/start.mjs' : 'scripts/server.mjs with KESU_DEMO=1'}) ${skipReason}`, () => {
  it.each([
    ['', {}],
    [' with HOSTNAME set (as Docker sets it)', { HOSTNAME: os.hostname() }],
  ])(`answers on 127.0.0.1 and not on this machine's other addresses (${outside.join(', ')})%s, and says so`, async (_, env: Record<string, string>) => {
    const { port, output } = await startDemo(env);
    expect(await accepts('127.0.0.1', port)).toBe(true);
    for (const address of outside) expect(await accepts(address, port), `${address}:${port}`).toBe(false);
    expect(output()).toMatch(/listening on 127\.0\.0\.1 only, because demo data is on/);
  }, 180_000);

  const ipv4 = outside.filter((a) => net.isIPv4(a));
  it.skipIf(ipv4.length === 0)(`answers on the other IPv4 addresses when KESU_HOST=0.0.0.0 asks for every interface${ipv4.length ? '' : ' (skipped: no non-loopback IPv4 address here)'}`, async () => {
    const { port, output } = await startDemo({ KESU_HOST: '0.0.0.0' });
    for (const address of ipv4) expect(await accepts(address, port), `${address}:${port}`).toBe(true);
    expect(output()).toMatch(/listening on 0\.0\.0\.0 \(KESU_HOST\)/);
  }, 180_000);
});
