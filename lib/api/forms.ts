import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaintEvents, complaintLinks, complaintParties, complaints, type Complaint } from '@/db/schema';
import { canSee, visibleTo } from '@/lib/complaints/access';
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
    customerPhone: r.customerPhone || null,
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

/** The form row of `number` if the caller may open it (otherwise it does not exist for them): one read with its involved staff. */
export async function findFormFor(caller: ApiCaller, number: string, db?: Db): Promise<Complaint | null> {
  if (!isComplaintNumber(number)) return null;
  const d = db ?? (await getDb());
  const [row] = await d
    .select({
      form: complaints,
      parties: sql<string[]>`array(select ${complaintParties.userId} from ${complaintParties} where ${complaintParties.complaintId} = ${complaints.id})`,
    })
    .from(complaints)
    .where(eq(complaints.number, number));
  if (!row || !canSee(caller.user, { siteId: row.form.siteId, departmentId: row.form.departmentId, partyUserIds: row.parties ?? [] })) return null;
  return row.form;
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

/** An ISO 8601 instant in UTC, as Date.toISOString writes it, from SQL. */
const isoSql = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * One form with its history and attachments, or null when the caller may not open it: two
 * reads (the form with its reach; then its codes, history, files and repeat links as JSON).
 */
export async function readFormFor(caller: ApiCaller, number: string, db?: Db): Promise<FormOut | null> {
  const d = db ?? (await getDb());
  const form = await findFormFor(caller, number, d);
  return form && formOut(caller, form, d);
}

/** What the API answers about `form`, a row the caller may open (read by findFormFor, or just created by the caller). */
export async function formOut(caller: ApiCaller, form: Complaint, d: Db): Promise<FormOut> {
  const full = caller.history === 'full';
  const earlier = d
    .selectDistinct({ number: complaints.number })
    .from(complaintLinks)
    .innerJoin(complaints, eq(complaints.id, complaintLinks.earlierId))
    .where(and(eq(complaintLinks.complaintId, form.id), visibleTo(caller.user)));
  const result = await d.execute(sql`select
    (select code from categories where id = ${form.categoryId}::uuid) as category,
    (select code from departments where id = ${form.departmentId}::uuid) as department,
    coalesce((select json_agg(json_build_object('version', e.version, 'type', e.type, 'fromState', e.from_state, 'toState', e.to_state,
        'at', ${isoSql('e.at')}, 'actorName', e.actor_name, 'actorRole', e.actor_role, 'customerVisible', e.customer_visible, 'payload', e.payload)
        order by e.version, e.id)
      from complaint_events e where e.complaint_id = ${form.id}::uuid ${full ? sql`` : sql`and e.customer_visible`}), '[]'::json) as history,
    coalesce((select json_agg(json_build_object('filename', a.filename, 'mime', a.mime, 'size', a.size, 'fromCustomer', a.from_customer, 'at', ${isoSql('a.created_at')})
        order by a.created_at)
      from attachments a where a.complaint_id = ${form.id}::uuid ${full ? sql`` : sql`and a.from_customer`}), '[]'::json) as files,
    array(select x.number from (${earlier}) x order by x.number) as links`);
  // Both drivers answer { rows }; json comes back parsed.
  const [extra] = (result as unknown as { rows: { category: string | null; department: string | null; history: unknown; files: unknown; links: string[] }[] }).rows;
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  const history = parse<HistoryEventOut[]>(extra.history).map((e) => ({
    ...e,
    // The customer's view names no member of staff.
    actorName: full ? e.actorName : '',
    payload: full ? e.payload : customerPayload(e.type, e.payload),
  }));
  return {
    number: form.number,
    version: form.version,
    status: form.status as FormOut['status'],
    severity: form.severity as FormOut['severity'],
    channel: form.channel as FormOut['channel'],
    category: extra.category ?? null,
    department: extra.department ?? null,
    major: form.major,
    customerName: form.customerName,
    customerPhone: form.customerPhone || null,
    customerEmail: form.customerEmail,
    customerLocale: form.customerLocale,
    subjectProduct: form.subjectProduct,
    plate: form.plate,
    vehicleModel: form.vehicleModel,
    purchaseDate: form.purchaseDate,
    description: form.description,
    customerRequest: form.customerRequest,
    repeatOf: extra.links ?? [],
    receivedAt: form.receivedAt.toISOString(),
    stepDueAt: form.stepDueAt?.toISOString() ?? null,
    responseDueAt: form.responseDueAt.toISOString(),
    resolutionDueAt: form.resolutionDueAt.toISOString(),
    resolvedAt: form.resolvedAt?.toISOString() ?? null,
    archivedAt: form.archivedAt?.toISOString() ?? null,
    history,
    attachments: parse<FormOut['attachments']>(extra.files),
  };
}
