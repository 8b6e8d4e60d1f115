import 'server-only';
import PgBoss from 'pg-boss';
import type { Database } from '@/db/client';
import { deliverDueNotifications } from '@/lib/notify/deliver';
import { trainOnClosedForms } from '@/lib/triage/training';
import { raiseFrequentProblems } from '@/lib/triage/frequent';
import { loadTimeZone } from '@/lib/complaints/settings';
import { transportsFromEnv, type Transports } from '@/lib/notify/transports';
import { pgliteExecutor, postgresExecutor, type JobExecutor } from './executor';
import { log } from '@/lib/log';

/**
 * The background job runner: pg-boss on the application's own database (schema `pgboss`).
 *
 * - PostgreSQL: pg-boss gets its own small pool from the connection string
 *   (`options.connectionString`, else the app pool's, else DATABASE_URL).
 * - PGlite: pg-boss talks through the app's PGlite instance (see executor.ts).
 *
 * Queues, jobs and cron schedules live in the database, so they survive restarts; with several
 * app instances on one PostgreSQL, each cron tick is turned into one job by pg-boss and each
 * job is fetched by one instance (FOR UPDATE SKIP LOCKED). The outbox does not rely on that:
 * its delivery claims rows itself (lib/notify/deliver.ts).
 *
 * Recurring work: give a job definition a `cron` (5 fields, evaluated in the business time
 * zone: the calendar setting as it was at start), e.g. `'0 9 4 * *'` for the monthly ledger
 * reminder on the 4th at 09:00, or call `scheduleRecurring()` while the runner is running.
 */

export const OUTBOX_JOB = 'kesu-outbox';
export const TRIAGE_TRAIN_JOB = 'kesu-triage-train';
export const FREQUENT_PROBLEMS_JOB = 'kesu-triage-frequent';

export interface JobContext {
  database: Database;
  job: { id: string; name: string; data: unknown };
}

export type JobHandler = (ctx: JobContext) => Promise<unknown>;

export interface JobDefinition {
  handler: JobHandler;
  /** Recurring schedule (cron, 5 fields, in the runner's time zone). Omit for on-demand jobs. */
  cron?: string;
  /** pg-boss queue options: policy, retryLimit, retryDelay, retryBackoff, expireInSeconds … */
  queue?: Omit<PgBoss.Queue, 'name'>;
  /** How often this instance polls the queue. Default 5 s (a local `trigger` wakes it at once). */
  pollingIntervalSeconds?: number;
}

export interface JobRunnerOptions {
  /** Jobs by queue name, merged over the built-in ones (today: the outbox, OUTBOX_JOB). */
  handlers?: Record<string, JobHandler | JobDefinition>;
  /** Transports of the built-in outbox job. Default transportsFromEnv(). */
  transports?: Transports;
  /** Register the cron schedules (default true). */
  schedules?: boolean;
  /** Time zone of the cron schedules. Default: the business time zone (the calendar setting), read at start. */
  timeZone?: string;
  /** PostgreSQL only: connection string for pg-boss's pool. */
  connectionString?: string;
  /** Extra pg-boss constructor options (intervals in tests). */
  boss?: Partial<PgBoss.ConstructorOptions>;
}

export interface JobRunner {
  boss: PgBoss;
  database: Database;
  timeZone: string;
  /** Queues a job now and wakes this instance's worker for it. */
  trigger(name: string, data?: object): Promise<string | null>;
  stop(): Promise<void>;
}

