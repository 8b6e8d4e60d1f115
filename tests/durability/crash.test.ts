/**
 * Crash safety: the production server under a load of public web submissions (over HTTP,
 * through the /submit server action) is killed with SIGKILL at random moments and restarted,
 * many times, on PGlite and on PostgreSQL. Afterwards every submission that a client saw
 * acknowledged is there with its history (complaint row, its complaint_events, its queued
 * notifications), the numbers are gap-free, and the database opens cleanly — on PGlite even
 * with the lock file the killed process left behind.
 *
 * What this proves is survival of a killed process (kill -9). PGlite runs PostgreSQL with
 * fsync off, so a power loss or an OS crash is not covered here (nor testable here).
 *
 * Cycles: KESU_CRASH_CYCLES, else 12 per back-end under CI=true and 3 otherwise. The seed of
 * the random kill moments is printed; KESU_CRASH_SEED replays a run.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { backendKinds, type BackendKind } from '@/tests/helpers/databases';
import { pngBytes } from '@/tests/public/fixtures';
import { normalizePhone } from '@/lib/validation/phone';
import { freePort } from '../../e2e/free-port';
import { actionId, requireBuild, Server, sleep, submitOverHttp, type SubmitFields } from './server';

const ci = process.env.CI === 'true';
const cycles = Number(process.env.KESU_CRASH_CYCLES) || (ci ? 12 : 3);
const seed = Number(process.env.KESU_CRASH_SEED) || crypto.randomInt(1, 2 ** 31);
const clients = 4;
// A free port per back-end unless KESU_CRASH_PORT names the first: a portal on 3000 is no obstacle.
const fixedPort = Number(process.env.KESU_CRASH_PORT) || 0;

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function random(s: number): () => number {
  return () => {
    s |= 0;
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Acked {
  key: string;
  number: string;
  accessCode: string;
  fields: SubmitFields;
}

const report: string[] = [];
afterAll(() => {
  console.log(`[crash] seed ${seed} (KESU_CRASH_SEED=${seed} replays it)\n${report.join('\n')}`);
});

// The back-ends at the same time: each has its own server, port, data folder and database, and a
// server's start (most of this test's time) is one process, so on 2 cores the two overlap.
describe.concurrent.each(backendKinds())('SIGKILL of the production server under submission load [%s]', (kind: BackendKind) => {
  const rand = random(seed + (kind === 'postgres' ? 1 : 0));
  const port = fixedPort ? fixedPort + (kind === 'postgres' ? 1 : 0) : freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kesu-crash-${kind}-`));
  let databaseUrl: string | undefined;
  let adminUrl: string | undefined;
  let dbName: string | undefined;
  let server: Server | undefined;
  let opened: Database | undefined;

  afterAll(async () => {
    await server?.kill('SIGKILL').catch(() => {});
    await opened?.close().catch(() => {});
    if (dbName && adminUrl) await admin(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`every acknowledged submission survives ${cycles} kill/restart cycles, numbers stay gap-free, the database reopens`, async ({ expect }) => {
    requireBuild();
    if (kind === 'postgres') {
      adminUrl = process.env.TEST_DATABASE_URL!;
      dbName = `kesu_t_crash_${crypto.randomBytes(5).toString('hex')}`;
      await admin(adminUrl, `CREATE DATABASE ${dbName}`);
      const u = new URL(adminUrl);
      u.pathname = `/${dbName}`;
      databaseUrl = u.toString();
    }
    const submitId = actionId('submitComplaintAction', 'app/(public)/submit/actions.ts');
    server = new Server({
      port,
      dataDir,
      databaseUrl,
      // The per-address limits would stop the load long before the kill: every client here is one address.
      // No demo data: its 76 forms with their histories made the first start 6 s longer, and the
      // submissions under test need only the base reference data (the categories).
      env: { KESU_DEMO: '0', KESU_SUBMIT_LIMIT: '1000000000', KESU_SUBMIT_PHONE_LIMIT: '1000000000', KESU_SUBMIT_BYTES_PER_DAY: '100000000000' },
    });

    const acked = new Map<string, Acked>();
    /** Sent, not (yet) acknowledged: its client retries it with the same idempotency key after the restart. */
    const unacked = new Map<string, SubmitFields>();
    let sent = 0;
    let killedInStart = 0;
    let retried = 0;
    const newFields = (): SubmitFields => {
      const n = ++sent;
      return {
        idempotencyKey: crypto.randomUUID(),
        customerName: `崩溃测试 ${n}`,
        // Another phone every time: a per-phone limit must not stop the load either.
        customerPhone: `139${String(crypto.randomInt(10_000_000)).padStart(8, '0')}`,
        customerEmail: n % 3 === 0 ? `crash${n}@example.com` : '',
        plate: '',
        subjectProduct: '',
        categoryCode: 'attitude',
        description: `Submission ${n} of the crash test: the desk was unfriendly.`,
        customerRequest: '',
        website: '',
      };
    };
    // Every fourth submission carries a photo: acknowledged means its attachment row and file too.
    const png = pngBytes();
    const photoOf = (fields: SubmitFields) => (Number(fields.customerName.split(' ')[1]) % 4 === 0 ? { name: 'photo.png', bytes: png } : undefined);
    const record = (fields: SubmitFields, r: Awaited<ReturnType<typeof submitOverHttp>>) => {
      if (r.kind === 'ok') {
        const before = acked.get(fields.idempotencyKey);
        // The same key twice must be the same form.
        if (before) expect(r.number).toBe(before.number);
        acked.set(fields.idempotencyKey, { key: fields.idempotencyKey, number: r.number, accessCode: r.accessCode, fields });
        unacked.delete(fields.idempotencyKey);
      } else if (r.kind === 'refused') {
        throw new Error(`a submission was refused, not acknowledged: ${r.status} ${r.body}`);
      } else if (!stop) {
        throw new Error(`a submission failed while the server was up: ${r.error}\n${server!.output}`);
      }
    };

    let stop = false;
    const firstStart: number[] = [];
    const restarts: number[] = [];
    for (let cycle = 0; cycle < cycles; cycle++) {
      server.spawn();
      // Now and then the kill comes while the server is still starting (after the first start,
      // which creates the database: a kill inside initdb is not what this test is about).
      if (cycle > 0 && rand() < 0.2) {
        await sleep(200 + rand() * 1500);
        await server.kill('SIGKILL');
        killedInStart++;
        continue;
      }
      const t0 = Date.now();
      await server.ready();
      (cycle === 0 ? firstStart : restarts).push(Date.now() - t0);
      // The clients whose submissions were cut off retry them, as the form's idempotency key allows.
      for (const [key, fields] of [...unacked]) {
        const r = await submitOverHttp(server.url, submitId, fields, photoOf(fields));
        expect(r.kind, `retry of ${key} after the restart: ${JSON.stringify(r)}\n${server.output}`).toBe('ok');
        record(fields, r);
        retried++;
      }
      stop = false;
      const load = Array.from({ length: clients }, async () => {
        while (!stop) {
          const fields = newFields();
          unacked.set(fields.idempotencyKey, fields);
          const r = await submitOverHttp(server!.url, submitId, fields, photoOf(fields));
          if (stop && r.kind !== 'ok') break; // cut off by the kill
          record(fields, r);
        }
      });
      await sleep(150 + rand() * 2500);
      stop = true; // the clients send nothing new; the requests in flight meet the kill
      await server.kill('SIGKILL');
      await Promise.all(load);
    }

    // The folder still carries the lock of the killed server: opening must see it is stale.
    // (Absent only if the last kill fell between a starting server's removal of the stale lock
    // and the writing of its own.)
    let staleLock = 'none';
    const lock = path.join(dataDir, 'pglite', 'kesu.lock');
    if (kind === 'pglite' && fs.existsSync(lock)) {
      const pid = Number(fs.readFileSync(lock, 'utf8'));
      expect(() => process.kill(pid, 0), 'the lock holder is dead').toThrow();
      staleLock = `of dead process ${pid}`;
    }
    opened = await openDatabase(kind === 'pglite' ? { url: '', dataDir: path.join(dataDir, 'pglite') } : { url: databaseUrl });
    const q = (text: string, params?: unknown[]) => opened!.execute(text, params);
    // What the engine promises about a power loss: PGlite starts PostgreSQL with fsync off.
    const fsync = (await q('show fsync'))[0].fsync;
    const syncCommit = (await q('show synchronous_commit'))[0].synchronous_commit;

    // 1. Every acknowledged submission, as the client sent it, with its history and its notices.
    const rows = await q(
      `select c.id, c.number, c.idempotency_key, c.access_code, c.customer_name, c.customer_phone, c.description, c.status, c.version,
              (select count(*)::int from complaint_events e where e.complaint_id = c.id) as events,
              (select count(*)::int from complaint_events e where e.complaint_id = c.id and e.version = 1 and e.type = 'create') as creates,
              (select count(*)::int from notifications n where n.complaint_id = c.id and n.audience = 'customer' and n.template = 'received') as received_notices,
              (select count(*)::int from attachments a where a.complaint_id = c.id) as photos,
              (select min(a.sha256) from attachments a where a.complaint_id = c.id) as photo_sha
         from complaints c`,
    );
    const photoLost: string[] = [];
    let photosChecked = 0;
    const byKey = new Map(rows.filter((r) => r.idempotency_key).map((r) => [r.idempotency_key as string, r]));
    for (const a of acked.values()) {
      const row = byKey.get(a.key);
      expect(row, `acknowledged ${a.number} is missing`).toBeDefined();
      expect(row).toMatchObject({
        number: a.number,
        access_code: a.accessCode,
        customer_name: a.fields.customerName,
        // Stored in E.164, as every intake stores it.
        customer_phone: normalizePhone(a.fields.customerPhone),
        description: a.fields.description,
        status: 'received',
        // A customer's photos are part of the intake transaction: one evidence_added event.
        version: photoOf(a.fields) ? 2 : 1,
        events: photoOf(a.fields) ? 2 : 1,
        creates: 1,
      });
      // SMS always, e-mail too when the customer gave an address.
      expect(row!.received_notices).toBe(a.fields.customerEmail ? 2 : 1);
      if (photoOf(a.fields)) {
        // The photo rows are written in createComplaint's transaction: a kill cannot part them
        // from their form (it once did, when they were a second statement).
        if (row!.photos === 0) photoLost.push(a.number);
        else {
          expect(row!.photos).toBe(1);
          const sha = row!.photo_sha as string;
          expect(fs.readFileSync(path.join(dataDir, 'attachments', sha.slice(0, 2), sha))).toEqual(Buffer.from(png));
          photosChecked++;
        }
      } else expect(row!.photos).toBe(0);
    }
    expect(photoLost, 'acknowledged without their photo').toEqual([]);
    // 2. No form without its history: a form's version is
    //    its number of events, each begun by its 'create'.
    for (const r of rows) expect({ n: r.number, events: r.events, creates: r.creates }).toEqual({ n: r.number, events: r.version, creates: 1 });
    const orphans = await q(
      `select (select count(*)::int from complaint_events e where not exists (select 1 from complaints c where c.id = e.complaint_id)) as events,
              (select count(*)::int from notifications n where n.complaint_id is not null and not exists (select 1 from complaints c where c.id = n.complaint_id)) as notices`,
    );
    expect(orphans[0]).toEqual({ events: 0, notices: 0 });
    // 3. Gap-free numbers per year, and the counter at the last one.
    const counters = new Map((await q('select year, last from complaint_counters')).map((r) => [Number(r.year), Number(r.last)]));
    const byYear = new Map<number, number[]>();
    for (const r of rows) {
      const [, year, seq] = /^KS-(\d{4})-(\d+)$/.exec(r.number as string)!;
      (byYear.get(Number(year)) ?? byYear.set(Number(year), []).get(Number(year))!).push(Number(seq));
    }
    for (const [year, seqs] of byYear) {
      seqs.sort((a, b) => a - b);
      expect(seqs, `numbers of ${year}`).toEqual(seqs.map((_, i) => i + 1));
      expect(counters.get(year)).toBe(seqs.length);
    }
    // 4. The indexes agree with the tables (the silent corruption of two writers shows as
    //    duplicate keys that only a sequential scan sees).
    const countBy = async (scan: 'index' | 'seq') => {
      const off = scan === 'seq' ? 'off' : 'on';
      return q(
        `set enable_indexscan = ${off}; set enable_bitmapscan = ${off}; set enable_indexonlyscan = ${off};
         select (select count(*)::int from complaints) as complaints, (select count(distinct id)::int from complaints) as ids,
                (select count(distinct number)::int from complaints) as numbers, (select count(*)::int from complaint_events) as events,
                (select count(distinct (complaint_id, version))::int from complaint_events) as versions, (select count(*)::int from notifications) as notices`,
      );
    };
    const seqScan = (await countBy('seq'))[0];
    const indexScan = (await countBy('index'))[0];
    expect(seqScan).toEqual(indexScan);
    expect(seqScan.ids).toBe(seqScan.complaints);
    expect(seqScan.numbers).toBe(seqScan.complaints);
    expect(seqScan.versions).toBe(seqScan.events);
    // Every submission sent (acknowledged or not) is at most one form.
    const ours = rows.filter((r) => r.idempotency_key).length;
    expect(ours).toBeLessThanOrEqual(sent);
    expect(acked.size).toBeGreaterThan(0);

    report.push(
      `[crash] ${kind}: ${cycles} SIGKILL/restart cycles survived (${killedInStart} of them while starting); ` +
        `${sent} submissions sent by ${clients} clients, ${acked.size} acknowledged and all present with history; ` +
        `${retried} cut off by a kill and retried with their key; ${photosChecked} photos present with their file` +
        `${photoLost.length ? `, ${photoLost.length} acknowledged on retry WITHOUT their photo (${photoLost.join(' ')})` : ''}; ${rows.length} forms, numbers gap-free; fsync=${fsync}, synchronous_commit=${syncCommit}; ` +
        (kind === 'pglite' ? `reopened over the stale lock ${staleLock}; ` : '') +
        `first start ${firstStart[0]} ms, restart to ready ${restarts.length ? Math.round(restarts.reduce((a, b) => a + b, 0) / restarts.length) : '–'} ms on average`,
    );
  }, 170_000 + cycles * 15_000);
});

async function admin(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
