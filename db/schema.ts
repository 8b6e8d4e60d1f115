import {
  pgTable,
  uuid,
  text,
  integer,
  bigint,
  boolean,
  timestamp,
  jsonb,
  date,
  primaryKey,
  unique,
  uniqueIndex,
  index,
  bigserial,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { customerWaitingStates, openStates, terminalStates } from '../lib/workflow/states';

/**
 * A list of states as SQL literals: a partial index's predicate must be written exactly as the
 * query's condition (bound parameters would not let the planner prove the query implies it).
 */
export function stateListSql(list: readonly string[]): SQL {
  return sql.raw(`(${list.map((s) => `'${s}'`).join(', ')})`);
}
export const openStatesSql = stateListSql(openStates);
export const waitingStatesSql = stateListSql(customerWaitingStates);
/** Steps whose deadline alerts are raised (lib/complaints/alerts.ts): open, but the pending ledger. */
export const alertStatesSql = stateListSql(openStates.filter((s) => s !== 'pending'));
/** Closed forms (archived, rejected, withdrawn): what the retention job may anonymise. */
export const closedStatesSql = stateListSql(terminalStates);

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();

export const sites = pgTable('sites', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id').notNull().references(() => sites.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    headUserId: uuid('head_user_id').references((): AnyPgColumn => users.id),
    primaryUserId: uuid('primary_user_id').references((): AnyPgColumn => users.id),
    secondaryUserId: uuid('secondary_user_id').references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('departments_site_code_uq').on(t.siteId, t.code)],
);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  login: text('login').notNull().unique(),
  name: text('name').notNull(),
  email: text('email'),
  role: text('role').notNull(),
  departmentId: uuid('department_id').references((): AnyPgColumn => departments.id),
  groupWide: boolean('group_wide').notNull().default(false),
  locale: text('locale').notNull().default('zh-CN'),
  absentUntil: ts('absent_until'),
  /** Head of the customer-service centre (a desk user): may hand a form over to someone else (lib/handover). */
  centreHead: boolean('centre_head').notNull().default(false),
  passwordHash: text('password_hash').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

export const categories = pgTable('categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  defaultDepartmentCode: text('default_department_code'),
  defaultSeverity: text('default_severity').notNull().default('general'),
  // Retired categories are kept (forms refer to them) but offered no more at intake.
  active: boolean('active').notNull().default(true),
});

