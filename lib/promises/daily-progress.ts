import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import type { Db, Tx } from '@/db/client';
import { complaints, departments, progressDays, progressSettings, waitingStatesSql, type Complaint } from '@/db/schema';
import { addCalendarDays, atLocalTime, customerWaitingStates, isWorkingDay, localDate, zonedInstant, type BusinessCalendar, type State } from '@/lib/workflow';
import { loadCalendar } from '@/lib/complaints/settings';
import { openForChange, recordChange } from '@/lib/complaints/change';
import { queueNotices } from '@/lib/complaints/outbox';
import { waitingSince } from '@/lib/complaints/waiting';
import { createFormat } from '@/lib/i18n/format';
import { loadMessages } from '@/lib/i18n/messages';
import { normalizeLocale } from '@/lib/notify/templates';
import { log } from '@/lib/log';

/**
 * Daily progress (DESIGN §2, issue 21): a customer waiting on a case hears from us at least once
 * a business day, even when there is nothing new.
 *
 * On a business day D, a form is silent when its customer has heard nothing customer-visible
 * since the start of the previous business day (a whole business day without news). In the
 * morning (from the start of the working day) its customer manager gets a reminder in the inbox;
 * if it is still silent at the hour the admin set (progress_settings), the customer gets an
 * automatic message in their language through their channel — the step in words, who has it,
 * the expected date, never internal text — recorded in the history through the change routine.
 * Each fires at most once per form and business day (progress_days), whichever instance runs
 * the job. Closed forms, the follow-up and assessment steps, and pending items (they follow the
 * ledger's monthly round) are not in customerWaitingStates and so are never touched.
 */

export const defaultAutoSendAt = '16:00';

export async function loadAutoSendAt(db: Db): Promise<string> {
  const [row] = await db.select({ autoSendAt: progressSettings.autoSendAt }).from(progressSettings).where(eq(progressSettings.id, 1));
  return row?.autoSendAt ?? defaultAutoSendAt;
}

/** The business day before `day` (holidays and weekends skipped; 调休 workdays count). */
export function previousWorkingDay(day: string, calendar: BusinessCalendar): string {
  let d = addCalendarDays(day, -1);
  for (let i = 0; i < 60 && !isWorkingDay(d, calendar); i++) d = addCalendarDays(d, -1);
  return d;
}

/** Whether `now` falls on a business day, that day, and the instant before which a form counts as silent. */
export function progressDay(now: Date, calendar: BusinessCalendar): { day: string; silentBefore: Date } | null {
  const day = localDate(now, calendar.timeZone);
  if (!isWorkingDay(day, calendar)) return null;
  return { day, silentBefore: zonedInstant(previousWorkingDay(day, calendar), 0, calendar.timeZone) };
}

/** Who has the form, as the customer is told (a department or a role, never a person's name). */
type Holder = { department: string } | { role: 'desk' | 'management' | 'gm' };

function holderOf(status: State, department: { name: string; nameEn: string } | null, locale: 'zh-CN' | 'en'): Holder {
  if ((status === 'investigating' || status === 'accountability') && department) return { department: locale === 'en' ? department.nameEn : department.name };
  if (status === 'pending_approval' || status === 'gm_decision') return { role: 'gm' };
  if (status === 'management_review' || status === 'negotiation' || status === 'accountability') return { role: 'management' };
  return { role: 'desk' };
}

/**
 * The automatic message's sentence in the customer's language: the step, who has it, the
 * expected date. Only the form's state, its department's name and its resolution deadline go in.
 */
export function progressSentence(form: Pick<Complaint, 'number' | 'status' | 'customerLocale' | 'resolutionDueAt'>, department: { name: string; nameEn: string } | null, timeZone: string): string {
  const locale = normalizeLocale(form.customerLocale);
  const messages = loadMessages(locale) as Record<string, never>;
  const t = createTranslator({ locale, timeZone, messages, namespace: 'promises.progress' as never }) as unknown as (key: string, values?: Record<string, string>) => string;
  const pub = createTranslator({ locale, timeZone, messages, namespace: 'public.states' as never }) as unknown as (key: string) => string;
  const holder = holderOf(form.status as State, department, locale);
  return t('text', {
    number: form.number,
    step: pub(`${form.status}.title`),
    holder: 'department' in holder ? holder.department : t(`holders.${holder.role}`),
    due: createFormat(locale, timeZone).dateTime(form.resolutionDueAt),
  });
}

/**
 * The automatic progress message of a form locked in `tx` (openForChange): the history row
 * ('progress_auto', customer-visible, by the portal itself), the form's last customer update,
 * and the message to the customer through their channel — through the one change routine.
 */
