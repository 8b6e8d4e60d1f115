import 'server-only';
import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Db } from '@/db/client';
import { categories, complaints, departments, eightdForms, eightdReports, eightdSteps, users } from '@/db/schema';
import { mayOpen } from '@/lib/complaints/access';
import { involvedIn, mayEditReport, mayReadReport, notInvolvedInReport, type EightDViewer } from './access';
import { eightdCategory, ownerDepartmentCode } from './commands';
import { disciplines, type Discipline } from './schemas';

export type EightDReport = typeof eightdReports.$inferSelect;

export interface EightDStep {
  discipline: Discipline;
  dueAt: Date;
  doneAt: Date | null;
  doneBy: string | null;
}

export interface EightDForm {
  id: string;
  number: string;
  status: string;
  /** The viewer may open the form (a link); otherwise only its number is shown. */
  open: boolean;
}

export interface EightDView {
  report: EightDReport;
  openedBy: string;
  closedBy: string | null;
  departmentName: string | null;
  departmentNameEn: string | null;
  steps: EightDStep[];
  forms: EightDForm[];
  mayEdit: boolean;
}

const doneUsers = alias(users, 'done_users');
const closers = alias(users, 'closers');

/** One report for the viewer, or null when it does not exist for them (access.ts). */
export async function loadEightD(viewer: EightDViewer, id: string, db?: Db): Promise<EightDView | null> {
  const d = db ?? (await getDb());
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await d
    .select({ report: eightdReports, openedBy: users.name, closedBy: closers.name, departmentName: departments.name, departmentNameEn: departments.nameEn })
    .from(eightdReports)
    .innerJoin(users, eq(users.id, eightdReports.openedById))
    .leftJoin(closers, eq(closers.id, eightdReports.closedById))
    .leftJoin(departments, eq(departments.id, eightdReports.departmentId))
    .where(eq(eightdReports.id, id));
  if (!row) return null;
  if (await involvedIn(d, id, viewer.id)) return null;
  const formRows = await d
    .select({ id: complaints.id, number: complaints.number, status: complaints.status, siteId: complaints.siteId, departmentId: complaints.departmentId })
    .from(eightdForms)
    .innerJoin(complaints, eq(complaints.id, eightdForms.complaintId))
    .where(eq(eightdForms.reportId, id))
    .orderBy(asc(complaints.number));
  const forms: EightDForm[] = [];
  for (const f of formRows) forms.push({ id: f.id, number: f.number, status: f.status, open: await mayOpen(d, { ...viewer, groupWide: !!viewer.groupWide }, f) });
  const ownDepartment = viewer.role === 'department' && formRows.some((f) => f.departmentId === viewer.departmentId);
  if (!mayReadReport(viewer, row.report, ownDepartment)) return null;
  const steps = await d
    .select({ discipline: eightdSteps.discipline, dueAt: eightdSteps.dueAt, doneAt: eightdSteps.doneAt, doneBy: doneUsers.name })
    .from(eightdSteps)
    .leftJoin(doneUsers, eq(doneUsers.id, eightdSteps.doneById))
    .where(eq(eightdSteps.reportId, id));
  steps.sort((a, b) => disciplines.indexOf(a.discipline as Discipline) - disciplines.indexOf(b.discipline as Discipline));
  return {
    ...row,
    steps: steps as EightDStep[],
    forms,
    mayEdit: mayEditReport(viewer, row.report) && !row.report.closedAt,
  };
}

export interface FormEightD {
  /** The report covering the form, when there is one the viewer may read. */
  report: { id: string; title: string; closedAt: Date | null; rootCause: string | null; prevention: string | null } | null;
  /** The viewer may start (or attach to a linked form's) report on this form. */
  mayStart: boolean;
  /** The open reports of the form's site the viewer may join it to (a form about the same problem, not linked as a repeat). */
  joinable: { value: string; label: string }[];
}

/** The prevention of D7 as one text (standards, training, supplier actions). */
export function preventionText(r: Pick<EightDReport, 'preventionStandards' | 'preventionTraining' | 'preventionSupplier'>): string | null {
  return [r.preventionStandards, r.preventionTraining, r.preventionSupplier].filter(Boolean).join('\n') || null;
}

/** A form page's 8D: its report, or whether the viewer may start one (the form page has checked that they may open the form). */
export async function eightdOfForm(viewer: EightDViewer, form: { id: string; siteId: string; categoryId: string | null; status: string }, db?: Db): Promise<FormEightD> {
  const d = db ?? (await getDb());
  const [linked] = await d.select({ reportId: eightdForms.reportId }).from(eightdForms).where(eq(eightdForms.complaintId, form.id));
  if (linked) {
    const view = await loadEightD(viewer, linked.reportId, d);
    if (!view) return { report: null, mayStart: false, joinable: [] };
    const r = view.report;
    return { report: { id: r.id, title: r.title, closedAt: r.closedAt, rootCause: r.rootCause, prevention: preventionText(r) }, mayStart: false, joinable: [] };
  }
  if (viewer.role === 'management') return { report: null, mayStart: true, joinable: await joinableReports(d, viewer, form.siteId) };
  if (viewer.role !== 'department' || !form.categoryId) return { report: null, mayStart: false, joinable: [] };
  const [row] = await d
    .select({ code: categories.code, owner: departments.id })
    .from(categories)
    .leftJoin(departments, and(eq(departments.siteId, form.siteId), eq(departments.code, ownerDepartmentCode)))
    .where(eq(categories.id, form.categoryId));
  const mayStart = row?.code === eightdCategory && !!row.owner && row.owner === viewer.departmentId;
  return { report: null, mayStart, joinable: mayStart ? await joinableReports(d, viewer, form.siteId) : [] };
}