// Gap-free numbering: the row is locked by the creating transaction and rolled back with it.
export const complaintCounters = pgTable('complaint_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/**
 * The searchable text of a form as one expression: number, customer, phone, subject, the
 * customer's words. The trigram index and the search query must use exactly this expression.
 */
export function complaintSearchTextOf(
  t: Record<'number' | 'customerName' | 'customerPhone' | 'plate' | 'subjectProduct' | 'vehicleModel' | 'description' | 'customerRequest', AnyPgColumn>,
): SQL {
  return sql`(${t.number} || ' ' || ${t.customerName} || ' ' || ${t.customerPhone} || ' ' || coalesce(${t.plate}, '') || ' ' || coalesce(${t.subjectProduct}, '') || ' ' || coalesce(${t.vehicleModel}, '') || ' ' || ${t.description} || ' ' || coalesce(${t.customerRequest}, ''))`;
}

/**
 * The Chinese tokens of a form: every CJK character and every pair of adjacent CJK characters
 * of the searchable text, as computed by the SQL function kesu_cjk_tokens (migration
 * 0006_search_cjk). The GIN index complaints_search_cjk_idx and the search query must use
 * exactly this expression.
 */
export function complaintCjkTokensOf(t: Parameters<typeof complaintSearchTextOf>[0]): SQL {
  return sql`kesu_cjk_tokens(${complaintSearchTextOf(t)})`;
}

/** The customer's phone with only its digits (it may be stored with spaces, dashes or +86). */
export function complaintPhoneDigitsOf(t: Record<'customerPhone', AnyPgColumn>): SQL {
  return sql`regexp_replace(${t.customerPhone}, '\\D', '', 'g')`;
}

/**
 * A plate as repeat complaints compare it: upper case, without spaces and separators, so that
 * "粤B·12345", "粤b 12345" and "粤B12345" are one vehicle. Takes a column or a parameter: the
 * index complaints_plate_key_idx and the query must use exactly this expression.
 */
export function plateKeySql(value: SQL | AnyPgColumn): SQL {
  return sql`upper(regexp_replace(${value}, '[[:space:]\u3000·•.-]', '', 'g'))`;
}

/**
 * A description as repeat complaints compare it ("a very similar text", DESIGN §2): the same
 * words, whatever the case, spaces and punctuation, as an md5 so that the index stays small.
 * Index complaints_text_key_idx (with the category) and the query use exactly this expression.
 */
export function textKeySql(value: SQL | AnyPgColumn): SQL {
  return sql`md5(lower(regexp_replace(${value}, '[[:space:][:punct:]\u3000，。！？、；：“”‘’（）【】《》…—～·]', '', 'g')))`;
}

export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id').notNull().references(() => sites.id),
    number: text('number').notNull().unique(),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    severity: text('severity').notNull(),
    categoryId: uuid('category_id').references(() => categories.id),
    channel: text('channel').notNull(),
    customerName: text('customer_name').notNull(),
    /** E.164; '' when the customer gave none (only a form from an e-mail: createComplaintSchema). */
    customerPhone: text('customer_phone').notNull(),
    customerEmail: text('customer_email'),
    customerLocale: text('customer_locale').notNull().default('zh-CN'),
    subjectProduct: text('subject_product'),
    plate: text('plate'),
    vehicleModel: text('vehicle_model'),
    purchaseDate: date('purchase_date', { mode: 'string' }),
    description: text('description').notNull(),
    customerRequest: text('customer_request'),
    departmentId: uuid('department_id').references(() => departments.id),
    customerManagerId: uuid('customer_manager_id').references(() => users.id),
    /** The department's handler of this form when one was named by a hand-over (lib/handover); else the department's own handlers. */
    handlerId: uuid('handler_id').references((): AnyPgColumn => users.id),
    createdById: uuid('created_by_id').references(() => users.id),
    major: boolean('major').notNull().default(false),
    gmInstructedAt: ts('gm_instructed_at'),
    followUpWanted: boolean('follow_up_wanted').notNull().default(true),
    /** The latest determination's finding (DESIGN §3); null before one. Not founded closes as rejected. */
    founded: boolean('founded'),
    customerUnreachable: boolean('customer_unreachable').notNull().default(false),
    receivedAt: ts('received_at').notNull().defaultNow(),
    stateEnteredAt: ts('state_entered_at').notNull().defaultNow(),
    stepDueAt: ts('step_due_at'),
    responseDueAt: ts('response_due_at').notNull(),
    resolutionDueAt: ts('resolution_due_at').notNull(),
    firstResponseAt: ts('first_response_at'),
    resolvedAt: ts('resolved_at'),
    archivedAt: ts('archived_at'),
    pausedAt: ts('paused_at'),
    pausedMs: bigint('paused_ms', { mode: 'number' }).notNull().default(0),
    lastCustomerUpdateAt: ts('last_customer_update_at'),
    rootCause: text('root_cause'),
    preventiveAction: text('preventive_action'),
    responsiblePerson: text('responsible_person'),
    /** The responsible person when they are in the staff directory (responsiblePerson then holds their name). */
    responsibleUserId: uuid('responsible_user_id').references((): AnyPgColumn => users.id),
    rejectionExplanation: text('rejection_explanation'),
    withdrawReason: text('withdraw_reason'),
    faultOpinion: text('fault_opinion'),
    finalOpinion: text('final_opinion'),
    satisfaction: integer('satisfaction'),
    determinationDraft: jsonb('determination_draft'),
    accessCode: text('access_code').notNull(),
    trackingToken: text('tracking_token').notNull().unique(),
    idempotencyKey: text('idempotency_key').unique(),
    /** When the customer's personal fields were replaced (a person's request or retention, lib/privacy). */
    anonymisedAt: ts('anonymised_at'),
    /** Legal hold: while set, the form's personal data is neither erased nor anonymised by retention. */
    legalHoldAt: ts('legal_hold_at'),
    legalHoldById: uuid('legal_hold_by_id').references((): AnyPgColumn => users.id),
    legalHoldReason: text('legal_hold_reason'),
    /** A public-opinion or legal risk (DESIGN §2a), set at intake or by the desk (lib/triage/crisis.ts). */
    crisis: boolean('crisis').notNull().default(false),
    /** When the GM, management and the centre's head were told of the crisis: once per form. */
    crisisAlertedAt: ts('crisis_alerted_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // The queues (lib/complaints/queues.ts): equality columns, then the keyset (step_due_at, id).
    index('complaints_queue_idx').on(t.status, t.stepDueAt, t.id),
    index('complaints_department_queue_idx').on(t.departmentId, t.status, t.stepDueAt, t.id),
    index('complaints_manager_open_idx').on(t.customerManagerId, t.stepDueAt, t.id).where(sql`${t.status} in ${openStatesSql}`),
    index('complaints_gm_instruction_idx')
      .on(t.stepDueAt, t.id)
      .where(sql`${t.major} and ${t.gmInstructedAt} is null and ${t.status} in ${openStatesSql}`),
    // The weekly and monthly summaries count forms resolved in a period.
    index('complaints_resolved_idx').on(t.resolvedAt).where(sql`${t.resolvedAt} is not null`),
    // The deadline-alert job walks open steps (but the ledger's) in deadline order.
    index('complaints_alert_idx').on(t.stepDueAt).where(sql`${t.status} in ${alertStatesSql}`),
    index('complaints_waiting_idx')
      .on(sql`coalesce(${t.lastCustomerUpdateAt}, ${t.receivedAt})`, t.id)
      .where(sql`${t.status} in ${waitingStatesSql}`),
    index('complaints_manager_status_idx').on(t.customerManagerId, t.status),
    index('complaints_phone_idx').on(t.customerPhone),
    // The crisis forms the dashboard counts, few among many.
    index('complaints_crisis_idx').on(t.receivedAt).where(sql`${t.crisis}`),
    // A person's data (lib/privacy/find.ts): found by e-mail (any case) or by the exact name.
    index('complaints_email_idx').on(sql`lower(${t.customerEmail})`),
    index('complaints_customer_name_idx').on(t.customerName),
    // Repeat complaints (lib/complaints/repeats.ts): the same plate, or the same words in the same category.
    index('complaints_plate_key_idx').on(plateKeySql(t.plate)),
    index('complaints_text_key_idx').on(t.categoryId, textKeySql(t.description)),
    index('complaints_created_idx').on(t.createdAt, t.id),
    // The retention job (lib/privacy/retention.ts): closed forms not yet anonymised, oldest closing first.
    index('complaints_retention_idx').on(t.stateEnteredAt).where(sql`${t.anonymisedAt} is null and ${t.status} in ${closedStatesSql}`),
    // Search (lib/complaints/search.ts): keyset pagination in (received_at desc, id desc) order,
    // and one trigram index over the searchable text (complaintSearchTextOf above).
    index('complaints_received_idx').on(t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('complaints_search_trgm_idx').using('gin', sql`(${complaintSearchTextOf(t)}) gin_trgm_ops`),
    // Chinese words of any length on both back-ends (a trigram index cannot serve a 2-character
    // word), and parts of a phone number; functions and reasons in migration 0006_search_cjk.
    index('complaints_search_cjk_idx').using('gin', complaintCjkTokensOf(t)),
    index('complaints_phone_digits_idx').using('gin', sql`(${complaintPhoneDigitsOf(t)}) gin_trgm_ops`),
  ],
);

/**
 * How many forms each dashboard list holds, kept by a trigger on `complaints` (migration
 * 0017_maintained_counts) in the transaction of every insert, update and delete, whoever writes
 * (the change routine, intake, the seed, the bench generator). A dashboard reads a handful of
 * these rows instead of counting forms. One row per key and kind:
 * - 'state': every form, by site, department and state;
 * - 'manager': open forms with a customer manager, by site, department, manager and state;
 * - 'instruction': open major forms the GM has not instructed yet, by site, department and state.
 * Rows are never removed (a count may sit at 0). Rebuilt from the forms by kesu_recount_form_counts().
 */
export const formCounts = pgTable(
  'form_counts',
  {
    kind: text('kind').notNull(),
    siteId: uuid('site_id').notNull(),
    departmentId: uuid('department_id'),
    userId: uuid('user_id'),
    status: text('status').notNull(),
    n: integer('n').notNull(),
  },
  // The trigger's upsert target; a dashboard reads a range of it (kind, site, then the manager).
  (t) => [unique('form_counts_key').on(t.kind, t.siteId, t.userId, t.departmentId, t.status).nullsNotDistinct()],
);

/**
 * The monthly report's counts per site, UTC day of receipt, category, department and channel,
 * kept by triggers on `complaints` and `complaint_links` (migration 0017_maintained_counts), so
 * a month or a year reads summary rows. Each form counts where it is now: `resolved`, `on_time`
 * and `not_founded` follow its later steps, `repeats` its links. UTC days, so that the summaries
 * never depend on the business time zone: lib/complaints/reports.ts counts the hours of a
 * local month that do not fill a UTC day from the forms themselves.
 */
export const reportDays = pgTable(
  'report_days',
  {
    siteId: uuid('site_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    categoryId: uuid('category_id'),
    departmentId: uuid('department_id'),
    channel: text('channel').notNull(),
    forms: integer('forms').notNull(),
    resolved: integer('resolved').notNull(),
    onTime: integer('on_time').notNull(),
    notFounded: integer('not_founded').notNull(),
    repeats: integer('repeats').notNull(),
  },
  (t) => [unique('report_days_key').on(t.siteId, t.day, t.categoryId, t.departmentId, t.channel).nullsNotDistinct()],
);

/**
 * Each step of the procedure a form left, per site, UTC day of leaving, department (the one that
 * held the form during the step) and step (the state left), kept by a trigger on `complaints`
 * (migration 0019_step_days) from the deadline the form carried in that step (`step_due_at`, as
 * lib/workflow set it: business calendar, the 48 h stretch, negotiation inheriting the review's
 * deadline). `done` steps left for another state (a withdrawal is no step done), `on_time` those
 * left by their deadline, `reopens` a closed or followed-up form sent back (reopen). The
 * dashboard's on-time rate per step and reopen rate read these rows (lib/reports/dashboard.ts).
 */
export const stepDays = pgTable(
  'step_days',
  {
    siteId: uuid('site_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    departmentId: uuid('department_id'),
    step: text('step').notNull(),
    done: integer('done').notNull(),
    onTime: integer('on_time').notNull(),
    reopens: integer('reopens').notNull(),
  },
  (t) => [unique('step_days_key').on(t.siteId, t.day, t.departmentId, t.step).nullsNotDistinct()],
);

/**
 * Each step a form left after its deadline, one row per late leaving, kept by the same trigger as
 * step_days (migration 0028_late_steps) with the same day (UTC day of leaving), site and
 * department. The dashboard's late forms per step and the search's `late` filter (its
 * drill-down) both read it, so the count and the list are the same forms. Steps left before
 * migration 0028 are in step_days only.
 */
export const lateSteps = pgTable(
  'late_steps',
  {
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    siteId: uuid('site_id').notNull(),
    departmentId: uuid('department_id'),
    leftAt: ts('left_at').notNull(),
    dueAt: ts('due_at').notNull(),
  },
  (t) => [
    // The dashboard: a period's late leavings of every step.
    index('late_steps_day_idx').on(t.day, t.step),
    // The search's filter: whether one form left a step late in a period.
    index('late_steps_complaint_idx').on(t.complaintId, t.step, t.day),
  ],
);

// Append-only: a trigger in the migrations refuses UPDATE and DELETE.
export const complaintEvents = pgTable(
  'complaint_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    version: integer('version').notNull(),
    type: text('type').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    actorRole: text('actor_role').notNull(),
    actorName: text('actor_name').notNull(),
    at: ts('at').notNull().defaultNow(),
    payload: jsonb('payload').notNull().default({}),
    customerVisible: boolean('customer_visible').notNull().default(false),
  },
  (t) => [
    // One row per applied event: a second writer with the same version fails here at the latest.
    // A receipt showing (`access_code_viewed`) is a log row, not a change: it carries the version
    // it was seen at and bumps nothing (lib/complaints/receipt.ts), so it is left out here.
    uniqueIndex('complaint_events_version_uq').on(t.complaintId, t.version).where(sql`${t.type} <> 'access_code_viewed'`),
    // A form's history in order, showings included (the partial index above cannot serve it).
    index('complaint_events_complaint_version_idx').on(t.complaintId, t.version),
  ],
);

/**
 * A repeat complaint (DESIGN §2): the form, an earlier form of the same customer, and why (one
 * row per reason: 'phone', 'plate', 'text'). Written at intake, in the intake's transaction.
 */
export const complaintLinks = pgTable(
  'complaint_links',
  {
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    earlierId: uuid('earlier_id').notNull().references(() => complaints.id),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  // The primary key serves "is this form a repeat" (queues, reports); the second index the later forms of a form.
  (t) => [primaryKey({ columns: [t.complaintId, t.earlierId, t.reason] }), index('complaint_links_earlier_idx').on(t.earlierId)],
);

export const complaintParties = pgTable(
  'complaint_parties',
  {
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    userId: uuid('user_id').notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.complaintId, t.userId] }), index('complaint_parties_user_idx').on(t.userId)],
);

