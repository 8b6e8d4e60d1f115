import 'server-only';
import { and, eq, isNull, or, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb, type Db, type Tx } from '@/db/client';
import { attachments, categories, complaintLinks, complaints, departments, eightdForms, eightdReports, eightdSteps, type Complaint } from '@/db/schema';
import { addWorkingDays, type BusinessCalendar } from '@/lib/workflow';
import { changeForm } from '@/lib/complaints/change';
import type { CommandActor } from '@/lib/complaints/commands';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { loadCalendar } from '@/lib/complaints/settings';
import { involvedIn, mayEditReport, type EightDViewer } from './access';
import { EightDError } from './errors';
import { disciplineDays, disciplines, saveDisciplineSchema, startEightDSchema, type Discipline, type SaveDisciplineInput, type StartEightDInput } from './schemas';

/** The 8D owner: the site's quality department (DESIGN §2a: quality problems go to quality). */
export const ownerDepartmentCode = 'quality';
/** Forms of this category take an 8D from the quality department; management may start one on any form. */
export const eightdCategory = 'quality';

export type EightDActor = CommandActor & { groupWide?: boolean };

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new EightDError('invalid_input', fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** Each discipline's deadline from the opening, on the business calendar. */
export function disciplineDeadlines(openedAt: Date, calendar: BusinessCalendar): Record<Discipline, Date> {
  return Object.fromEntries(disciplines.map((d) => [d, addWorkingDays(openedAt, disciplineDays[d], calendar)])) as Record<Discipline, Date>;
}

/** D2 as the form says it: its number, subject, the customer's words and request, the evidence's files. Never the customer's name or phone. */
async function problemFromForm(tx: Tx, form: Complaint): Promise<string> {
  const files = await tx.select({ filename: attachments.filename }).from(attachments).where(eq(attachments.complaintId, form.id));
  const subject = [form.subjectProduct, form.vehicleModel].filter(Boolean).join(' · ');
  return [
    [form.number, subject].filter(Boolean).join(' · '),
    form.description,
    form.customerRequest ? `→ ${form.customerRequest}` : '',
    files.length ? `📎 ${files.map((f) => f.filename).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** An open report of a form linked to this one as a repeat (either way), in the same site. */
async function reportOfLinkedForm(tx: Tx, form: Complaint): Promise<string | null> {
  const links = await tx
    .select({ a: complaintLinks.complaintId, b: complaintLinks.earlierId })
    .from(complaintLinks)
    .where(or(eq(complaintLinks.complaintId, form.id), eq(complaintLinks.earlierId, form.id)));
  const others = [...new Set(links.flatMap((l) => [l.a, l.b]))].filter((id) => id !== form.id);
  if (others.length === 0) return null;
  const [row] = await tx
    .select({ id: eightdReports.id })
    .from(eightdForms)
    .innerJoin(eightdReports, eq(eightdReports.id, eightdForms.reportId))
    .where(and(inArray(eightdForms.complaintId, others), isNull(eightdReports.closedAt), eq(eightdReports.siteId, form.siteId)))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Starts an 8D report on a form, or attaches the form to one: the report given, else the open
 * report of a form linked to it as a repeat (several forms about one problem share one report),
 * else a new report owned by the quality department, its D2 filled from the form and its
 * evidence and a deadline set for each discipline. Recorded in the form's history through the
 * one routine that changes a form (internal: the customer reads the report's words only where
 * staff quote D4 and D7 in the customer-facing summary).
 */
export async function startEightD(raw: StartEightDInput, actor: EightDActor, now = new Date(), db?: Db) {
  const d = db ?? (await getDb());
  const input = parse(startEightDSchema, raw);
  if (actor.role !== 'management' && actor.role !== 'department') throw new EightDError('forbidden');
  const calendar = await loadCalendar(d);
  let reportId = '';
  let created = false;
  const { complaint } = await changeForm(d, { key: { id: input.complaintId }, who: { actor }, expectedVersion: input.expectedVersion, now }, async (tx, form) => {
    const [owner] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.siteId, form.siteId), eq(departments.code, ownerDepartmentCode)));
    if (actor.role === 'department') {
      if (!owner || actor.departmentId !== owner.id) throw new EightDError('forbidden');
      const [category] = form.categoryId ? await tx.select({ code: categories.code }).from(categories).where(eq(categories.id, form.categoryId)) : [];
      if (category?.code !== eightdCategory) throw new EightDError('not_quality');
    }
    const [linked] = await tx.select({ reportId: eightdForms.reportId }).from(eightdForms).where(eq(eightdForms.complaintId, form.id));
    if (linked) throw new EightDError('already_linked');

    const target = input.reportId ?? (await reportOfLinkedForm(tx, form));
    if (target) {
      const [report] = await tx.select().from(eightdReports).where(eq(eightdReports.id, target)).for('update');
      if (!report) throw new EightDError('not_found');
      if (report.siteId !== form.siteId) throw new EightDError('other_site');
      if (!mayEditReport(actor, report) || (await involvedIn(tx, report.id, actor.id))) throw new EightDError('forbidden');
      if (report.closedAt) throw new EightDError('closed');
      reportId = report.id;
    } else {
      const title = form.description.split('\n')[0].slice(0, 80);
      const [report] = await tx
        .insert(eightdReports)
        .values({ siteId: form.siteId, departmentId: owner?.id ?? null, title, openedById: actor.id, openedAt: now, problem: await problemFromForm(tx, form) })
        .returning({ id: eightdReports.id });
      const due = disciplineDeadlines(now, calendar);
      await tx.insert(eightdSteps).values(disciplines.map((discipline) => ({ reportId: report.id, discipline, dueAt: due[discipline] })));
      reportId = report.id;
      created = true;
    }
    return {
      event: { type: created ? 'eightd_started' : 'eightd_attached', actor, payload: { reportId }, customerVisible: false },
      effects: async () => {
        await tx.insert(eightdForms).values({ complaintId: form.id, reportId, attachedAt: now, attachedById: actor.id });
      },
    };
  });
  return { complaint, reportId, created };
}

/** The report's columns each discipline's form writes. */
function columnsOf(input: z.output<typeof saveDisciplineSchema>): Partial<typeof eightdReports.$inferInsert> {
  switch (input.discipline) {
    case 'd1': return { team: input.team };
    case 'd2': return { problem: input.problem };
    case 'd3': return { containment: input.containment };
    case 'd4': return { rootCause: input.rootCause, whys: [input.why1, input.why2, input.why3, input.why4, input.why5].filter((w): w is string => !!w) };
    case 'd5': return { correctiveActions: input.correctiveActions };
    case 'd6': return { verification: input.verification };
    case 'd7': return { preventionStandards: input.preventionStandards, preventionTraining: input.preventionTraining ?? null, preventionSupplier: input.preventionSupplier ?? null };
    case 'd8': return { closure: input.closure };
  }
}

/**
 * Saves one discipline and marks it done (the first time, with who and when, against its
 * deadline). D8 closes the report, once D1–D7 are done; a closed report is read only.
 */
export async function saveDiscipline(raw: SaveDisciplineInput, actor: EightDViewer, now = new Date(), db?: Db) {
  const d = db ?? (await getDb());
  const input = parse(saveDisciplineSchema, raw);
  return d.transaction(async (tx) => {
    const [report] = await tx.select().from(eightdReports).where(eq(eightdReports.id, input.reportId)).for('update');
    if (!report) throw new EightDError('not_found');
    if (await involvedIn(tx, report.id, actor.id)) throw new EightDError('not_found');
    if (!mayEditReport(actor, report)) throw new EightDError('forbidden');
    if (report.closedAt) throw new EightDError('closed');
    const steps = await tx.select().from(eightdSteps).where(eq(eightdSteps.reportId, report.id));
    const closing = input.discipline === 'd8';
    if (closing && steps.some((s) => s.discipline !== 'd8' && !s.doneAt)) throw new EightDError('steps_open');
    await tx
      .update(eightdReports)
      .set({ ...columnsOf(input), ...(closing ? { closedAt: now, closedById: actor.id } : {}) })
      .where(eq(eightdReports.id, report.id));
    await tx
      .update(eightdSteps)
      .set({ doneAt: now, doneById: actor.id })
      .where(and(eq(eightdSteps.reportId, report.id), eq(eightdSteps.discipline, input.discipline), isNull(eightdSteps.doneAt)));
    return { reportId: report.id, closed: closing };
  });
}
