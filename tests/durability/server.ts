/**
 * The production server as the browser tests start it (scripts/e2e-server.mjs, whatever that
 * runs), in its own process group so that one signal reaches every process of it, and the
 * public submission path over HTTP: the /submit page's server action, posted the way React's
 * client posts it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export function requireBuild(): void {
  if (!fs.existsSync(path.join(root, '.next/BUILD_ID'))) {
    throw new Error('tests/durability needs the production build: run `npx next build` first (npm test does it before this stage)');
  }
}

/** The id of a server action in the production build, by its exported name and file. */
export function actionId(exportedName: string, filename: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName && v.filename === filename);
  if (!found) throw new Error(`server action ${exportedName} of ${filename} not in the build`);
  return found[0];
}

export interface ServerOptions {
  port: number;
  /** E2E_DATA_DIR: the data folder (PGlite database, attachments, auth secret). */
  dataDir: string;
  /** A PostgreSQL database instead of PGlite. */
  databaseUrl?: string;
  env?: Record<string, string>;
}

export class Server {
  private child?: ChildProcess;
  output = '';
  constructor(private readonly opts: ServerOptions) {}

  get url(): string {
    return `http://localhost:${this.opts.port}`;
  }

  /** Starts the server on the existing data (E2E_KEEP_DATA=1) without waiting for it. */
  spawn(): void {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      E2E_DATA_DIR: this.opts.dataDir,
      E2E_KEEP_DATA: '1',
      E2E_DATABASE_URL: this.opts.databaseUrl ?? '',
      NEXT_TELEMETRY_DISABLED: '1',
      ...this.opts.env,
    };
    delete env.DATABASE_URL;
    this.output = '';
    // detached: its own process group, so kill(-pid) reaches the wrapper and the server at once.
    const child = spawn(process.execPath, ['scripts/e2e-server.mjs', String(this.opts.port)], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (b: Buffer) => {
      this.output = (this.output + b.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.child = child;
  }

  /** Waits until /submit answers 200 (migrations done, the page renders). */
  async ready(timeoutMs = 180_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.child?.exitCode != null) throw new Error(`server exited (${this.child.exitCode}):\n${this.output}`);
      try {
        const r = await fetch(`${this.url}/submit`, { signal: AbortSignal.timeout(5_000) });
        if (r.status === 200) return;
      } catch {
        /* not listening yet */
      }
      await sleep(100);
    }
    throw new Error(`server not ready in ${timeoutMs} ms:\n${this.output}`);
  }

  /** Sends `signal` to the whole process group and waits until every process of it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, signal);
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 600; i++) {
      try {
        process.kill(-pid, 0);
      } catch {
        this.child = undefined;
        return;
      }
      await sleep(50);
    }
    throw new Error(`process group ${pid} still alive 30 s after ${signal}`);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type SubmitFields = Record<string, string>;

/** The outcome of one submission as its client sees it. */
export type SubmitOutcome =
  | { kind: 'ok'; number: string; accessCode: string; trackPath: string }
  | { kind: 'refused'; status: string; body: string }
  | { kind: 'error'; error: string };

/**
 * Posts the /submit form through its server action over HTTP, encoded as React's client encodes
 * `formAction(formData)` of useActionState: the form's fields under `_1_`, then the argument list.
 */
export async function submitOverHttp(baseUrl: string, id: string, fields: SubmitFields, photo?: { name: string; bytes: Uint8Array }, timeoutMs = 30_000): Promise<SubmitOutcome> {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v);
  if (photo) body.append('_1_photos', new Blob([Buffer.from(photo.bytes)], { type: 'image/png' }), photo.name);
  body.append('0', JSON.stringify([{ status: 'idle' }, '$K1']));
  try {
    const r = await fetch(`${baseUrl}/submit`, {
      method: 'POST',
      body,
      headers: { 'Next-Action': id, Accept: 'text/x-component', Origin: baseUrl },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await r.text();
    const line = text.split('\n').find((l) => l.startsWith('1:'));
    // The action's ActionState (lib/auth/action.ts publicAction).
    const state = line ? (JSON.parse(line.slice(2)) as { ok: boolean; code?: string; data?: { number: string; accessCode: string; trackPath: string } }) : null;
    if (r.status === 200 && state?.ok && state.data) {
      return { kind: 'ok', number: state.data.number, accessCode: state.data.accessCode, trackPath: state.data.trackPath };
    }
    return { kind: 'refused', status: `${r.status} ${state?.code ?? ''}`, body: text.slice(0, 500) };
  } catch (err) {
    return { kind: 'error', error: String((err as Error).cause ?? err) };
  }
}