export const remedies = pgTable('remedies', {
  id: uuid('id').primaryKey().defaultRandom(),
  complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
  eventId: bigint('event_id', { mode: 'number' }).references(() => complaintEvents.id),
  kind: text('kind').notNull(),
  description: text('description').notNull(),
  amountCents: integer('amount_cents'),
  status: text('status').notNull(),
  createdAt: createdAt(),
}, (t) => [
  index('remedies_complaint_idx').on(t.complaintId),
  // The monthly report: compensation paid in a month.
  index('remedies_kind_created_idx').on(t.kind, t.createdAt),
]);

export const accountabilityEntries = pgTable('accountability_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
  eventId: bigint('event_id', { mode: 'number' }).references(() => complaintEvents.id),
  person: text('person').notNull(),
  userId: uuid('user_id').references(() => users.id),
  type: text('type').notNull(),
  amountCents: integer('amount_cents').notNull().default(0),
  reason: text('reason').notNull(),
  createdAt: createdAt(),
}, (t) => [
  index('accountability_complaint_idx').on(t.complaintId),
  index('accountability_created_idx').on(t.createdAt),
]);

export const pendingItems = pgTable(
  'pending_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    reason: text('reason').notNull(),
    explanation: text('explanation').notNull(),
    approvedById: uuid('approved_by_id').references(() => users.id),
    openedAt: ts('opened_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
    outcome: text('outcome'),
    lastContactAt: ts('last_contact_at'),
    nextContactOn: date('next_contact_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    // The ledger pages its open items by next contact, and shows the latest closed ones.
    index('pending_items_open_idx').on(t.nextContactOn, t.id).where(sql`${t.closedAt} is null`),
    index('pending_items_closed_idx').on(t.closedAt.desc(), t.id.desc()).where(sql`${t.closedAt} is not null`),
    index('pending_items_complaint_idx').on(t.complaintId),
  ],
);

export const pendingContacts = pgTable('pending_contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  pendingItemId: uuid('pending_item_id').notNull().references(() => pendingItems.id),
  at: ts('at').notNull().defaultNow(),
  byId: uuid('by_id').references(() => users.id),
  summary: text('summary').notNull(),
  nextContactOn: date('next_contact_on', { mode: 'string' }).notNull(),
}, (t) => [index('pending_contacts_item_idx').on(t.pendingItemId, t.at)]);

