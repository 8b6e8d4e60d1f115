import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { requireStaff } from '@/lib/auth/session';
import { countNotificationsByStatus, listNotifications, retryableStatuses } from '@/lib/admin/outbox';
import { transportConfiguration } from '@/lib/notify/transports';
import { InfoNote } from '@/components/ui/section';
import { notificationChannels, notificationStatuses, type NotificationStatus } from '@/lib/admin/schemas';
import { AdminScreen } from '../_components/admin-nav';
import { RetryButton } from './retry-button';
import { MessageStatus } from '@/components/complaint/message-status';
import { WarningIcon } from '@/components/ui/icons';
import { isTemplateName } from '@/lib/notify/templates';
import { isLocale } from '@/lib/i18n/locales';
import { filterButtonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/field';
import { Pager } from '@/components/ui/pager';
import { Select } from '@/components/ui/select';
import { Cell, DataTable } from '@/components/ui/table';

/** The filter bar's selects: as wide as their words, not the bar. */
const filterSelect = 'mt-1 rounded border border-slate-300 bg-white px-2 py-1.5';

const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff(['admin']);
  const params = await searchParams;
  const status = pick<NotificationStatus>(params.status, notificationStatuses);
  const channel = pick(params.channel, notificationChannels);
  const cursor = typeof params.cursor === 'string' ? params.cursor : undefined;
  const [page, counts] = await Promise.all([listNotifications({ status, channel, cursor, limit: 50 }), countNotificationsByStatus()]);
  const t = await getTranslations('admin.outbox');
  const a = await getTranslations('admin');
  const format = await getFormat();
  const when = (d: Date | null) => (d ? format.dateTimeSeconds(d) : '—');
  const query = (extra: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ status, channel, ...extra })) if (v) q.set(k, v);
    const s = q.toString();
    return s ? `/admin/outbox?${s}` : '/admin/outbox';
  };

  // Read from the environment of this process: the job runner that delivers uses the same one.
  const transports = transportConfiguration();
  const transportLines = [
    { channel: 'email', configured: transports.email.configured, text: transports.email.configured ? t('transports.emailOn', { from: transports.email.from ?? '' }) : t('transports.emailOff') },
    { channel: 'sms', configured: transports.sms.configured, text: transports.sms.configured ? t('transports.smsOn') : t('transports.smsOff') },
    { channel: 'inbox', configured: true, text: t('transports.inbox') },
  ];

  return (
    <AdminScreen current="outbox" title={t('title')} intro={t('intro')}>
      <section aria-labelledby="outbox-transports" className="mb-4 rounded border border-slate-200 bg-white p-3" data-testid="outbox-transports">
        <h2 id="outbox-transports" className="mb-2 font-medium">{t('transports.title')}</h2>
        <ul className="space-y-1 text-sm">
          {transportLines.map((l) => (
            <li key={l.channel} data-channel={l.channel} data-configured={l.configured ? 'true' : 'false'}>
              <span aria-hidden="true" className={l.configured ? 'text-green-800' : 'text-amber-800'}>{l.configured ? '✓ ' : <><WarningIcon />{' '}</>}</span>
              {l.text}
            </li>
          ))}
        </ul>
      </section>
      {(!transports.email.configured || !transports.sms.configured) && <InfoNote testId="outbox-unsent-note">{t('transports.unsentHint')}</InfoNote>}
      <form method="get" action="/admin/outbox" className="mb-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3" aria-label={t('filter')}>
        <Field id="outbox-status" label={t('status')}>
          <Select
            id="outbox-status"
            name="status"
            defaultValue={status ?? ''}
            className={filterSelect}
            blank={t('all')}
            choices={notificationStatuses.map((s) => ({ value: s, label: `${t(`statuses.${s}`)} (${counts[s] ?? 0})` }))}
          />
        </Field>
        <Field id="outbox-channel" label={t('channel')}>
          <Select id="outbox-channel" name="channel" defaultValue={channel ?? ''} className={filterSelect} blank={t('all')} choices={notificationChannels.map((c) => ({ value: c, label: t(`channels.${c}`) }))} />
        </Field>
        <button type="submit" className={filterButtonClass}>{t('apply')}</button>
        {(status || channel) && <Link href="/admin/outbox" className="py-1.5 text-sm text-blue-700 underline">{t('reset')}</Link>}
      </form>

      {page.rows.length === 0 ? (
        <EmptyState>{t('empty')}</EmptyState>
      ) : (
        <DataTable testId="outbox-table" minWidth="44rem" columns={[t('created'), t('recipient'), t('template'), t('status'), t('attempts'), t('sentAt')]}>
            {page.rows.map((row) => (
              <tbody key={row.id} className="border-t border-slate-200" data-testid="outbox-row" data-rendered={row.rendered ? 'true' : 'false'}>
                <tr>
                  <Cell className="align-top whitespace-nowrap">
                    {when(row.createdAt)}
                    {row.complaintNumber && (
                      <Link href={`/complaints/${row.complaintNumber}`} className="mt-1 block font-mono text-xs text-blue-700 underline">{row.complaintNumber}</Link>
                    )}
                  </Cell>
                  <Cell className="align-top">
                    <span className="block">{row.recipient ?? '—'}</span>
                    <span className="text-xs text-slate-600">
                      {a.has(`outbox.channels.${row.channel}`) ? t(`channels.${row.channel}` as never) : row.channel} · {a.has(`outbox.audiences.${row.audience}`) ? t(`audiences.${row.audience}` as never) : row.audience}
                    </span>
                  </Cell>
                  <Cell className="align-top">
                    {/* A label, never the code: "已分派（中文）", not assigned(zh-CN). */}
                    <span className="text-xs" data-template={row.template}>
                      {(() => {
                        const template = isTemplateName(row.template) ? t(`templates.${row.template}`) : t('unknownTemplate', { code: row.template });
                        return isLocale(row.locale) ? t('templateIn', { template, language: t(`languages.${row.locale}`) }) : template;
                      })()}
                    </span>
                  </Cell>
                  <Cell className="align-top">
                    <MessageStatus status={row.status} label={a.has(`outbox.statuses.${row.status}`) ? t(`statuses.${row.status}` as never) : row.status} />
                    {(retryableStatuses as readonly string[]).includes(row.status) && <RetryButton id={row.id} />}
                  </Cell>
                  <Cell className="align-top">{row.attempts}</Cell>
                  <Cell className="align-top whitespace-nowrap">
                    {when(row.sentAt)}
                    {(row.status === 'queued' || row.status === 'failed') && (
                      <span className="block text-xs text-slate-600">{format.labelled(t('nextAttempt'), when(row.nextAttemptAt))}</span>
                    )}
                  </Cell>
                </tr>
                <tr>
                  <Cell colSpan={6} className="pt-0 pb-3">
                    {row.lastError && (
                      <p className="mb-1 text-xs text-red-800">
                        <span className="font-medium">{format.labelled(t('lastError'), '')}</span>{row.lastError}
                      </p>
                    )}
                    <details className="rounded border border-slate-200 bg-slate-50">
                      <summary className="cursor-pointer px-2 py-1 text-sm text-blue-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700">
                        {t('show')}
                        {row.rendered && <span className="ml-2 text-slate-700">— {row.rendered.subject}</span>}
                      </summary>
                      {row.rendered ? (
                        <div className="border-t border-slate-200 px-3 py-2">
                          <p className="text-sm"><span className="font-medium">{format.labelled(t('subject'), '')}</span>{row.rendered.subject}</p>
                          <pre className="mt-2 font-sans text-sm whitespace-pre-wrap" data-testid="outbox-text">{row.rendered.text}</pre>
                        </div>
                      ) : (
                        <p className="border-t border-slate-200 px-3 py-2 text-sm text-slate-700">{t('noRendering')}</p>
                      )}
                    </details>
                  </Cell>
                </tr>
              </tbody>
            ))}
        </DataTable>
      )}
      <Pager label={t('pagination')} first={cursor ? { href: query({}), text: t('first') } : null} next={page.next ? { href: query({ cursor: page.next }), text: t('next') } : null} />
    </AdminScreen>
  );
}
