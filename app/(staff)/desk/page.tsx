import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { listDeskQueues } from '@/lib/complaints/queues';
import { loadIntakeChoices } from '@/lib/complaints/intake';
import { listCustomersWaiting } from '@/lib/complaints/waiting';
import { QueueTable } from '@/components/complaint/queue-table';
import { IntakeForm } from '@/components/complaint/intake-form';

export default async function DeskPage() {
  const user = await requireStaff(['desk']);
  const t = await getTranslations('desk');
  const now = new Date();
  const [queues, choices, waiting] = await Promise.all([
    listDeskQueues(user, now),
    loadIntakeChoices(user),
    listCustomersWaiting(await getDb(), user, now),
  ]);
  const lists = [
    ['triage', queues.triage],
    ['mine', queues.mine],
    ['followUp', queues.followUp],
    ['assess', queues.assess],
  ] as const;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <IntakeForm categories={choices.categories} staff={choices.staff} />
      {lists.map(([key, rows]) => (
        <section key={key} aria-labelledby={`desk-${key}`} data-testid={`desk-${key}`}>
          <h2 id={`desk-${key}`} className="mb-2 text-lg font-medium">
            {t(`queues.${key}`)} <span className="text-sm text-slate-600">({rows.length})</span>
          </h2>
          <QueueTable rows={rows} now={now} />
        </section>
      ))}
      <section aria-labelledby="desk-waiting" data-testid="desk-waiting">
        <h2 id="desk-waiting" className="mb-2 text-lg font-medium">
          {t('queues.waiting')} <span className="text-sm text-slate-600">({waiting.length})</span>
        </h2>
        {waiting.length === 0 ? (
          <p className="text-sm text-slate-600">{t('noneWaiting')}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white text-sm">
            {waiting.map((w) => (
              <li key={w.id} className="flex flex-wrap gap-x-4 px-3 py-2">
                <Link href={`/complaints/${w.number}`} className="font-mono text-blue-700 underline">{w.number}</Link>
                <span>{w.customerName} · {w.customerPhone}</span>
                <span className="text-amber-800">{t('waitingFor', { hours: Math.floor(w.waitingMs / 3_600_000) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