export const attachments = pgTable('attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
  sha256: text('sha256').notNull(),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  uploadedById: uuid('uploaded_by_id').references(() => users.id),
  fromCustomer: boolean('from_customer').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [index('attachments_complaint_idx').on(t.complaintId, t.createdAt)]);

// Outbox: filled in the same transaction as the event, delivered by the job runner.
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id').references(() => complaints.id),
    eventId: bigint('event_id', { mode: 'number' }),
    audience: text('audience').notNull(),
    recipientUserId: uuid('recipient_user_id').references(() => users.id),
    channel: text('channel').notNull(),
    address: text('address'),
    template: text('template').notNull(),
    locale: text('locale').notNull().default('zh-CN'),
    payload: jsonb('payload').notNull().default({}),
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    /** Staff inbox: when the recipient read the notice (null = unread). */
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_due_idx').on(t.status, t.nextAttemptAt),
    // The admin's outbox pages newest first.
    index('notifications_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('notifications_complaint_idx').on(t.complaintId),
    // A staff member's inbox, newest first.
    index('notifications_recipient_idx').on(t.recipientUserId, t.channel, t.createdAt.desc(), t.id.desc()),
    // The unread count in the staff navigation (every staff page): only unread inbox rows.
    index('notifications_unread_idx')
      .on(t.recipientUserId)
      .where(sql`${t.channel} = 'inbox' and ${t.readAt} is null`),
  ],
);

