import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { attachments, categories, complaintEvents, complaints, notifications, pendingContacts, pendingItems, remedies } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import type { PersonKey } from './schemas';
import { personForms } from './find';
import { recordPersonAct } from './mask';
import { mayHandlePersonData, requireRole } from './who';

/**
 * Everything held about one person, for a request under the PIPL: per form, the customer's
 * fields, the history (with its texts), remedies, pending-item contacts, the evidence files'
 * names (not their bytes) and the messages sent to the customer. Access codes and tracking
 * links are left out: they are keys, not data about the person.
 */
export async function exportPerson(viewer: StaffUser, key: PersonKey, now = new Date(), db?: Db) {
  db ??= await getDb();
  requireRole(viewer, mayHandlePersonData);
  return db.transaction(async (tx) => {
    const found = await personForms(tx, viewer, key);
    const ids = found.map((f) => f.id);
    // One after another: a transaction is one connection (pg queues parallel queries on it, deprecated).
    const forms = ids.length
      ? await tx
          .select({ form: complaints, category: categories.code })
          .from(complaints)
          .leftJoin(categories, eq(categories.id, complaints.categoryId))
          .where(inArray(complaints.id, ids))
          .orderBy(asc(complaints.receivedAt))
      : [];
    const events = ids.length ? await tx.select().from(complaintEvents).where(inArray(complaintEvents.complaintId, ids)).orderBy(asc(complaintEvents.complaintId), asc(complaintEvents.version)) : [];
    const remedyRows = ids.length ? await tx.select().from(remedies).where(inArray(remedies.complaintId, ids)).orderBy(asc(remedies.createdAt)) : [];
    const pending = ids.length ? await tx.select().from(pendingItems).where(inArray(pendingItems.complaintId, ids)).orderBy(asc(pendingItems.openedAt)) : [];
    const files = ids.length ? await tx.select().from(attachments).where(inArray(attachments.complaintId, ids)).orderBy(asc(attachments.createdAt)) : [];
    const sent = ids.length
      ? await tx.select().from(notifications).where(and(inArray(notifications.complaintId, ids), eq(notifications.audience, 'customer'))).orderBy(asc(notifications.createdAt))
      : [];
    const pendingIds = pending.map((p) => p.id);
    const contacts = pendingIds.length ? await tx.select().from(pendingContacts).where(inArray(pendingContacts.pendingItemId, pendingIds)).orderBy(asc(pendingContacts.at)) : [];

    const data = {
      exportedAt: now.toISOString(),
      key: { kind: key.kind, value: key.value },
      forms: forms.map(({ form: f, category }) => ({
        number: f.number,
        status: f.status,
        channel: f.channel,
        category,
        severity: f.severity,
        receivedAt: f.receivedAt,
        resolvedAt: f.resolvedAt,
        archivedAt: f.archivedAt,
        customer: {
          name: f.customerName,
          phone: f.customerPhone,
          email: f.customerEmail,
          locale: f.customerLocale,
        },
        subject: { product: f.subjectProduct, plate: f.plate, vehicleModel: f.vehicleModel, purchaseDate: f.purchaseDate },
        description: f.description,
        customerRequest: f.customerRequest,
        satisfaction: f.satisfaction,
        rootCause: f.rootCause,
        preventiveAction: f.preventiveAction,
        rejectionExplanation: f.rejectionExplanation,
        withdrawReason: f.withdrawReason,
        history: events
          .filter((e) => e.complaintId === f.id)
          .map((e) => ({ at: e.at, type: e.type, from: e.fromState, to: e.toState, by: e.actorRole === 'customer' ? 'customer' : e.actorName, customerVisible: e.customerVisible, payload: e.payload })),
        remedies: remedyRows.filter((r) => r.complaintId === f.id).map((r) => ({ kind: r.kind, description: r.description, amountCents: r.amountCents, status: r.status, at: r.createdAt })),
        pendingItems: pending
          .filter((p) => p.complaintId === f.id)
          .map((p) => ({
            reason: p.reason,
            explanation: p.explanation,
            openedAt: p.openedAt,
            closedAt: p.closedAt,
            contacts: contacts.filter((c) => c.pendingItemId === p.id).map((c) => ({ at: c.at, summary: c.summary, nextContactOn: c.nextContactOn })),
          })),
        evidence: files.filter((a) => a.complaintId === f.id).map((a) => ({ filename: a.filename, mime: a.mime, size: a.size, fromCustomer: a.fromCustomer, at: a.createdAt })),
        messagesToCustomer: sent
          .filter((n) => n.complaintId === f.id)
          .map((n) => ({ at: n.createdAt, channel: n.channel, address: n.address, template: n.template, status: n.status, payload: withoutSecrets(n.payload) })),
      })),
    };
    await recordPersonAct(tx, viewer, 'person.export', key, { forms: found.map((f) => f.number) });
    return data;
  });
}

/** A customer message's payload without the access code and the private link (keys, not data). */
function withoutSecrets(payload: unknown): unknown {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return payload;
  const { accessCode: _a, trackUrl: _t, ...rest } = payload as Record<string, unknown>;
  return rest;
}
