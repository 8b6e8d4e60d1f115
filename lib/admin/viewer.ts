import type { StaffUser } from '@/db/queries/staff';
import { AdminError } from './errors';

/**
 * The signed-in admin, as the admin lib functions take it: they scope themselves to the viewer's
 * site and record the viewer as the actor, so no page or action passes a site in.
 */
export type AdminViewer = Pick<StaffUser, 'id' | 'role' | 'siteId'>;

/** Anybody but an admin is refused here too, whatever the page or action checked before. */
export function requireAdmin(viewer: AdminViewer): void {
  if (viewer.role !== 'admin') throw new AdminError('forbidden');
}