export async function sendProgressMessage(tx: Tx, form: Complaint, now: Date, timeZone: string): Promise<void> {
  const [department] = form.departmentId
    ? await tx.select({ name: departments.name, nameEn: departments.nameEn }).from(departments).where(eq(departments.id, form.departmentId))
    : [];
  const text = progressSentence(form, department ?? null, timeZone);
  await recordChange(tx, form, {
    set: { lastCustomerUpdateAt: now },
    event: { type: 'progress_auto', actor: { ...systemActor }, payload: { text, resolutionDue: form.resolutionDueAt.toISOString() }, customerVisible: true },
    notices: [{ audience: 'customer', template: 'daily_progress', message: text }],
  }, now);
}

/** The actor of the automatic message in the history: the portal itself. */
export const systemActor = { id: null, role: 'system', name: 'Kesu' } as const;

const batch = 200;

function silentForms(db: Db, day: string, silentBefore: Date, kind: 'reminder' | 'auto') {
  return db
    .select({ id: complaints.id })
    .from(complaints)
    .where(
      and(
        // Literal, as in the predicate of complaints_waiting_idx.
        sql`${complaints.status} in ${waitingStatesSql}`,
        lt(waitingSince, silentBefore),
        sql`not exists (select 1 from ${progressDays} p where p.complaint_id = ${complaints.id} and p.day = ${day} and p.kind = ${kind})`,
      ),
    )
    .orderBy(waitingSince, complaints.id)
    .limit(batch);
}

/** Claims (form, day, kind); false when another run already did it today. */
async function claim(tx: Tx, complaintId: string, day: string, kind: 'reminder' | 'auto', now: Date): Promise<boolean> {
  const rows = await tx.insert(progressDays).values({ complaintId, day, kind, at: now }).onConflictDoNothing().returning({ day: progressDays.day });
  return rows.length > 0;
}

function stillSilent(form: Complaint, silentBefore: Date): boolean {
  return customerWaitingStates.includes(form.status as State) && (form.lastCustomerUpdateAt ?? form.receivedAt).getTime() < silentBefore.getTime();
}

/**
 * Runs `each` for the silent forms not yet done today, one transaction per form (a failure
 * rolls back that form only and is logged), batch after batch until none is left.
 */
async function eachSilent(db: Db, day: string, silentBefore: Date, kind: 'reminder' | 'auto', each: (tx: Tx, id: string) => Promise<void>): Promise<void> {
  const failed = new Set<string>();
  for (;;) {
    const due = (await silentForms(db, day, silentBefore, kind)).filter((f) => !failed.has(f.id));
    if (!due.length) return;
    for (const { id } of due) {
      try {
        await db.transaction((tx) => each(tx, id));
      } catch (err) {
        failed.add(id);
        log.error({ err, complaintId: id, kind }, 'daily progress: a form failed');
      }
    }
  }
}

/**
 * One run of the daily-progress job at `now` (every few minutes on business days). Returns how
 * many reminders and automatic messages it queued.
 */
export async function runDailyProgress(db: Db, now = new Date(), opts: { calendar?: BusinessCalendar; autoSendAt?: string } = {}): Promise<{ reminders: number; messages: number }> {
  const calendar = opts.calendar ?? (await loadCalendar(db));
  const when = progressDay(now, calendar);
  if (!when) return { reminders: 0, messages: 0 };
  const { day, silentBefore } = when;
  let reminders = 0;
  let messages = 0;

  if (now >= atLocalTime(day, calendar.workdayStart, calendar.timeZone)) {
    await eachSilent(db, day, silentBefore, 'reminder', async (tx, id) => {
      if (!(await claim(tx, id, day, 'reminder', now))) return;
      const [form] = await tx.select().from(complaints).where(eq(complaints.id, id));
      if (!stillSilent(form, silentBefore)) return; // claimed all the same: nothing more today
      await queueNotices(tx, form, null, [{ audience: 'customer_manager', template: 'progress_reminder' }]);
      reminders++;
    });
  }

  const autoSendAt = opts.autoSendAt ?? (await loadAutoSendAt(db));
  if (now >= atLocalTime(day, autoSendAt, calendar.timeZone)) {
    await eachSilent(db, day, silentBefore, 'auto', async (tx, id) => {
      if (!(await claim(tx, id, day, 'auto', now))) return;
      // The form is locked, changed and its history written with the message queued, or nothing.
      const form = await openForChange(tx, { id }, { system: true });
      if (!stillSilent(form, silentBefore)) return;
      await sendProgressMessage(tx, form, now, calendar.timeZone);
      messages++;
    });
  }
  return { reminders, messages };
}
