import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { attachments, categories, complaintEvents, complaintLinks, complaints, departments } from '@/db/schema';
import { mayOpen, visibleTo } from '@/lib/complaints/access';
import { parseSearchParams, searchComplaints } from '@/lib/complaints/search';
import { isComplaintNumber } from '@/lib/params';
import { isCustomerVisibleInput } from '@/lib/public/visible-fields';
import type { ApiCaller } from './keys';
import { ApiError } from './problem';
import { listQuerySchema, type FormOut, type HistoryEventOut, type ListItem } from './schemas';

/**
 * What the API reads of forms: the staff search (same filters, same visibility rule, same keyset
 * paging) and one form with its history, each scoped to the key's staff identity by the same
 * lib functions the pages use.
 */

export async function listFormsFor(caller: ApiCaller, query: URLSearchParams, db?: Db, now = new Date()) {
  const raw = Object.fromEntries(query.entries());
  const { filters, after, before, invalid } = parseSearchParams(raw);
  if (invalid) throw new ApiError(400, 'badQuery');
  const { limit } = listQuerySchema.pick({ limit: true }).parse(raw);
  const page = await searchComplaints(caller.user, filters, { after, before, pageSize: limit, now }, db);
  const items: ListItem[] = page.rows.map((r) => ({
    number: r.number,
    status: r.status,
    severity: r.severity as ListItem['severity'],
    customerName: r.customerName,
    customerPhone: r.customerPhone,
    subject: r.subject,
    category: r.categoryNameEn,
    department: r.departmentNameEn,
    major: r.major,
    repeat: r.repeat,
    overdue: r.overdue,
    receivedAt: r.receivedAt.toISOString(),
    stepDueAt: r.stepDueAt?.toISOString() ?? null,
  }));
  return { items, ...(page.next ? { next: page.next } : {}), ...(page.previous ? { previous: page.previous } : {}) };
}

/** The form row of `number` if the caller may open it (otherwise it does not exist for them). */
export async function findFormFor(caller: ApiCaller, number: string, db?: Db) {
  if (!isComplaintNumber(number)) return null;
  const d = db ?? (await getDb());
  const [form] = await d.select().from(complaints).where(eq(complaints.number, number));
  if (!form || !(await mayOpen(d, caller.user, form))) return null;
  return form;
}

/** Only the inputs the customer reads (lib/public/visible-fields.ts), for a key that reads the customer's history. */
function customerPayload(type: string, payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([field]) => isCustomerVisibleInput(type, field)));
}

export async function historyFor(caller: ApiCaller, formId: string, db: Db): Promise<HistoryEventOut[]> {
  const full = caller.history === 'full';
  const rows = await db
    .select()
    .from(complaintEvents)
    .where(full ? eq(complaintEvents.complaintId, formId) : and(eq(complaintEvents.complaintId, formId), eq(complaintEvents.customerVisible, true)))
    .orderBy(asc(complaintEvents.version), asc(complaintEvents.id));
  return rows.map((e) => ({
    version: e.version,
    type: e.type,
    fromState: e.fromState,
    toState: e.toState,
    at: e.at.toISOString(),
    // The customer's view names no member of staff.
    actorName: full ? e.actorName : '',
    actorRole: e.actorRole,
    customerVisible: e.customerVisible,
    payload: full ? (e.payload as Record<string, unknown>) : customerPayload(e.type, e.payload as Record<string, unknown>),
  }));
}

/** One form with its history and attachments, or null when the caller may not open it. */
export async function readFormFor(caller: ApiCaller, number: string, db?: Db): Promise<FormOut | null> {
  const d = db ?? (await getDb());
  const form = await findFormFor(caller, number, d);
  if (!form) return null;
  const [[meta], history, files, links] = await Promise.all([
    d
      .select({ category: categories.code, department: departments.code })
      .from(complaints)
      .leftJoin(categories, eq(categories.id, complaints.categoryId))
      .leftJoin(departments, eq(departments.id, complaints.departmentId))
      .where(eq(complaints.id, form.id)),
    historyFor(caller, form.id, d),
    d.select().from(attachments).where(eq(attachments.complaintId, form.id)).orderBy(asc(attachments.createdAt)),
    d
      .selectDistinct({ number: complaints.number })
      .from(complaintLinks)
      .innerJoin(complaints, eq(complaints.id, complaintLinks.earlierId))
      .where(and(eq(complaintLinks.complaintId, form.id), visibleTo(caller.user))),
  ]);
  return {
    number: form.number,
    version: form.version,
    status: form.status as FormOut['status'],
    severity: form.severity as FormOut['severity'],
    channel: form.channel as FormOut['channel'],
    category: meta?.category ?? null,
    department: meta?.department ?? null,
    major: form.major,
    customerName: form.customerName,
    customerPhone: form.customerPhone,
    customerEmail: form.customerEmail,
    customerLocale: form.customerLocale,
    subjectProduct: form.subjectProduct,
    plate: form.plate,
    vehicleModel: form.vehicleModel,
    purchaseDate: form.purchaseDate,
    description: form.description,
    customerRequest: form.customerRequest,
    repeatOf: links.map((l) => l.number).sort(),
    receivedAt: form.receivedAt.toISOString(),
    stepDueAt: form.stepDueAt?.toISOString() ?? null,
    responseDueAt: form.responseDueAt.toISOString(),
    resolutionDueAt: form.resolutionDueAt.toISOString(),
    resolvedAt: form.resolvedAt?.toISOString() ?? null,
    archivedAt: form.archivedAt?.toISOString() ?? null,
    history,
    attachments: (caller.history === 'full' ? files : files.filter((f) => f.fromCustomer)).map((f) => ({
      filename: f.filename,
      mime: f.mime,
      size: f.size,
      fromCustomer: f.fromCustomer,
      at: f.createdAt.toISOString(),
    })),
  };
}