/** Open reports of the site that the viewer edits (management: all; the quality department: its own), newest first. */
async function joinableReports(d: Db, viewer: EightDViewer, siteId: string): Promise<{ value: string; label: string }[]> {
  const rows = await d
    .select({ value: eightdReports.id, label: eightdReports.title })
    .from(eightdReports)
    .where(
      and(
        eq(eightdReports.siteId, siteId),
        isNull(eightdReports.closedAt),
        viewer.role === 'management' ? undefined : viewer.departmentId ? eq(eightdReports.departmentId, viewer.departmentId) : sql`false`,
        notInvolvedInReport(viewer),
      ),
    )
    .orderBy(desc(eightdReports.openedAt))
    .limit(50);
  return rows;
}

export interface EightDListRow {
  id: string;
  title: string;
  openedAt: Date;
  closedAt: Date | null;
  rootCause: string | null;
  prevention: string | null;
  forms: number;
  /** Disciplines past their deadline and not done. */
  overdue: number;
  /** The next discipline to do and its deadline (open reports). */
  next: { discipline: Discipline; dueAt: Date } | null;
}

export const eightdListSize = 100;

/**
 * The 8D reports the viewer may read: `open` (the quality department's and management's work
 * list) or `closed` (the lessons learned, searchable by words of the title, the problem, the root
 * cause, the corrective and preventive actions), newest first.
 */
export async function listEightD(viewer: EightDViewer, opts: { closed: boolean; q?: string; now?: Date }, db?: Db): Promise<EightDListRow[]> {
  const d = db ?? (await getDb());
  if (viewer.role === 'finance') return [];
  const now = opts.now ?? new Date();
  const conditions: (SQL | undefined)[] = [
    viewer.groupWide ? undefined : eq(eightdReports.siteId, viewer.siteId),
    notInvolvedInReport(viewer),
    opts.closed ? isNotNull(eightdReports.closedAt) : isNull(eightdReports.closedAt),
  ];
  // Another department's member reads open reports only where they cover a form of their own.
  if (!opts.closed && viewer.role === 'department') {
    conditions.push(
      or(
        viewer.departmentId ? eq(eightdReports.departmentId, viewer.departmentId) : undefined,
        sql`exists (select 1 from ${eightdForms} join ${complaints} on ${complaints.id} = ${eightdForms.complaintId}
          where ${eightdForms.reportId} = ${eightdReports.id} and ${complaints.departmentId} = ${viewer.departmentId})`,
      ),
    );
  }
  const q = opts.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(eightdReports.title, like),
        ilike(eightdReports.problem, like),
        ilike(eightdReports.rootCause, like),
        ilike(eightdReports.correctiveActions, like),
        ilike(eightdReports.preventionStandards, like),
        ilike(eightdReports.preventionTraining, like),
        ilike(eightdReports.preventionSupplier, like),
        ilike(eightdReports.closure, like),
      ),
    );
  }
  const rows = await d
    .select({
      report: eightdReports,
      forms: sql<number>`(select count(*)::int from ${eightdForms} where ${eightdForms.reportId} = ${eightdReports.id})`,
    })
    .from(eightdReports)
    .where(and(...conditions))
    .orderBy(desc(opts.closed ? eightdReports.closedAt : eightdReports.openedAt), desc(eightdReports.id))
    .limit(eightdListSize);
  const steps = rows.length
    ? await d.select().from(eightdSteps).where(inArray(eightdSteps.reportId, rows.map((r) => r.report.id)))
    : [];
  return rows.map(({ report: r, forms }) => {
    const own = steps.filter((s) => s.reportId === r.id && !s.doneAt).sort((a, b) => disciplines.indexOf(a.discipline as Discipline) - disciplines.indexOf(b.discipline as Discipline));
    return {
      id: r.id,
      title: r.title,
      openedAt: r.openedAt,
      closedAt: r.closedAt,
      rootCause: r.rootCause,
      prevention: preventionText(r),
      forms,
      overdue: r.closedAt ? 0 : own.filter((s) => s.dueAt <= now).length,
      next: r.closedAt || !own[0] ? null : { discipline: own[0].discipline as Discipline, dueAt: own[0].dueAt },
    };
  });
}

/** Roles that see the 8D area at all (finance sees no form, so no report). */
export const eightdRoles = ['desk', 'department', 'management', 'gm', 'admin'] as const;
