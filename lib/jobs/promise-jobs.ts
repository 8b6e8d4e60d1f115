import 'server-only';
import { runDailyProgress } from '@/lib/promises/daily-progress';
import { raisePromiseAlerts } from '@/lib/promises/alerts';
import { raiseCoverAlerts } from '@/lib/cover/alerts';
import { kickOutbox, type JobDefinition } from './runner';

/**
 * Daily progress and time promises (lib/promises), and absence cover (lib/cover). Both jobs are idempotent per form and day
 * (progress_days) or per promise (warned_at, due_alerted_at), so a run repeated by a second
 * instance or a retry sends nothing twice.
 */
export function promiseJobs(): Record<string, JobDefinition> {
  return {
    // Every 10 minutes: the morning reminder from the start of the working day, the automatic
    // message from the admin's hour; nothing on a day off.
    'kesu-daily-progress': {
      cron: '*/10 * * * *',
      queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 30 * 60 },
      async handler({ database }) {
        const done = await runDailyProgress(database.db);
        if (done.reminders + done.messages) await kickOutbox();
        return done;
      },
    },
    'kesu-promise-alerts': {
      cron: '*/5 * * * *',
      queue: { policy: 'stately', retryLimit: 0 },
      async handler({ database }) {
        const raised = await raisePromiseAlerts(database.db);
        if (raised.warnings + raised.due) await kickOutbox();
        return raised;
      },
    },
    // Absence cover: the secondary handler is alerted as soon as a head's absence holds up a form.
    'kesu-cover-alerts': {
      cron: '*/5 * * * *',
      queue: { policy: 'stately', retryLimit: 0 },
      async handler({ database }) {
        const raised = await raiseCoverAlerts(database.db);
        if (raised) await kickOutbox();
        return { raised };
      },
    },
  };
}
