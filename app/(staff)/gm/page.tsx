import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { listGmQueues } from '@/lib/complaints/queues';
import { QueueTable } from '@/components/complaint/queue-table';

export default async function GeneralManagerPage() {
  const user = await requireStaff(['gm']);
  const t = await getTranslations('gm');
  const now = new Date();
  const queues = await listGmQueues(user, now);
  const lists = [
    ['decisions', queues.decisions],
    ['pendingApprovals', queues.pendingApprovals],
    ['instructions', queues.instructions],
  ] as const;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      {lists.map(([key, rows]) => (
        <section key={key} aria-labelledby={`gm-${key}`} data-testid={`gm-${key}`}>
          <h2 id={`gm-${key}`} className="mb-2 text-lg font-medium">
            {t(key)} <span className="text-sm text-slate-600">({rows.length})</span>
          </h2>
          <QueueTable rows={rows} now={now} />
        </section>
      ))}
    </div>
  );
}
