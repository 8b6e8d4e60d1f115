import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { authSessions, departments, users } from '@/db/schema';
import { staffUserColumns, toStaffUser, type StaffUser } from '@/db/queries/staff';

/**
 * Server-side sessions. The Auth.js cookie (a JWT) only carries the id of a row here; a
 * request is signed in while that row exists and has not expired. Deleting rows is how a
 * session ends: sign-out, a password reset, a role change, deactivation, or an admin.
 */

/** Absolute lifetime of a sign-in, the same as the cookie's. */
export const sessionMaxAgeSeconds = 12 * 60 * 60;
/** last_seen_at is written at most this often per session, so most requests only read. */
export const touchIntervalMs = 5 * 60 * 1000;

export interface SessionInfo {
  userAgent?: string | null;
  clientAddress?: string | null;
}

export interface SessionRow {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  clientAddress: string | null;
}

const clip = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);

/** Opens a session for a user who has just proven who they are; returns its id for the cookie. */
export async function startSession(db: Db, userId: string, info: SessionInfo = {}, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  // Expired rows of this user go now: the table stays as small as the number of live sign-ins.
  await db.delete(authSessions).where(and(eq(authSessions.userId, userId), lte(authSessions.expiresAt, now)));
  await db.insert(authSessions).values({
    id,
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + sessionMaxAgeSeconds * 1000),
    userAgent: clip(info.userAgent, 400),
    clientAddress: clip(info.clientAddress, 100),
  });
  return id;
}

/**
 * The staff member behind a live session, in one query (session, user and department
 * position together): this runs on every staff request.
 */
export async function loadSessionStaff(db: Db, sessionId: string, userId: string, now = new Date()): Promise<StaffUser | null> {
  const [row] = await db
    .select({ ...staffUserColumns, lastSeenAt: authSessions.lastSeenAt })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId), gt(authSessions.expiresAt, now)));
  const user = toStaffUser(row);
  if (user && now.getTime() - row.lastSeenAt.getTime() >= touchIntervalMs) {
    await db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.id, sessionId));
  }
  return user;
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.id, sessionId));
}

/** Ends every session of a user; returns how many were live. */
export async function endUserSessions(db: Db | Tx, userId: string): Promise<number> {
  const rows = await db.delete(authSessions).where(eq(authSessions.userId, userId)).returning({ id: authSessions.id });
  return rows.length;
}

/** Ends one session, only if it belongs to that user (an admin acts on one user at a time). */
export async function endUserSession(db: Db | Tx, userId: string, sessionId: string): Promise<boolean> {
  const rows = await db
    .delete(authSessions)
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId)))
    .returning({ id: authSessions.id });
  return rows.length > 0;
}

/** The user's live sessions, most recently used first. */
export async function listUserSessions(db: Db, userId: string, now = new Date()): Promise<SessionRow[]> {
  return db
    .select({
      id: authSessions.id,
      createdAt: authSessions.createdAt,
      lastSeenAt: authSessions.lastSeenAt,
      expiresAt: authSessions.expiresAt,
      userAgent: authSessions.userAgent,
      clientAddress: authSessions.clientAddress,
    })
    .from(authSessions)
    .where(and(eq(authSessions.userId, userId), gt(authSessions.expiresAt, now)))
    .orderBy(desc(authSessions.lastSeenAt), desc(sql`${authSessions.createdAt}`));
}
