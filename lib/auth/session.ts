import 'server-only';
import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { auth } from '@/auth';
import { getDb } from '@/db/client';
import type { StaffUser } from '@/db/queries/staff';
import { loadSessionStaff } from './session-store';
import type { Role } from '@/lib/workflow';

export type { StaffUser };

/**
 * The Auth.js session of this request, decrypted once: `auth()` derives the key and decrypts
 * the cookie (JWE) on every call, about 5 % of a page's CPU. Pages, layouts and components that
 * need the raw session (e.g. its sessionId) take it from here, not from `auth()`. Only inside a
 * React render does `cache` share it; a route handler or an action calls it once anyway.
 */
export const currentSession = cache(() => auth());

/**
 * The signed-in staff member, read from the database once per request. A cookie counts only
 * while its server-side session lives (one query loads both): after sign-out, a password
 * reset, a role change or deactivation the same cookie is nobody's.
 */
export const currentStaff = cache(async (): Promise<StaffUser | null> => {
  const session = await currentSession();
  if (!session?.user?.id || !session.sessionId) return null;
  return loadSessionStaff(await getDb(), session.sessionId, session.user.id);
});

/** For pages: sends a visitor to /login and a member of another role to a 403. */
export async function requireStaff(roles?: readonly Role[]): Promise<StaffUser> {
  const user = await currentStaff();
  if (!user) redirect('/login');
  if (roles && !roles.includes(user.role)) forbidden();
  return user;
}

export const homeOf: Record<Role, string> = {
  desk: '/desk',
  department: '/department',
  management: '/management',
  gm: '/gm',
  admin: '/admin',
  finance: '/reports',
};