/**
 * The scheduled rounds as documents (issue 18): the Tuesday and 2nd-of-month summaries and the
 * 4th-of-month penalties and rewards, one row per round, site and period, with the figures as
 * they were when it was generated (never recomputed). The unique key is what makes a round
 * happen once however many app instances run it, and lets a restart make up a missed one.
 */
export const storedReports = pgTable(
  'stored_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** weekly | monthly | accountability */
    kind: text('kind').notNull(),
    siteId: uuid('site_id').notNull().references(() => sites.id),
    /** The period covered, first day inclusive, last day exclusive (business calendar days). */
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    /** The round's moment (e.g. Tuesday 09:00); generatedAt is later when it was made up after a restart. */
    dueAt: ts('due_at').notNull(),
    generatedAt: ts('generated_at').notNull().defaultNow(),
    figures: jsonb('figures').notNull(),
  },
  (t) => [
    uniqueIndex('stored_reports_round_uq').on(t.kind, t.siteId, t.periodFrom),
    // The documents page: a site's reports, newest first.
    index('stored_reports_site_idx').on(t.siteId, t.dueAt.desc(), t.id.desc()),
  ],
);

export const calendarSettings = pgTable('calendar_settings', {
  id: integer('id').primaryKey().default(1),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  workdayStart: text('workday_start').notNull().default('08:30'),
  workdayEnd: text('workday_end').notNull().default('17:30'),
});

// How long a closed form keeps its customer's personal data (lib/privacy/retention.ts): one row.
export const privacySettings = pgTable('privacy_settings', {
  id: integer('id').primaryKey().default(1),
  retentionYears: integer('retention_years').notNull().default(3),
});

export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: text('kind').notNull(), // 'holiday' | 'workday'
  name: text('name'),
});

