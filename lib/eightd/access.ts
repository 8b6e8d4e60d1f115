import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { complaintParties, eightdForms, eightdReports } from '@/db/schema';
import type { Viewer } from '@/lib/complaints/access';

/**
 * Who may read and who may edit an 8D report (DESIGN §1: the quality department traces a product
 * fault, management supervises). Edit: management, and the members of the report's owning
 * department (the quality department). Read: every staff role of the site but finance; a member
 * of another department only once the report is closed (the lessons learned) or when it covers
 * a form of their own department. Nobody involved in one of its forms (当事人) reads or edits it:
 * for them it does not exist, like the forms themselves.
 */
export type EightDViewer = Pick<Viewer, 'id' | 'role' | 'siteId' | 'departmentId'> & { groupWide?: boolean };

export interface ReportReach {
  siteId: string;
  departmentId: string | null;
  closedAt: Date | null;
}

function sameSite(viewer: EightDViewer, report: ReportReach): boolean {
  return !!viewer.groupWide || viewer.siteId === report.siteId;
}

/** The edit rule, the involved-party check aside (involvedIn). */
export function mayEditReport(viewer: EightDViewer, report: ReportReach): boolean {
  if (!sameSite(viewer, report)) return false;
  if (viewer.role === 'management') return true;
  return viewer.role === 'department' && report.departmentId !== null && viewer.departmentId === report.departmentId;
}

/** The read rule, the involved-party check aside; `coversOwnDepartment`: one of its forms is of the viewer's department. */
export function mayReadReport(viewer: EightDViewer, report: ReportReach, coversOwnDepartment: boolean): boolean {
  if (viewer.role === 'finance' || !sameSite(viewer, report)) return false;
  if (viewer.role !== 'department') return true;
  return mayEditReport(viewer, report) || report.closedAt !== null || coversOwnDepartment;
}

/** The involved-party half as SQL on eightd_reports: none of its forms names the viewer. */
export function notInvolvedInReport(viewer: Pick<EightDViewer, 'id'>): SQL {
  return sql`not exists (select 1 from ${eightdForms} join ${complaintParties} on ${complaintParties.complaintId} = ${eightdForms.complaintId}
    where ${eightdForms.reportId} = ${eightdReports.id} and ${complaintParties.userId} = ${viewer.id})`;
}

/** Whether the viewer is recorded as involved in one of the report's forms. */
export async function involvedIn(db: Db | Tx, reportId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(eightdForms)
    .innerJoin(complaintParties, eq(complaintParties.complaintId, eightdForms.complaintId))
    .where(and(eq(eightdForms.reportId, reportId), eq(complaintParties.userId, userId)))
    .limit(1);
  return rows.length > 0;
}
