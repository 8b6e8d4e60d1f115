import 'server-only';
import crypto from 'node:crypto';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import {
  accountabilityEntries,
  attachments,
  categories,
  complaintCounters,
  complaintEvents,
  complaintParties,
  complaints,
  departments,
  pendingContacts,
  pendingItems,
  remedies,
  sites,
  users,
  type Complaint,
} from '@/db/schema';
import {
  checkEvent,
  checkEventInput,
  createComplaintSchema,
  decide,
  eventSchemas,
  localDate,
  severityDeadlines,
  stepDeadline,
  type Actor,
  type BusinessCalendar,
  type EvidenceFile,
  type EventName,
  type PendingProposal,
  type Severity,
  type SlaPolicy,
} from '@/lib/workflow';
import { CommandError, unknownReference } from './errors';
import { siteStaffNames } from './staff-directory';
import { resolveEventReferences } from './references';
import { patchToColumns, toFacts } from './facts';
import { customerNotice, type CustomerNoticeText } from './customer-notice';
import type { Notice } from './outbox';
import { loadCalendar, loadSlaPolicy } from './settings';
import { fieldErrorsOf } from './validation';
import { changeForm, recordChange } from './change';
import { linkRepeats } from './repeats';
import { coveringFor } from '@/lib/cover/covering';
import { intakeSuggestion } from '@/lib/triage/suggest';
import { flagAtIntake, type CrisisSource } from '@/lib/triage/crisis';

/** A staff member acting through the command layer. */
export interface CommandActor extends Actor {
  name: string;
  siteId: string;
}

export interface CommandOptions {
  now?: Date;
  policy?: SlaPolicy;
  calendar?: BusinessCalendar;
}

async function settings(db: Db, opts: CommandOptions) {
  return {
    now: opts.now ?? new Date(),
    policy: opts.policy ?? (await loadSlaPolicy(db)),
    calendar: opts.calendar ?? (await loadCalendar(db)),
  };
}

// No 0/O/1/I/L: the code is read aloud on the phone and typed from a printed receipt.
const codeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 8 characters of a 31-letter alphabet: about 39.6 bits. */
export function newAccessCode(): string {
  const bytes = crypto.randomBytes(16);
  let out = '';
  for (let i = 0; out.length < 8 && i < bytes.length; i++) {
    if (bytes[i] < 248) out += codeAlphabet[bytes[i] % 31]; // reject to keep it uniform
  }
  return out.length === 8 ? out : newAccessCode();
}

export function formatNumber(year: number, seq: number): string {
  return `KS-${year}-${String(seq).padStart(6, '0')}`;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e = err as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505' && (e.constraint === constraint || e.message?.includes(constraint))) return true;
  }
  return false;
}

export interface CreateOptions extends CommandOptions {
  /** The same key twice (a double submit) returns the form created the first time. */
  idempotencyKey?: string;
  siteId?: string;
  /**
   * The customer's own photos, already checked (lib/uploads) and stored by content: attached in
   * the same transaction, with a customer-visible `evidence_added` history row after `create`.
   */
  customerEvidence?: EvidenceFile[];
  /** The desk flags the new form as a crisis (DESIGN §2a), with its reason (lib/triage/crisis.ts). */
  crisisReason?: string;
}

/** The portal itself, when the screening of a customer's words flags a crisis. */
const screeningActor = { id: null, role: 'system', name: 'Kesu' };

/**
 * Opens a new feedback-handling form: number, deadlines, first history row and the
 * notices, in one transaction. `by` is the staff member at the desk, or null for the
 * customer's own web submission.
 */