/**
 * Which years of the business calendar were imported from the official-holiday package and
 * confirmed by an administrator (lib/calendar): an import writes the year's days and waits for the
 * admin's review; a year with no confirmed row warns the admin from November on.
 */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  /** The package and version the days came from, e.g. 'chinese-days@1.5.0'. */
  source: text('source').notNull(),
  importedAt: ts('imported_at').notNull(),
  importedById: uuid('imported_by_id').references(() => users.id),
  confirmedAt: ts('confirmed_at'),
  confirmedById: uuid('confirmed_by_id').references(() => users.id),
});

export const slaPolicy = pgTable('sla_policy', {
  key: text('key').primaryKey(),
  amount: integer('amount').notNull(),
  unit: text('unit').notNull(),
});

export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: ts('window_start').notNull(),
  count: integer('count').notNull(),
});

// Sign-in throttling: one row per login ('login:<login>') and per address ('address:<ip>').
// An attempt is counted as a failure before its password is checked (one atomic upsert), so
// parallel attempts cannot slip past the limit; a success takes its count back.
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: ts('locked_until'),
  lastFailureAt: ts('last_failure_at'),
  /** Whether the last claim was let through (the upsert's way of answering). */
  lastAllowed: boolean('last_allowed').notNull().default(true),
});

// Every sign-in attempt, for the administrators' security page (pruned after 30 days).
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    login: text('login').notNull(),
    address: text('address').notNull(),
    /** 'success' | 'wrong' | 'locked_login' | 'locked_address' */
    outcome: text('outcome').notNull(),
  },
  (t) => [index('sign_in_attempts_at_idx').on(t.at), index('sign_in_attempts_login_at_idx').on(t.login, t.at), index('sign_in_attempts_address_at_idx').on(t.address, t.at)],
);

// One row per sign-in: the Auth.js cookie carries the id, and a request counts as signed in only
// while its row exists and has not expired, so sign-out and an admin can end a session at once.
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: text('id').primaryKey(), // 32 random bytes, base64url
    userId: uuid('user_id').notNull().references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    userAgent: text('user_agent'),
    clientAddress: text('client_address'),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId, t.expiresAt)],
);

// One row per alert raised: several app instances may run the alert job, only one inserts.
export const deadlineAlerts = pgTable(
  'deadline_alerts',
  {
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    stateEnteredAt: ts('state_entered_at').notNull(),
    kind: text('kind').notNull(), // 'warning' (75 % of the step used) | 'overdue'
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.complaintId, t.stateEnteredAt, t.kind] })],
);

// What administrators did (PIPL and accountability): append-only, like a form's history. One row
// per act: who, when, what, and the state before and after (never a password or a secret).
export const adminAudit = pgTable(
  'admin_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    /** null: the system itself (a job such as retention). */
    actorUserId: uuid('actor_user_id').references(() => users.id),
    siteId: uuid('site_id').references(() => sites.id),
    /** e.g. 'staff.update', 'department.create', 'sign_in_lock.lift', 'person.erase' */
    action: text('action').notNull(),
    /** e.g. 'user', 'department', 'category', 'site', 'sla', 'calendar', 'complaint', 'person' */
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    /** What a reader recognises the target by (a login, a code, a form number). */
    targetLabel: text('target_label'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('admin_audit_at_idx').on(t.at.desc(), t.id.desc()),
    index('admin_audit_action_at_idx').on(t.action, t.at.desc()),
    index('admin_audit_actor_at_idx').on(t.actorUserId, t.at.desc()),
  ],
);

export type Site = typeof sites.$inferSelect;
export type Department = typeof departments.$inferSelect;
export type User = typeof users.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type Complaint = typeof complaints.$inferSelect;
export type NewComplaint = typeof complaints.$inferInsert;
export type ComplaintEvent = typeof complaintEvents.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type StoredReport = typeof storedReports.$inferSelect;

/**
 * Keys of the JSON API (/api/v1), made by an admin in /admin/api-keys. Only the SHA-256 of the
 * secret is stored (the secret is 32 random bytes, so a fast hash is enough; it is shown once).
 * Each key acts through its own staff row (`user_id`: inactive, so it can never sign in) whose
 * role, site, department and group-wide reach are the key's scope: the command layer, the
 * visibility rule and the history name it like any other actor. `history` says whether reads
 * return the customer-visible history only or all of it.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The first characters of the key, shown in the list and used to find the row. */
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    history: text('history').notNull().default('customer'),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('api_keys_user_idx').on(t.userId)],
);
export type ApiKey = typeof apiKeys.$inferSelect;

