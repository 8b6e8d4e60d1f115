import 'server-only';
import type { JobDefinition } from '@/lib/jobs';
import { log } from '@/lib/log';
import { imapConfig, pollMailbox } from './mail/import';
import { deliverDueWebhooks } from './webhooks/deliver';

export const WEBHOOK_JOB = 'kesu-webhooks';
export const MAIL_JOB = 'kesu-mail';

/**
 * The channels' background jobs, for the job runner (lib/startup.ts):
 * - webhooks: every minute, delivers due webhook rows (retries included, each at its back-off time);
 * - mail: every minute, when IMAP_URL is set, imports the mailbox's unseen messages.
 * Both 'stately': one run at a time across all app instances.
 */
export function channelJobs(): Record<string, JobDefinition> {
  const jobs: Record<string, JobDefinition> = {
    [WEBHOOK_JOB]: {
      cron: '* * * * *',
      queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 15 * 60 },
      async handler({ database }) {
        const until = Date.now() + 60_000;
        const total = { claimed: 0, sent: 0, retried: 0, failed: 0 };
        for (;;) {
          const r = await deliverDueWebhooks(database);
          total.claimed += r.claimed;
          total.sent += r.sent;
          total.retried += r.retried;
          total.failed += r.failed;
          if (r.claimed === 0 || Date.now() > until) return total;
        }
      },
    },
  };
  let configured = false;
  try {
    configured = !!imapConfig();
  } catch (err) {
    log.error({ err }, 'mail: IMAP_URL is not usable; inbound e-mail is off');
  }
  if (configured) {
    jobs[MAIL_JOB] = {
      cron: '* * * * *',
      queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 10 * 60 },
      handler: ({ database }) => pollMailbox(database),
    };
  }
  return jobs;
}
