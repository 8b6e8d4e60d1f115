import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Db, type Tx } from '@/db/client';
import { users } from '@/db/schema';
import { endUserSession, endUserSessions, listUserSessions, type SessionRow } from '@/lib/auth/session-store';
import { recordAudit } from './audit';
import { AdminError } from './errors';
import { requireAdmin, type AdminViewer } from './viewer';

// An admin sees and ends the sessions of the staff of their own site.

export const endSessionSchema = z.strictObject({ userId: z.uuid(), sessionId: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
export const endAllSessionsSchema = z.strictObject({ userId: z.uuid() });

async function checkUser(db: Db | Tx, viewer: AdminViewer, userId: string): Promise<{ login: string }> {
  requireAdmin(viewer);
  const [u] = await db.select({ login: users.login }).from(users).where(and(eq(users.id, userId), eq(users.siteId, viewer.siteId)));
  if (!u) throw new AdminError('not_found');
  return u;
}

export async function staffSessions(viewer: AdminViewer, userId: string, now = new Date(), db?: Db): Promise<SessionRow[]> {
  db ??= await getDb();
  await checkUser(db, viewer, userId);
  return listUserSessions(db, userId, now);
}

/** Ends one session of a user; a session already gone is `not_found` (the list was stale). */
export async function endStaffSession(viewer: AdminViewer, input: z.input<typeof endSessionSchema>, db?: Db): Promise<void> {
  db ??= await getDb();
  const { userId, sessionId } = endSessionSchema.parse(input);
  await db.transaction(async (tx) => {
    const { login } = await checkUser(tx, viewer, userId);
    if (!(await endUserSession(tx, userId, sessionId))) throw new AdminError('not_found');
    // The session id is a bearer credential (the cookie names it): it is not recorded.
    await recordAudit(tx, { actorUserId: viewer.id, siteId: viewer.siteId, action: 'session.end', targetType: 'user', targetId: userId, targetLabel: login, after: { sessionsEnded: 1 } });
  });
}

/** Ends every session of a user; returns how many there were. */
export async function endAllStaffSessions(viewer: AdminViewer, input: z.input<typeof endAllSessionsSchema>, db?: Db): Promise<number> {
  db ??= await getDb();
  const { userId } = endAllSessionsSchema.parse(input);
  return db.transaction(async (tx) => {
    const { login } = await checkUser(tx, viewer, userId);
    const ended = await endUserSessions(tx, userId);
    await recordAudit(tx, { actorUserId: viewer.id, siteId: viewer.siteId, action: 'session.end_all', targetType: 'user', targetId: userId, targetLabel: login, after: { sessionsEnded: ended } });
    return ended;
  });
}