export async function createComplaint(
  rawInput: unknown,
  by: CommandActor | null,
  opts: CreateOptions = {},
  db?: Db,
): Promise<{ complaint: Complaint; created: boolean }> {
  db ??= await getDb();
  const parsed = createComplaintSchema.safeParse(rawInput);
  if (!parsed.success) throw new CommandError('invalid_input', {}, fieldErrorsOf(parsed.error));
  const input = parsed.data;
  if (opts.idempotencyKey) {
    const [existing] = await db.select().from(complaints).where(eq(complaints.idempotencyKey, opts.idempotencyKey));
    if (existing) return { complaint: existing, created: false };
  }
  const { now, policy, calendar } = await settings(db, opts);
  // The model's view, recorded in the history beside what was chosen (how often it is taken).
  // A customer's own words (no staff member at intake) and every social-media complaint are
  // screened for a crisis; the desk's own choice stands otherwise.
  const suggested = await intakeSuggestion({ text: input.description, request: input.customerRequest, channel: input.channel }, db);
  const crisisReason = opts.crisisReason?.trim();
  const crisis: CrisisSource | null = crisisReason
    ? { by: 'staff', reason: crisisReason }
    : (by === null || input.channel === 'social') && suggested?.crisis.flag
      ? { by: 'screening', signals: suggested.crisis.signals, confidence: suggested.crisis.confidence }
      : null;
  try {
    const complaint = await db.transaction(async (tx) => {
      const siteId = opts.siteId ?? by?.siteId ?? (await defaultSiteId(tx));
      const [category] = await tx.select().from(categories).where(eq(categories.code, input.categoryCode));
      // A retired category stays on its old forms but takes no new ones.
      if (!category || !category.active) throw unknownReference('categoryCode');
      const partyUserIds = [...new Set(input.partyUserIds)];
      await siteStaffNames(tx, siteId, partyUserIds, 'partyUserIds');
      const departmentId = category.defaultDepartmentCode
        ? ((await tx
            .select({ id: departments.id })
            .from(departments)
            .where(and(eq(departments.siteId, siteId), eq(departments.code, category.defaultDepartmentCode))))[0]?.id ?? null)
        : null;
      // A crisis is always urgent (DESIGN §2a).
      const severity = (crisis ? 'urgent' : (input.severity ?? category.defaultSeverity)) as Severity;
      const year = Number(localDate(now, calendar.timeZone).slice(0, 4));
      // Row lock on the year's counter: concurrent creates queue here, a rollback frees the number.
      const [counter] = await tx
        .insert(complaintCounters)
        .values({ year, last: 1 })
        .onConflictDoUpdate({ target: complaintCounters.year, set: { last: sql`${complaintCounters.last} + 1` } })
        .returning();
      const { responseDueAt, resolutionDueAt } = severityDeadlines(severity, now, policy, calendar);
      const draftFacts = {
        status: 'received' as const,
        version: 1,
        severity,
        departmentId,
        customerManagerId: null,
        major: false,
        gmInstructedAt: null,
        followUpWanted: true,
        founded: null,
        customerUnreachable: false,
        partyUserIds,
        departmentHeadAbsent: false,
        receivedAt: now,
        stateEnteredAt: now,
        stepDueAt: null,
        responseDueAt,
        resolutionDueAt,
        firstResponseAt: null,
        resolvedAt: null,
        archivedAt: null,
        pausedAt: null,
        pausedMs: 0,
      };
      const stepDueAt = stepDeadline('received', draftFacts, now, policy, calendar);
      const [form] = await tx
        .insert(complaints)
        .values({
          siteId,
          number: formatNumber(year, counter.last),
          status: 'received',
          version: 1,
          severity,
          categoryId: category.id,
          channel: input.channel,
          customerName: input.customerName,
          // '' when there is none: a form from an e-mail that carried no number (createComplaintSchema).
          customerPhone: input.customerPhone ?? '',
          customerEmail: input.customerEmail ?? null,
          customerLocale: input.customerLocale,
          subjectProduct: input.subjectProduct ?? null,
          plate: input.plate ? input.plate.toUpperCase() : null,
          vehicleModel: input.vehicleModel ?? null,
          purchaseDate: input.purchaseDate ?? null,
          description: input.description,
          customerRequest: input.customerRequest ?? null,
          departmentId,
          createdById: by?.id ?? null,
          receivedAt: now,
          stateEnteredAt: now,
          stepDueAt,
          responseDueAt,
          resolutionDueAt,
          accessCode: newAccessCode(),
          trackingToken: crypto.randomBytes(24).toString('base64url'),
          idempotencyKey: opts.idempotencyKey ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (partyUserIds.length) {
        await tx.insert(complaintParties).values(partyUserIds.map((userId) => ({ complaintId: form.id, userId })));
      }
      // A repeat complaint is linked to the customer's earlier forms with the intake, or not at all.
      await linkRepeats(tx, form, now);
      // The first history row carries the new form's version 1.
      const creator = { id: by?.id ?? null, role: by?.role ?? 'customer', name: by?.name ?? input.customerName };
      const triage = suggested ? { triage: { suggested, chosen: { category: category.code, severity, crisis: !!crisis } } } : {};
      await recordChange(tx, form, {
        event: { type: 'create', fromState: null, toState: 'received', actor: creator, payload: { channel: input.channel, ...triage }, customerVisible: true },
        atCurrentVersion: true,
        notices: [
          // The receipt names the first-response deadline: the customer knows by when to expect us.
          { audience: 'customer', template: 'received', payload: { deadline: form.responseDueAt.toISOString() } },
          { audience: 'desk', template: 'assigned' },
        ],
        step: { from: null, to: 'received', by: creator.name },
      }, now);
      const flagged = crisis ? await flagAtIntake(tx, form, crisis.by === 'staff' ? creator : screeningActor, crisis, now, policy, calendar) : form;
      const evidence = opts.customerEvidence ?? [];
      if (!evidence.length) return flagged;
      const files = eventSchemas.evidence_added.parse({ files: evidence }).files;
      const { complaint: withEvidence } = await recordChange(tx, flagged, {
        event: { type: 'evidence_added', actor: { id: null, role: 'customer', name: input.customerName }, payload: evidencePayload(files), customerVisible: true },
        effects: async () => {
          await tx.insert(attachments).values(
            files.map((f) => ({ complaintId: form.id, sha256: f.sha256, filename: f.filename, mime: f.mime, size: f.size, fromCustomer: true, createdAt: now })),
          );
        },
      }, now);
      return withEvidence;
    });
    return { complaint, created: true };
  } catch (err) {
    if (opts.idempotencyKey && isUniqueViolation(err, 'complaints_idempotency_key_unique')) {
      const [existing] = await db.select().from(complaints).where(eq(complaints.idempotencyKey, opts.idempotencyKey));
      if (existing) return { complaint: existing, created: false };
    }
    throw err;
  }
}

async function defaultSiteId(tx: Tx): Promise<string> {
  const [site] = await tx.select({ id: sites.id }).from(sites).orderBy(asc(sites.createdAt)).limit(1);
  if (!site) throw new Error('No site exists: run the migrations and the seed first');
  return site.id;
}

export interface ApplyEventArgs {
  complaintId: string;
  event: EventName;
  input: unknown;
  actor: CommandActor;
  /** The version the actor saw; anything else means someone else changed the form meanwhile. */
  expectedVersion: number;
}

export interface ApplyResult {
  complaint: Complaint;
  eventId: number;
}

/**
 * Fires one event of the procedure: guards, version check, history row, form update,
 * ledger, remedies, accountability and notices — all in one transaction or none of it
 * (through changeForm, the one routine that changes a form).
 */
export async function applyEvent(args: ApplyEventArgs, opts: CommandOptions = {}, db?: Db): Promise<ApplyResult> {
  db ??= await getDb();
  const { now, policy, calendar } = await settings(db, opts);
  const { actor, event } = args;
  const { complaint, eventId } = await changeForm(db, { key: { id: args.complaintId }, who: { actor }, expectedVersion: args.expectedVersion, now }, async (tx, row) => {
    const parties = (await tx.select({ userId: complaintParties.userId }).from(complaintParties).where(eq(complaintParties.complaintId, row.id))).map((p) => p.userId);
    const facts = toFacts(row, parties, await headAbsent(tx, row.departmentId, now));
    const check = checkEvent(actor, facts, event);
    if (!check.ok) throw new CommandError(check.refusal.code, check.refusal.params ?? {});
    const parsed = eventSchemas[event].safeParse(args.input);
    if (!parsed.success) throw new CommandError('invalid_input', {}, fieldErrorsOf(parsed.error));
    const inputCheck = checkEventInput(actor, facts, event, parsed.data as Record<string, unknown>);
    if (!inputCheck.ok) throw new CommandError(inputCheck.refusal.code, inputCheck.refusal.params ?? {});
    const input = await resolveEventReferences(tx, event, parsed.data as Record<string, unknown>, parties, row.siteId);

    const pendingProposal = event === 'approve_pending' ? await lastProposal(tx, row.id) : undefined;
    const decision = decide(facts, event, input, { now, actor, policy, calendar, pendingProposal, notFoundedExplanation: row.rejectionExplanation });
    const customerVisible = decision.customerVisible;
    // Done in cover for an absent owner (lib/cover): the history says for whom.
    const coverFor = await coveringFor(tx, row.id, actor.id, now);
    return {
      set: { ...patchToColumns(decision.patch), ...(customerVisible ? { lastCustomerUpdateAt: now } : {}) },
      event: {
        type: event,
        toState: decision.to,
        actor,
        payload: { ...(event === 'evidence_added' ? evidencePayload((input as { files: EvidenceFile[] }).files) : decision.payload), ...(coverFor ? { coverFor } : {}) },
        customerVisible,
      },
      step: { from: row.status, to: decision.to, by: actor.name },
      effects: async (historyId, updated) => {
        const eventId = historyId ?? invariant('event without a history row');
        if (event === 'triage' && Array.isArray(input.partyUserIds)) {
          const added = (input.partyUserIds as string[]).filter((id) => !parties.includes(id));
          if (added.length) await tx.insert(complaintParties).values(added.map((userId) => ({ complaintId: row.id, userId })));
        }
        return applyEffects(tx, { row, updated, eventId, event, actor, now, decision });
      },
    };
  });
  return { complaint, eventId: eventId ?? invariant('event without a history row') };
}

/** The rows an event's decision adds beside its history row, and the notices it asks for. */
async function applyEffects(
  tx: Tx,
  c: { row: Complaint; updated: Complaint; eventId: number; event: EventName; actor: CommandActor; now: Date; decision: ReturnType<typeof decide> },
): Promise<Notice[]> {
  const { row, updated, event, actor, now, decision } = c;
  const history = { id: c.eventId };
  const notices: Notice[] = [];
  let customerText: CustomerNoticeText | undefined;
  for (const effect of decision.effects) {
    switch (effect.kind) {
      case 'remedy':
        await tx.insert(remedies).values({
          complaintId: row.id,
          eventId: history.id,
          kind: effect.remedy.kind,
          description: effect.remedy.description,
          amountCents: effect.remedy.amountCents ?? null,
          status: effect.status,
          createdAt: now,
        });
        break;
      case 'accountability':
        if (effect.entries.length) {
          await tx.insert(accountabilityEntries).values(
            effect.entries.map((e) => ({
              complaintId: row.id,
              eventId: history.id,
              // resolveEventReferences named every directory person; the schema requires a name otherwise.
              person: e.person ?? invariant('accountability entry without a name'),
              userId: e.userId ?? null,
              type: e.type,
              amountCents: e.amountCents,
              reason: e.reason,
              createdAt: now,
            })),
          );
        }
        break;
      case 'ledger_open':
        await tx.insert(pendingItems).values({
          complaintId: row.id,
          reason: effect.reason,
          explanation: effect.explanation,
          approvedById: actor.id,
          openedAt: now,
          nextContactOn: effect.nextContactOn,
        });
        break;
      case 'ledger_contact': {
        const item = await openPendingItem(tx, row.id);
        if (item) {
          await tx.insert(pendingContacts).values({ pendingItemId: item.id, at: now, byId: actor.id, summary: effect.summary, nextContactOn: effect.nextContactOn });
          await tx.update(pendingItems).set({ lastContactAt: now, nextContactOn: effect.nextContactOn }).where(eq(pendingItems.id, item.id));
        }
        break;
      }
      case 'ledger_close': {
        const item = await openPendingItem(tx, row.id);
        if (item) await tx.update(pendingItems).set({ closedAt: now, outcome: effect.outcome }).where(eq(pendingItems.id, item.id));
        break;
      }
      case 'attachments':
        await tx.insert(attachments).values(
          effect.files.map((f) => ({
            complaintId: row.id,
            sha256: f.sha256,
            filename: f.filename,
            mime: f.mime,
            size: f.size,
            uploadedById: actor.id,
            fromCustomer: false,
            createdAt: now,
          })),
        );
        break;
      case 'notify': {
        const text = (customerText ??= customerNotice(event, decision.payload, updated, await departmentNameFor(tx, event, updated)));
        notices.push({ audience: effect.audience, template: effect.template, message: text.message, ...(effect.audience === 'customer' ? { payload: text.payload } : {}) });
        break;
      }
    }
  }
  return notices;
}

/** What the history keeps of an upload: names, types and sizes (the hashes stay on the attachment rows). */
export function evidencePayload(files: EvidenceFile[]): Record<string, unknown> {
  return { files: files.map((f) => ({ filename: f.filename, mime: f.mime, size: f.size, ...(f.width ? { width: f.width, height: f.height } : {}) })) };
}

/** The department now handling the form, in the customer's language: the triage message names it. */
async function departmentNameFor(tx: Tx, event: EventName, form: Complaint): Promise<string | undefined> {
  if (event !== 'triage' || !form.departmentId) return undefined;
  const [d] = await tx.select({ name: departments.name, nameEn: departments.nameEn }).from(departments).where(eq(departments.id, form.departmentId));
  if (!d) return undefined;
  return form.customerLocale === 'en' ? d.nameEn : d.name;
}

/** Whether the head of the form's department is away now (the secondary handler then signs). */
async function headAbsent(tx: Tx, departmentId: string | null, now: Date): Promise<boolean> {
  if (!departmentId) return false;
  const [dept] = await tx.select({ headUserId: departments.headUserId }).from(departments).where(eq(departments.id, departmentId));
  if (!dept?.headUserId) return true;
  const [away] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, dept.headUserId), gt(users.absentUntil, now)));
  return !!away;
}

function invariant(what: string): never {
  throw new Error(`applyEvent: ${what}`);
}

async function lastProposal(tx: Tx, complaintId: string) {
  const [proposal] = await tx
    .select({ payload: complaintEvents.payload })
    .from(complaintEvents)
    .where(and(eq(complaintEvents.complaintId, complaintId), eq(complaintEvents.type, 'propose_pending')))
    .orderBy(desc(complaintEvents.version))
    .limit(1);
  return proposal?.payload as PendingProposal | undefined;
}

async function openPendingItem(tx: Tx, complaintId: string) {
  const [item] = await tx
    .select({ id: pendingItems.id })
    .from(pendingItems)
    .where(and(eq(pendingItems.complaintId, complaintId), sql`${pendingItems.closedAt} is null`))
    .limit(1);
  return item;
}
