import 'server-only';
import { and, eq, gt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '@/db/client';
import { coverAlerts, users } from '@/db/schema';

const absent = alias(users, 'absent');

/**
 * Whom `userId` stands in for on this form now (a cover alert named them and the absence still
 * runs), or null: a command records it beside what they did, so the history says who acted in cover.
 */
export async function coveringFor(tx: Tx | Db, complaintId: string, userId: string, now: Date): Promise<string | null> {
  const [row] = await tx
    .select({ name: absent.name })
    .from(coverAlerts)
    .innerJoin(absent, and(eq(absent.id, coverAlerts.absentUserId), eq(absent.absentUntil, coverAlerts.absentUntil)))
    .where(and(eq(coverAlerts.complaintId, complaintId), eq(coverAlerts.coverUserId, userId), gt(coverAlerts.absentUntil, now)))
    .limit(1);
  return row?.name ?? null;
}