/** The built-in jobs. */
export function defaultJobs(transports?: Transports): Record<string, JobDefinition> {
  let resolved: Transports | undefined = transports;
  return {
    [OUTBOX_JOB]: {
      cron: '* * * * *',
      // stately: at most one run active and one waiting across all instances; kicks coalesce.
      queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 15 * 60 },
      async handler({ database }) {
        resolved ??= transportsFromEnv();
        // Work through a backlog, but give the worker back after a minute.
        const until = Date.now() + 60_000;
        const total = { claimed: 0, sent: 0, retried: 0, failed: 0, unsent: 0 };
        for (;;) {
          const r = await deliverDueNotifications(database, { transports: resolved });
          total.claimed += r.claimed;
          total.sent += r.sent;
          total.retried += r.retried;
          total.failed += r.failed;
          total.unsent += r.unsent;
          if (r.claimed === 0 || Date.now() > until) return total;
        }
      },
    },
    // Issue 20: nightly, the triage model learns from the business's closed forms (lib/triage/training.ts);
    // it is switched to only when it validates at least as well as the model in use.
    [TRIAGE_TRAIN_JOB]: {
      cron: '30 2 * * *',
      queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 30 * 60 },
      async handler({ database }) {
        const result = await trainOnClosedForms(database.db);
        log.info({ job: TRIAGE_TRAIN_JOB, outcome: result.outcome, ...('version' in result ? { version: result.version, overall: result.scores.overall, current: result.current.scores.overall } : { forms: result.forms }) }, 'triage training');
        return result.outcome;
      },
    },
    // Issue 20: high-frequency problems (lib/triage/frequent.ts), looked for every 5 minutes.
    [FREQUENT_PROBLEMS_JOB]: {
      cron: '*/5 * * * *',
      queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 10 * 60 },
      async handler({ database }) {
        const alerted = await raiseFrequentProblems(database.db);
        if (alerted) log.info({ job: FREQUENT_PROBLEMS_JOB, alerted }, 'high-frequency problems');
        return alerted;
      },
    },
  };
}

const QUEUE_DEFAULTS: Omit<PgBoss.Queue, 'name'> = {
  policy: 'standard',
  retryLimit: 2,
  retryDelay: 60,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
};

const globalForJobs = globalThis as unknown as { kesuJobRunner?: Promise<JobRunner> };

/** The running job runner of this process, if any. */
export async function getJobRunner(): Promise<JobRunner | undefined> {
  return globalForJobs.kesuJobRunner?.catch(() => undefined);
}

/**
 * Starts pg-boss on `database` (creating or migrating its schema), registers the queues,
 * workers and cron schedules. One runner per process: a second call returns the first runner.
 */
export function startJobRunner(database: Database, options: JobRunnerOptions = {}): Promise<JobRunner> {
  if (!globalForJobs.kesuJobRunner) {
    globalForJobs.kesuJobRunner = createRunner(database, options).catch((err) => {
      globalForJobs.kesuJobRunner = undefined;
      throw err;
    });
  }
  return globalForJobs.kesuJobRunner;
}

/** Stops the runner: no new jobs, running ones finish (up to 30 s), then pg-boss lets go of the database. */
export async function stopJobRunner(): Promise<void> {
  const pending = globalForJobs.kesuJobRunner;
  globalForJobs.kesuJobRunner = undefined;
  const runner = await pending?.catch(() => undefined);
  await runner?.stop();
}

/**
 * Asks for an outbox run now (call it after the transaction that queued notifications has
 * committed). Never throws; returns false when no runner is running in this process, in which
 * case the rows wait for the next cron tick of whichever instance runs the jobs.
 */
export async function kickOutbox(): Promise<boolean> {
  // A burst (API creates, a busy desk) queues one run per kickSpacingMs, not one per call: the
  // stately queue would drop the extra runs anyway, but each send is a write. A kick inside the
  // window schedules one trailing kick at its end, so the last change's notices still go out.
  const wait = lastKickAt + kickSpacingMs - Date.now();
  if (wait > 0) {
    trailingKick ??= new Promise<void>((r) => setTimeout(r, wait).unref?.()).then(() => {
      trailingKick = undefined;
      return kickNow();
    });
    return (await getJobRunner()) !== undefined;
  }
  return kickNow();
}

const kickSpacingMs = 250;
let lastKickAt = 0;
let trailingKick: Promise<boolean> | undefined;

async function kickNow(): Promise<boolean> {
  lastKickAt = Date.now();
  try {
    const runner = await getJobRunner();
    if (!runner) return false;
    await runner.trigger(OUTBOX_JOB);
    return true;
  } catch (err) {
    log.error({ err }, 'jobs: could not trigger the outbox');
    return false;
  }
}

