import 'server-only';
import type { Tx } from '@/db/client';
import type { AccountabilityEntry, EventName } from '@/lib/workflow';
import { encodeIssue } from '@/lib/validation/issues';
import { CommandError } from './errors';
import { departmentStaffing } from './department-staff';
import { managerCandidate, siteDepartment, siteStaffNames } from './staff-directory';

/**
 * The one place where what an input names (department, customer manager, involved party,
 * responsible person, accountability) is resolved against the form's site, whoever fires it: a
 * group-wide user acting on another site's form chooses among that form's site's departments and
 * directory (lib/complaints/staff-directory.ts), exactly as the pickers offer them. The input
 * comes back with the directory names filled in (an accountability entry's person, the
 * responsible person), as they are at the time.
 */
export async function resolveEventReferences(
  tx: Tx,
  event: EventName,
  input: Record<string, unknown>,
  parties: readonly string[],
  siteId: string,
): Promise<Record<string, unknown>> {
  if (event === 'triage') {
    await siteDepartment(tx, siteId, input.departmentId as string, 'departmentId');
    await requireStaffedDepartment(tx, input.departmentId as string);
    if (typeof input.customerManagerId === 'string') {
      const managerId = input.customerManagerId;
      const allParties = [...parties, ...((input.partyUserIds as string[] | undefined) ?? [])];
      if (allParties.includes(managerId)) throw new CommandError('not_assignable', {}, { customerManagerId: [encodeIssue({ kind: 'rule', key: 'involvedNotAssignable' })] });
      await siteStaffNames(tx, siteId, [managerId], 'customerManagerId', managerCandidate);
    }
    if (Array.isArray(input.partyUserIds)) await siteStaffNames(tx, siteId, input.partyUserIds as string[], 'partyUserIds');
    return input;
  }
  if (event === 'submit_determination') return resolveDeterminationReferences(tx, input, siteId);
  if ((event === 'complete_handling' || event === 'settle_fault') && Array.isArray(input.accountability)) {
    const entries = input.accountability as AccountabilityEntry[];
    const names = await siteStaffNames(tx, siteId, entries.flatMap((e) => (e.userId ? [e.userId] : [])), 'accountability');
    return { ...input, accountability: entries.map((e) => (e.userId ? { ...e, person: names.get(e.userId) } : e)) };
  }
  return input;
}

/**
 * The determination's references (the submitted one, or a handler's draft with any of them
 * missing): the responsible department of the form's site, the responsible person from its
 * directory, with their directory name.
 */
export async function resolveDeterminationReferences(tx: Tx, input: Record<string, unknown>, siteId: string): Promise<Record<string, unknown>> {
  if (typeof input.responsibleDepartmentId === 'string') await siteDepartment(tx, siteId, input.responsibleDepartmentId, 'responsibleDepartmentId');
  if (typeof input.responsibleUserId !== 'string') return input;
  const names = await siteStaffNames(tx, siteId, [input.responsibleUserId], 'responsibleUserId');
  return { ...input, responsiblePerson: names.get(input.responsibleUserId) };
}

/**
 * A form triaged to a department with nobody who can act on it would sit there unseen: refused,
 * naming the department, so that the desk chooses another or asks the admin to staff it.
 */
async function requireStaffedDepartment(tx: Tx, departmentId: string): Promise<void> {
  const d = await departmentStaffing(tx, departmentId);
  if (d && !d.staffed) {
    throw new CommandError('department_unstaffed', { department: d.name, departmentEn: d.nameEn }, {
      departmentId: [encodeIssue({ kind: 'rule', key: 'departmentUnstaffed' })],
    });
  }
}
