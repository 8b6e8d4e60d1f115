import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import type { QueuePage, QueueRow } from '@/lib/complaints/queues';
import { DeadlineBadge } from './deadline-badge';
import { ComplaintAbout } from './complaint-about';
import { displayPhone } from '@/lib/i18n/phone';
import { CrisisBadge } from '@/components/triage/crisis-badge';

/** The count beside a list's title: exact when small, "500+" when large. */
export async function QueueCount({ total }: { total: QueuePage['total'] }) {
  const t = await getTranslations('common.queue');
  return <span className="text-sm text-slate-600">({total.capped ? t('countCapped', { count: total.count }) : t('count', { count: total.count })})</span>;
}

/**
 * One list of forms, overdue rows marked in words and colour. The waiting list shows how long
 * the customer has heard nothing instead of the step deadline.
 */
export async function QueueTable({ rows, now, variant = 'due' }: { rows: QueueRow[]; now: Date; variant?: 'due' | 'waiting' }) {
  const t = await getTranslations('common.queue');
  const wf = await getTranslations('workflow');
  const cover = await getTranslations('promises.cover');
  const format = await getFormat();
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t('empty')}</p>;
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      {/* On a phone each row is a small card (number, customer, complaint, subject, deadline stacked):
          four columns at 390 px left a customer's name one character a line. */}
      <table className="w-full text-left text-sm max-sm:block">
        <thead className="bg-slate-100 text-slate-700 max-sm:sr-only">
          <tr>
            <th scope="col" className="px-3 py-2">{t('number')}</th>
            <th scope="col" className="px-3 py-2">{t('customer')}</th>
            <th scope="col" className="px-3 py-2">{t('about')}</th>
            <th scope="col" className="px-3 py-2">{t('subject')}</th>
            <th scope="col" className="px-3 py-2">{variant === 'waiting' ? t('lastUpdate') : t('due')}</th>
          </tr>
        </thead>
        <tbody className="max-sm:block">
          {rows.map((row) => (
            <tr key={row.id} className={`border-t border-slate-100 max-sm:block max-sm:py-1 ${row.overdue ? 'bg-red-50' : ''}`}>
              <td className="px-3 py-2 font-mono max-sm:block max-sm:py-0.5">
                <Link href={`/complaints/${row.number}`} className="whitespace-nowrap text-blue-700 underline">{row.number}</Link>
                {row.major && <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900">{wf('major')}</span>}
                {row.repeat && <span className="ml-2 rounded bg-orange-100 px-1 text-xs text-orange-900" title={t('repeatTitle')} data-testid="repeat-badge">{t('repeat')}</span>}
                {row.coverFor && <span className="ml-2 rounded bg-violet-100 px-1 text-xs text-violet-900" data-testid="cover-badge">{cover('badge', { absent: row.coverFor })}</span>}
                <CrisisBadge crisis={row.crisis} />
                <span className="ml-2 text-xs text-slate-600">{wf(`severities.${row.severity}`)}</span>
              </td>
              <td className="px-3 py-2 max-sm:block max-sm:py-0.5">
                {row.customerName}
                {variant === 'waiting' && <span className="block whitespace-nowrap text-slate-600">{displayPhone(row.customerPhone)}</span>}
              </td>
              <td className="px-3 py-2 max-sm:block max-sm:py-0.5"><ComplaintAbout row={row} /></td>
              <td className="px-3 py-2 max-sm:block max-sm:py-0.5">{row.subject ?? '—'}</td>
              <td className="px-3 py-2 max-sm:block max-sm:py-0.5">
                {variant === 'waiting' ? (
                  <span className="text-amber-800">{t('waitingFor', { time: format.duration(now.getTime() - row.lastUpdateAt.getTime()) })}</span>
                ) : (
                  <>
                    <DeadlineBadge due={row.stepDueAt} now={now} />
                    {row.stepDueAt && (
                      <span className="ml-2 text-xs text-slate-600">{format.dateTime(row.stepDueAt)}</span>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Previous / next links of a keyset-paged list (rel links, so scripts and tools can follow them). */
export async function Pager({ basePath, page }: { basePath: string; page: Pick<QueuePage, 'next' | 'previous'> }) {
  const t = await getTranslations('common.queue');
  if (!page.previous && !page.next) return null;
  const link = 'rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100';
  const sep = basePath.includes('?') ? '&' : '?';
  return (
    <nav aria-label={t('pages')} className="mt-3 flex gap-3">
      {page.previous && (
        <Link href={`${basePath}${sep}before=${encodeURIComponent(page.previous)}`} rel="prev" className={link}>← {t('previous')}</Link>
      )}
      {page.next && (
        <Link href={`${basePath}${sep}after=${encodeURIComponent(page.next)}`} rel="next" className={link}>{t('next')} →</Link>
      )}
    </nav>
  );
}

/** A dashboard's list: its first rows, the capped count, and a link to the whole list. */
export async function QueueSection({ id, title, href, page, now, variant }: {
  id: string;
  title: string;
  href: string;
  page: QueuePage;
  now: Date;
  variant?: 'due' | 'waiting';
}) {
  const t = await getTranslations('common.queue');
  return (
    <section aria-labelledby={`q-${id}`} data-testid={`queue-${id}`}>
      <h2 id={`q-${id}`} className="mb-2 text-lg font-medium">
        <Link href={href} className="hover:underline">{title}</Link> <QueueCount total={page.total} />
      </h2>
      <QueueTable rows={page.rows} now={now} variant={variant} />
      {page.next && (
        <p className="mt-2 text-sm">
          <Link href={href} className="text-blue-700 underline">{t('showAll')}</Link>
        </p>
      )}
    </section>
  );
}
