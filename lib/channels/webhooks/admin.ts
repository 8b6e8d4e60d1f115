import 'server-only';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { AdminError } from '@/lib/admin/errors';
import { requireAdmin, type AdminViewer } from '@/lib/admin/viewer';
import { checkWebhookUrl, type UrlProblem } from './address';
import { webhookEndpointSchema, type WebhookEndpointInput } from './schema';
import { newWebhookSecret } from './sign';

export { webhookEndpointSchema, type WebhookEndpointInput } from './schema';

export class WebhookUrlError extends Error {
  constructor(readonly problem: UrlProblem) {
    super(problem);
  }
}

export interface EndpointRow {
  id: string;
  url: string;
  kind: string;
  events: string[];
  allowPrivate: boolean;
  active: boolean;
  description: string | null;
  createdAt: Date;
}

const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  kind: webhookEndpoints.kind,
  events: webhookEndpoints.events,
  allowPrivate: webhookEndpoints.allowPrivate,
  active: webhookEndpoints.active,
  description: webhookEndpoints.description,
  createdAt: webhookEndpoints.createdAt,
};

export async function listWebhookEndpoints(viewer: AdminViewer, db?: Db): Promise<EndpointRow[]> {
  requireAdmin(viewer);
  const d = db ?? (await getDb());
  return d.select(endpointColumns).from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt));
}

/** Registers an endpoint; returns its signing secret, which is shown to the admin this once. */
export async function createWebhookEndpoint(viewer: AdminViewer, raw: WebhookEndpointInput, db?: Db): Promise<{ id: string; secret: string }> {
  requireAdmin(viewer);
  const input = webhookEndpointSchema.parse(raw);
  const problem = await checkWebhookUrl(input.url, input.allowPrivate);
  if (problem) throw new WebhookUrlError(problem);
  const d = db ?? (await getDb());
  const secret = newWebhookSecret();
  const id = await d.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ url: input.url, kind: input.kind, events: input.events, allowPrivate: input.allowPrivate, description: input.description || null, secret, createdById: viewer.id })
      .returning({ id: webhookEndpoints.id });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      siteId: viewer.siteId,
      action: 'webhook.create',
      targetType: 'webhook',
      targetId: row.id,
      targetLabel: input.url,
      after: { url: input.url, kind: input.kind, events: input.events, allowPrivate: input.allowPrivate },
    });
    return row.id;
  });
  return { id, secret };
}

/** Switches an endpoint on or off: an inactive one gets no new deliveries, and queued ones fail. */
export async function setWebhookEndpointActive(viewer: AdminViewer, id: string, active: boolean, db?: Db): Promise<void> {
  requireAdmin(viewer);
  const d = db ?? (await getDb());
  await d.transaction(async (tx) => {
    const [row] = await tx.update(webhookEndpoints).set({ active }).where(eq(webhookEndpoints.id, id)).returning({ url: webhookEndpoints.url });
    if (!row) throw new AdminError('not_found');
    await recordAudit(tx, { actorUserId: viewer.id, siteId: viewer.siteId, action: active ? 'webhook.enable' : 'webhook.disable', targetType: 'webhook', targetId: id, targetLabel: row.url });
  });
}

export interface DeliveryRow {
  id: string;
  endpointId: string;
  url: string;
  eventType: string;
  eventKey: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  createdAt: Date;
}

/** The delivery log, newest first, 50 a page (keyset on created_at, id). */
export async function listWebhookDeliveries(
  viewer: AdminViewer,
  filter: { endpointId?: string; before?: { createdAt: Date; id: string } } = {},
  db?: Db,
): Promise<DeliveryRow[]> {
  requireAdmin(viewer);
  const d = db ?? (await getDb());
  const conditions = [];
  if (filter.endpointId) conditions.push(eq(webhookDeliveries.endpointId, filter.endpointId));
  if (filter.before) {
    conditions.push(
      or(lt(webhookDeliveries.createdAt, filter.before.createdAt), and(eq(webhookDeliveries.createdAt, filter.before.createdAt), lt(webhookDeliveries.id, filter.before.id))),
    );
  }
  return d
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      url: webhookEndpoints.url,
      eventType: webhookDeliveries.eventType,
      eventKey: webhookDeliveries.eventKey,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatus: webhookDeliveries.lastStatus,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      sentAt: webhookDeliveries.sentAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(50);
}

/**
 * "Send again": a failed delivery (or a sent one the receiver lost) is queued once more, with a
 * fresh budget of attempts. It keeps its id, so the receiver sees the same webhook-id.
 */
export async function resendWebhookDelivery(viewer: AdminViewer, id: string, db?: Db): Promise<void> {
  requireAdmin(viewer);
  const d = db ?? (await getDb());
  await d.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookDeliveries)
      .set({ status: 'queued', attempts: 0, nextAttemptAt: new Date(), lockedUntil: null })
      .where(and(eq(webhookDeliveries.id, id), or(eq(webhookDeliveries.status, 'failed'), eq(webhookDeliveries.status, 'sent'))))
      .returning({ eventKey: webhookDeliveries.eventKey });
    if (!row) throw new AdminError('not_found');
    await recordAudit(tx, { actorUserId: viewer.id, siteId: viewer.siteId, action: 'webhook.resend', targetType: 'webhook_delivery', targetId: id, targetLabel: row.eventKey });
  });
}