/**
 * Triage models trained on the business's own closed forms (lib/triage/training.ts): each run
 * stores its model with its validated scores; `active` marks the one suggestions use (at most
 * one), switched to only when it validates at least as well as the one before. Until one is
 * active, the starter model shipped in lib/triage/starter-model.json serves.
 */
export const triageModels = pgTable(
  'triage_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    version: text('version').notNull(),
    trainedAt: ts('trained_at').notNull().defaultNow(),
    /** closed forms it learned from, and held out to validate it */
    trainSize: integer('train_size').notNull(),
    validateSize: integer('validate_size').notNull(),
    /** validated accuracy and macro-F1 per label, its baseline, and the model it was compared with */
    scores: jsonb('scores').notNull(),
    model: jsonb('model').notNull(),
    active: boolean('active').notNull().default(false),
  },
  (t) => [uniqueIndex('triage_models_active_uq').on(t.active).where(sql`${t.active}`)],
);

/** The admin's triage settings (/admin/triage), one row; absent, the defaults below serve. */
export const triageSettings = pgTable('triage_settings', {
  id: integer('id').primaryKey().default(1),
  /** A suggestion's label below this confidence (percent) is not offered, only how unsure it is. */
  confidencePercent: integer('confidence_percent').notNull().default(60),
  /** High-frequency problems: this many similar forms … */
  frequentCount: integer('frequent_count').notNull().default(3),
  /** … received within this many days raise one alert. */
  frequentDays: integer('frequent_days').notNull().default(7),
  /** The customer-service centre's head, told of every crisis beside the GM and management. */
  centreHeadUserId: uuid('centre_head_user_id').references((): AnyPgColumn => users.id),
});

/**
 * High-frequency problems (lib/triage/frequent.ts): a group of similar forms received within the
 * window, alerted once. A form belongs to one group at most (the primary key), so a group grows
 * without a second alert.
 */
export const frequentProblems = pgTable(
  'frequent_problems',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id').notNull().references(() => sites.id),
    /** when the group reached the count and was alerted */
    at: ts('at').notNull(),
  },
  (t) => [index('frequent_problems_at_idx').on(t.siteId, t.at)],
);

export const frequentProblemForms = pgTable(
  'frequent_problem_forms',
  {
    complaintId: uuid('complaint_id').primaryKey().references(() => complaints.id),
    problemId: uuid('problem_id').notNull().references(() => frequentProblems.id),
  },
  (t) => [index('frequent_problem_forms_problem_idx').on(t.problemId)],
);

/**
 * Inbound e-mail (lib/channels/mail): one row per message the importer has dealt with, keyed by
 * its Message-ID, written in the transaction that turns it into a form or a note (or records why
 * it was ignored). A message whose row exists is never imported again, whatever the mailbox's
 * flags say; the \Seen flag is set only after that transaction has committed.
 */
export const inboundMail = pgTable(
  'inbound_mail',
  {
    messageId: text('message_id').primaryKey(),
    /** 'form' | 'note' | 'ignored' | 'refused' */
    outcome: text('outcome').notNull(),
    /** Why it was ignored or refused (auto_reply, bounce, list, no_sender, invalid: <fields> …). */
    reason: text('reason'),
    complaintId: uuid('complaint_id').references(() => complaints.id),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('inbound_mail_at_idx').on(t.at.desc())],
);

/** Outbound webhooks (lib/channels/webhooks): an endpoint an administrator registered. */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: uuid('id').primaryKey().defaultRandom(),
  url: text('url').notNull(),
  /** 'standard' (Standard Webhooks, signed) | 'wecom' (a WeCom group robot's webhook). */
  kind: text('kind').notNull().default('standard'),
  /** The event types it receives: form.created, form.state_changed, form.overdue, survey.answered. */
  events: text('events').array().notNull(),
  /** The signing secret, "whsec_" + base64 (Standard Webhooks); shown to the administrator once. */
  secret: text('secret').notNull(),
  /** Loopback and private addresses are refused unless the administrator allowed them here. */
  allowPrivate: boolean('allow_private').notNull().default(false),
  active: boolean('active').notNull().default(true),
  description: text('description'),
  createdById: uuid('created_by_id').references(() => users.id),
  createdAt: createdAt(),
});

/**
 * The webhook outbox: one row per (endpoint, event), inserted by triggers (migration 0022) in the
 * transaction that wrote the history row or the overdue alert, so an event is queued exactly when
 * it commits and at most once per endpoint (the unique key). Delivered by the job runner.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventKey: text('event_key').notNull(),
    eventType: text('event_type').notNull(),
    /** The JSON body as sent (fixed at enqueue time: the signature and receivers' dedupe rely on it). */
    body: text('body').notNull(),
    /** 'queued' | 'sent' | 'failed' */
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('webhook_deliveries_event_uq').on(t.endpointId, t.eventKey),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt.desc()),
  ],
);

