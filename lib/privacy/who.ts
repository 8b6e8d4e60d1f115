import type { StaffUser } from '@/db/queries/staff';
import type { Role } from '@/lib/workflow';
import { PrivacyError } from './errors';

/** Who finds, exports and erases a customer's data: the desk (the customers' contact) and admins. */
export const personDataRoles = ['desk', 'admin'] as const satisfies readonly Role[];
/** Who places and lifts a legal hold: admins and management. */
export const legalHoldRoles = ['admin', 'management'] as const satisfies readonly Role[];

export function mayHandlePersonData(role: Role): boolean {
  return (personDataRoles as readonly Role[]).includes(role);
}
export function mayHoldForms(role: Role): boolean {
  return (legalHoldRoles as readonly Role[]).includes(role);
}

/** The lib functions check the role again: a page or an action forgetting to is not a hole. */
export function requireRole(viewer: StaffUser, allowed: (role: Role) => boolean): void {
  if (!allowed(viewer.role)) throw new PrivacyError('forbidden');
}
