import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { QueueRow } from '@/lib/complaints/queues';
import { DeadlineBadge } from './deadline-badge';

/** Forms grouped by state, each group overdue first (the query orders by deadline). */
export async function QueueByState({ rows, now }: { rows: QueueRow[]; now: Date }) {
  const t = await getTranslations('common.queue');
  const wf = await getTranslations('workflow');
  if (rows.length === 0) return <p className="text-slate-600">{t('empty')}</p>;
  const groups = new Map<string, QueueRow[]>();
  for (const row of rows) groups.set(row.status, [...(groups.get(row.status) ?? []), row]);
  return (
    <div className="space-y-8">
      {[...groups].map(([state, list]) => (
        <section key={state} aria-labelledby={`q-${state}`} data-testid={`queue-${state}`}>
          <h2 id={`q-${state}`} className="mb-2 text-lg font-medium">
            {wf(`states.${state}`)} <span className="text-sm text-slate-600">({t('count', { count: list.length })})</span>
          </h2>
          <QueueTable rows={list} now={now} />
        </section>
      ))}
    </div>
  );
}

/** One list of forms with their deadlines, overdue rows marked in words and colour. */
export async function QueueTable({ rows, now }: { rows: QueueRow[]; now: Date }) {
  const t = await getTranslations('common.queue');
  const wf = await getTranslations('workflow');
  const format = await getFormatter();
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t('empty')}</p>;
  return (
          <div className="overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-700">
                <tr>
                  <th className="px-3 py-2">{t('number')}</th>
                  <th className="px-3 py-2">{t('customer')}</th>
                  <th className="px-3 py-2">{t('subject')}</th>
                  <th className="px-3 py-2">{t('due')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} className={`border-t border-slate-100 ${row.overdue ? 'bg-red-50' : ''}`}>
                    <td className="px-3 py-2 font-mono">
                      <Link href={`/complaints/${row.number}`} className="text-blue-700 underline">{row.number}</Link>
                      {row.major && <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900">{wf('major')}</span>}
                      <span className="ml-2 text-xs text-slate-600">{wf(`severities.${row.severity}`)}</span>
                    </td>
                    <td className="px-3 py-2">{row.customerName}</td>
                    <td className="px-3 py-2">{row.subject ?? '—'}</td>
                    <td className="px-3 py-2">
                      <DeadlineBadge due={row.stepDueAt} now={now} />
                      {row.stepDueAt && (
                        <span className="ml-2 text-xs text-slate-600">
                          {format.dateTime(row.stepDueAt, { dateStyle: 'short', timeStyle: 'short' })}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
  );
}
