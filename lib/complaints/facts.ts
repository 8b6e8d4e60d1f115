import type { Complaint } from '@/db/schema';
import type { FormFacts, FormPatch, Severity, State } from '@/lib/workflow';

/** What the procedure needs to know about a form, from its database row. */
export function toFacts(row: Complaint, partyUserIds: string[], departmentHeadAbsent: boolean): FormFacts {
  return {
    status: row.status as State,
    version: row.version,
    severity: row.severity as Severity,
    departmentId: row.departmentId,
    customerManagerId: row.customerManagerId,
    major: row.major,
    gmInstructedAt: row.gmInstructedAt,
    followUpWanted: row.followUpWanted,
    founded: row.founded,
    customerUnreachable: row.customerUnreachable,
    partyUserIds,
    departmentHeadAbsent,
    receivedAt: row.receivedAt,
    stateEnteredAt: row.stateEnteredAt,
    stepDueAt: row.stepDueAt,
    responseDueAt: row.responseDueAt,
    resolutionDueAt: row.resolutionDueAt,
    firstResponseAt: row.firstResponseAt,
    resolvedAt: row.resolvedAt,
    archivedAt: row.archivedAt,
    pausedAt: row.pausedAt,
    pausedMs: row.pausedMs,
  };
}

const columns = [
  'status', 'severity', 'departmentId', 'customerManagerId', 'major', 'gmInstructedAt', 'followUpWanted', 'founded',
  'customerUnreachable', 'stateEnteredAt', 'stepDueAt', 'responseDueAt', 'resolutionDueAt', 'firstResponseAt',
  'resolvedAt', 'archivedAt', 'pausedAt', 'pausedMs', 'rootCause', 'preventiveAction', 'responsiblePerson', 'responsibleUserId',
  'rejectionExplanation', 'withdrawReason', 'faultOpinion', 'finalOpinion', 'satisfaction',
] as const satisfies readonly (keyof Complaint)[];

/** The columns a decision may change (version and partyUserIds are the command layer's). */
export function patchToColumns(patch: FormPatch): Partial<Complaint> {
  const out: Record<string, unknown> = {};
  for (const key of columns) {
    if (key in patch) out[key] = (patch as Record<string, unknown>)[key];
  }
  return out as Partial<Complaint>;
}