/** Registers (or replaces) a cron schedule for an existing queue on the running runner. */
export async function scheduleRecurring(name: string, cron: string, data: object = {}): Promise<void> {
  const runner = await getJobRunner();
  if (!runner) throw new Error('The job runner is not running');
  await runner.boss.createQueue(name, { ...QUEUE_DEFAULTS, name });
  await runner.boss.schedule(name, cron, data, { tz: runner.timeZone });
}

function connectionStringOf(database: Database, options: JobRunnerOptions): string {
  const fromPool = (database.pool as unknown as { options?: { connectionString?: string } } | undefined)?.options
    ?.connectionString;
  const url = options.connectionString || fromPool || process.env.DATABASE_URL;
  if (!url) throw new Error('The job runner needs the PostgreSQL connection string');
  return url;
}

async function createRunner(database: Database, options: JobRunnerOptions): Promise<JobRunner> {
  const timeZone = options.timeZone || (await loadTimeZone(database.db));
  let executor: JobExecutor;
  if (database.kind === 'pglite') {
    if (!database.pglite) throw new Error('PGlite database without its PGlite instance');
    executor = pgliteExecutor(database.pglite);
  } else {
    executor = postgresExecutor(connectionStringOf(database, options), Number(process.env.KESU_JOBS_POOL_MAX || 3));
  }

  const boss = new PgBoss({
    db: executor as unknown as PgBoss.Db,
    schema: 'pgboss',
    // The minute-by-minute outbox makes ~1,440 jobs a day: archive finished jobs after an hour,
    // delete archived ones after a day.
    archiveCompletedAfterSeconds: 60 * 60,
    deleteAfterDays: 1,
    ...options.boss,
  });
  boss.on('error', (err: Error & { queue?: string }) =>
    log.error({ err, queue: err.queue ?? null }, 'jobs: error'),
  );

  const definitions: Record<string, JobDefinition> = {};
  for (const [name, def] of Object.entries({ ...defaultJobs(options.transports), ...options.handlers })) {
    definitions[name] = typeof def === 'function' ? { handler: def } : def;
  }

  let stopping = false;
  let active = 0;
  const workerIds = new Map<string, string>();

  try {
    await boss.start();
    for (const [name, def] of Object.entries(definitions)) {
      const queue = { ...QUEUE_DEFAULTS, ...def.queue, name };
      await boss.createQueue(name, queue); // no-op when it exists
      await boss.updateQueue(name, queue); // keep its options in step with the code
      const id = await boss.work(
        name,
        { batchSize: 1, pollingIntervalSeconds: def.pollingIntervalSeconds ?? 5 },
        async ([job]) => {
          if (stopping) throw new Error('the job runner is stopping'); // pg-boss fails it; retried per queue policy
          active++;
          try {
            return await def.handler({ database, job: { id: job.id, name: job.name, data: job.data } });
          } finally {
            active--;
          }
        },
      );
      workerIds.set(name, id);
      if (options.schedules !== false) {
        if (def.cron) await boss.schedule(name, def.cron, {}, { tz: timeZone });
        else await boss.unschedule(name);
      }
    }
  } catch (err) {
    await boss.stop({ graceful: false }).catch(() => {});
    await executor.close();
    throw err;
  }

  let stopped: Promise<void> | undefined;
  return {
    boss,
    database,
    timeZone,
    async trigger(name, data = {}) {
      const id = await boss.send(name, data);
      const workerId = workerIds.get(name);
      if (workerId) boss.notifyWorker(workerId);
      return id;
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        await boss.stop({ graceful: true, timeout: 30_000 });
        // pg-boss resolves stop() before every query it fired has settled (job completion is
        // not awaited): wait for those and for our handlers before the database may be closed.
        const deadline = Date.now() + 30_000;
        while ((active > 0 || executor.inFlight > 0) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 20));
        }
        await executor.close();
      })();
      return stopped;
    },
  };
}