/**
 * Time promises (issue 21): whenever staff tell the customer a date ("we will call you by
 * Friday"), they record it here. `madeById` owns it: they are alerted at 75 % of the time
 * (`warnedAt`) and once it is due without being kept (`dueAlertedAt`), each once. Kept or broken
 * is recorded with the reason (`outcome`, `outcomeReason`). lib/promises/.
 */
export const promises = pgTable(
  'promises',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    what: text('what').notNull(),
    dueAt: ts('due_at').notNull(),
    customerVisible: boolean('customer_visible').notNull().default(false),
    madeById: uuid('made_by_id').notNull().references(() => users.id),
    madeAt: ts('made_at').notNull(),
    /** null while open; 'kept' | 'broken'. */
    outcome: text('outcome'),
    outcomeReason: text('outcome_reason'),
    outcomeAt: ts('outcome_at'),
    outcomeById: uuid('outcome_by_id').references(() => users.id),
    warnedAt: ts('warned_at'),
    dueAlertedAt: ts('due_alerted_at'),
  },
  (t) => [
    index('promises_complaint_idx').on(t.complaintId, t.dueAt),
    // The alert job walks open promises in due order.
    index('promises_open_due_idx').on(t.dueAt).where(sql`${t.outcome} is null`),
  ],
);

/**
 * Daily progress (issue 21): one row per form, business day and kind ('reminder' to the customer
 * manager in the morning, 'auto' message to the customer), so that each fires once per business
 * day whichever instance runs the job.
 */
export const progressDays = pgTable(
  'progress_days',
  {
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.complaintId, t.day, t.kind] })],
);

/** When the automatic progress message goes out if the customer manager sent nothing (one row, set by the admin). */
export const progressSettings = pgTable('progress_settings', {
  id: integer('id').primaryKey().default(1),
  /** 'HH:MM' business time. */
  autoSendAt: text('auto_send_at').notNull().default('16:00'),
});


/**
 * Absence cover (issue 21): one row per form, absent owner and absence, so that the covering
 * person is alerted (and the history says so) once, whichever instance runs the job.
 */
export const coverAlerts = pgTable(
  'cover_alerts',
  {
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    absentUserId: uuid('absent_user_id').notNull().references(() => users.id),
    absentUntil: ts('absent_until').notNull(),
    coverUserId: uuid('cover_user_id').references(() => users.id),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.complaintId, t.absentUserId, t.absentUntil] })],
);

/**
 * 8D reports (issue 21): a product-quality problem traced to its root cause in eight disciplines,
 * owned by the quality department (`departmentId`). One report serves every form about the same
 * problem (eightd_forms). Closed reports are the business's lessons learned. lib/eightd/.
 */
export const eightdReports = pgTable(
  'eightd_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id').notNull().references(() => sites.id),
    departmentId: uuid('department_id').references(() => departments.id),
    title: text('title').notNull(),
    openedById: uuid('opened_by_id').notNull().references(() => users.id),
    openedAt: ts('opened_at').notNull(),
    closedAt: ts('closed_at'),
    closedById: uuid('closed_by_id').references(() => users.id),
    /** D1 … D8; D4's five whys as a list of answers, D7 in its three kinds. */
    team: text('team'),
    problem: text('problem'),
    containment: text('containment'),
    rootCause: text('root_cause'),
    whys: jsonb('whys').$type<string[]>().notNull().default([]),
    correctiveActions: text('corrective_actions'),
    verification: text('verification'),
    preventionStandards: text('prevention_standards'),
    preventionTraining: text('prevention_training'),
    preventionSupplier: text('prevention_supplier'),
    closure: text('closure'),
  },
  (t) => [index('eightd_reports_site_closed_idx').on(t.siteId, t.closedAt)],
);

/** Each discipline's deadline and when (and by whom) it was completed. */
export const eightdSteps = pgTable(
  'eightd_steps',
  {
    reportId: uuid('report_id').notNull().references(() => eightdReports.id),
    discipline: text('discipline').notNull(),
    dueAt: ts('due_at').notNull(),
    doneAt: ts('done_at'),
    doneById: uuid('done_by_id').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.discipline] })],
);

/** The forms a report covers: a form belongs to one report at most. */
export const eightdForms = pgTable(
  'eightd_forms',
  {
    complaintId: uuid('complaint_id').primaryKey().references(() => complaints.id),
    reportId: uuid('report_id').notNull().references(() => eightdReports.id),
    attachedAt: ts('attached_at').notNull(),
    attachedById: uuid('attached_by_id').notNull().references(() => users.id),
  },
  (t) => [index('eightd_forms_report_idx').on(t.reportId)],
);
