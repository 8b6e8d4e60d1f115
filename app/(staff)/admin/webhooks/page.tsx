import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { getFormat } from '@/lib/i18n/get-format';
import { listWebhookDeliveries, listWebhookEndpoints } from '@/lib/channels/webhooks/admin';
import { eventKey } from '@/lib/channels/webhooks/events';
import { isUuid, isPgTimestamp } from '@/lib/params';
import { EmptyState } from '@/components/ui/empty-state';
import { Section } from '@/components/ui/section';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { AdminScreen } from '../_components/admin-nav';
import { EndpointForm } from './endpoint-form';
import { ResendButton, ToggleEndpointButton } from './row-buttons';

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff(['admin']);
  const params = await searchParams;
  const before =
    typeof params.before === 'string' && typeof params.beforeId === 'string' && isPgTimestamp(params.before) && isUuid(params.beforeId)
      ? { createdAt: new Date(params.before), id: params.beforeId }
      : undefined;
  const [endpoints, deliveries, t, format] = await Promise.all([
    listWebhookEndpoints(user),
    listWebhookDeliveries(user, { before }),
    getTranslations('channels.webhooks'),
    getFormat(),
  ]);
  const last = deliveries.at(-1);
  // Message keys cannot hold a dot: form.created is eventTypes.form_created.
  const eventLabel = (type: string) => (t.has(`eventTypes.${eventKey(type)}`) ? t(`eventTypes.${eventKey(type)}` as 'eventTypes.form_created') : type);
  return (
    <AdminScreen current="webhooks" title={t('title')} intro={t('intro')}>
      <Section id="webhook-endpoints" title={t('endpoints')} count={endpoints.length}>
        {endpoints.length === 0 ? (
          <EmptyState>{t('none')}</EmptyState>
        ) : (
          <DataTable columns={[t('url'), t('kind'), t('events'), t('status'), { hidden: t('disable') }]} testId="webhook-endpoints" cards>
            <tbody>
              {endpoints.map((e) => (
                <Row key={e.id}>
                  <Cell className="break-all font-mono text-xs">
                    {e.url}
                    {e.description && <span className="block font-sans text-slate-600">{e.description}</span>}
                  </Cell>
                  <Cell>{t(`kinds.${e.kind as 'standard' | 'wecom'}`)}</Cell>
                  <Cell>{e.events.map((ev) => eventLabel(ev)).join(' · ')}</Cell>
                  <Cell>{t(e.active ? 'active' : 'inactive')}</Cell>
                  <Cell><ToggleEndpointButton id={e.id} active={e.active} label={e.url} /></Cell>
                </Row>
              ))}
            </tbody>
          </DataTable>
        )}
      </Section>

      <Section id="webhook-add" title={t('add')}>
        <EndpointForm />
      </Section>

      <Section id="webhook-log" title={t('log')} hint={t('logIntro')}>
        {deliveries.length === 0 ? (
          <EmptyState>{t('noDeliveries')}</EmptyState>
        ) : (
          <DataTable columns={[t('when'), t('event'), t('endpoint'), t('status'), t('attempts'), t('result'), { hidden: t('resend') }]} testId="webhook-log" cards minWidth="44rem">
            <tbody>
              {deliveries.map((d) => (
                <Row key={d.id} data-status={d.status}>
                  <Cell>{format.dateTimeSeconds(d.createdAt)}</Cell>
                  <Cell>{eventLabel(d.eventType)}</Cell>
                  <Cell className="break-all font-mono text-xs">{d.url}</Cell>
                  <Cell>
                    {t.has(`statuses.${d.status}`) ? t(`statuses.${d.status}` as 'statuses.sent') : d.status}
                    {d.status === 'queued' && d.attempts > 0 && <span className="block text-xs text-slate-600">{t('next', { at: format.dateTimeSeconds(d.nextAttemptAt) })}</span>}
                  </Cell>
                  <Cell>{d.attempts}</Cell>
                  <Cell className="break-all text-xs">{d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : '—')}</Cell>
                  <Cell>{(d.status === 'failed' || d.status === 'sent') && <ResendButton id={d.id} label={`${d.eventType} ${d.url}`} />}</Cell>
                </Row>
              ))}
            </tbody>
          </DataTable>
        )}
        {deliveries.length === 50 && last && (
          <p className="mt-3">
            <a className="text-blue-700 underline" href={`/admin/webhooks?before=${encodeURIComponent(last.createdAt.toISOString())}&beforeId=${last.id}`}>{t('more')}</a>
          </p>
        )}
      </Section>
    </AdminScreen>
  );
}
