import 'server-only';
import { getDatabase } from '@/db/client';
import { ensureAdmin, seedBase, seedDemo } from '@/db/seed';
import { kickOutbox, startJobRunner, type JobContext, type JobDefinition } from '@/lib/jobs';
import { generateDueRounds, generateRound } from '@/lib/documents/generate';
import { roundCron, roundKinds } from '@/lib/documents/rounds';
import { raiseDeadlineAlerts, remindPendingContacts } from '@/lib/complaints/alerts';
import { loadCalendar } from '@/lib/complaints/settings';
import { pruneRateLimits } from '@/lib/public/rate-limit';
import { pruneSignInAttempts } from '@/lib/auth/throttle';
import { localDate } from '@/lib/workflow';
import { analyzeStaleTables } from '@/db/maintenance';
import { runRetention } from '@/lib/privacy/retention';
import { pruneChannelLogs } from '@/lib/channels/prune';
import { channelJobs } from '@/lib/channels/jobs';
import { promiseJobs } from '@/lib/jobs/promise-jobs';
import { seedDemoPromises } from '@/lib/promises/demo';
import { seedDemoEightD } from '@/lib/eightd/demo';
import { seedDemoHandover } from '@/lib/handover/demo';

const ROUNDS_CATCH_UP = 'kesu-rounds-catch-up';

/**
 * Runs once per server process: migrations (inside getDatabase), reference data, the first
 * administrator or the demo data, then the background jobs.
 */
export async function startup(): Promise<void> {
  const database = await getDatabase();
  await seedBase(database.db);
  if (process.env.KESU_ADMIN_LOGIN && process.env.KESU_ADMIN_PASSWORD) {
    await ensureAdmin(database.db, process.env.KESU_ADMIN_LOGIN, process.env.KESU_ADMIN_PASSWORD);
  }
  if (process.env.KESU_DEMO === '1') {
    const { forms } = await seedDemo(database.db, new Date(), { history: true });
    // Promises and an automatic progress message on the new demo forms (issue 21).
    if (forms) await seedDemoPromises(database.db);
    // An 8D report closed (the lessons learned) and one in progress (issue 21).
    if (forms) await seedDemoEightD(database.db);
    // A handler named on two forms, whose forms the admin can hand over at once (issue 21).
    if (forms) await seedDemoHandover(database.db);
    if (forms) console.log(`[kesu] demo data: ${forms} forms created`);
  }
  if (process.env.KESU_JOBS !== '0') {
    const runner = await startJobRunner(database, {
      handlers: {
        // Outbound webhooks, and inbound e-mail when IMAP_URL is set (lib/channels).
        ...channelJobs(),
        // Daily progress for waiting customers, and the alerts of time promises (issue 21).
        ...promiseJobs(),
        'kesu-deadline-alerts': {
          cron: '*/5 * * * *',
          queue: { policy: 'stately', retryLimit: 0 },
          async handler({ database }) {
            const raised = await raiseDeadlineAlerts(database.db);
            if (raised.warnings + raised.overdue) await kickOutbox();
            return raised;
          },
        },
        'kesu-prune-rate-limits': {
          cron: '17 * * * *',
          queue: { policy: 'stately', retryLimit: 0 },
          handler: async ({ database }) => ({ pruned: await pruneRateLimits(database.db), attempts: await pruneSignInAttempts(database.db) }),
        },
        // Planner statistics on PGlite, which has no autovacuum (db/maintenance.ts).
        'kesu-analyze': {
          cron: '41 * * * *',
          queue: { policy: 'stately', retryLimit: 0 },
          handler: async ({ database }) => ({ analyzed: await analyzeStaleTables(database) }),
        },
        // The scheduled rounds, stored as documents and sent (lib/documents): every Tuesday and
        // on the 2nd to the GM and management; on the 4th the penalties and rewards to the GM
        // and finance. Each is stored once per site and period, whichever instance runs it.
        ...Object.fromEntries(
          roundKinds.map((kind) => [
            `kesu-summary-${kind}`,
            {
              cron: roundCron[kind],
              queue: { policy: 'stately', retryLimit: 2 },
              async handler({ database }: JobContext) {
                const calendar = await loadCalendar(database.db);
                const result = await generateRound(database.db, kind, new Date(), calendar.timeZone);
                if (result.queued) await kickOutbox();
                return result;
              },
            } satisfies JobDefinition,
          ]),
        ),
        // A round whose moment passed while no instance ran (a restart, a deploy) is made up:
        // at start and every hour, cheaply (one lookup per round when nothing is missing).
        [ROUNDS_CATCH_UP]: {
          cron: '7 * * * *',
          queue: { policy: 'stately', retryLimit: 0 },
          async handler({ database }) {
            const calendar = await loadCalendar(database.db);
            const result = await generateDueRounds(database.db, new Date(), calendar.timeZone);
            if (Object.values(result).some((r) => r.queued)) await kickOutbox();
            return result;
          },
        },
        // Every night: closed forms past the retention period lose their personal data (lib/privacy);
        // delivered webhooks and handled e-mails past theirs leave the channels' logs.
        'kesu-retention': {
          cron: '23 3 * * *',
          queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 60 * 60 },
          handler: async ({ database }) => {
            const { years, anonymised, files } = await runRetention(database.db);
            const logs = await pruneChannelLogs(database.db);
            return { years, anonymised, files, logs };
          },
        },
        // The 4th of every month, 09:00 business time: the pending-items contact round.
        'kesu-ledger-round': {
          cron: '0 9 4 * *',
          queue: { policy: 'stately', retryLimit: 0 },
          async handler({ database }) {
            const calendar = await loadCalendar(database.db);
            const count = await remindPendingContacts(database.db, localDate(new Date(), calendar.timeZone));
            if (count) await kickOutbox();
            return { count };
          },
        },
      },
    });
    await runner.trigger(ROUNDS_CATCH_UP);
  }
}
