import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { signInThrottle } from '@/db/schema';
import { liftLock } from '@/lib/auth/throttle';
import { recordAudit } from './audit';

/**
 * An administrator lifts a sign-in lock (lib/auth/throttle.ts does the lifting): the lock as it
 * was and the act go on record in the same transaction. Returns whether a lock was lifted.
 */
export async function liftSignInLock(actorId: string, key: string, db?: Db): Promise<boolean> {
  db ??= await getDb();
  return db.transaction(async (tx) => {
    const [lock] = await tx
      .select({ failures: signInThrottle.failures, lockedUntil: signInThrottle.lockedUntil })
      .from(signInThrottle)
      .where(eq(signInThrottle.key, key))
      .for('update');
    if (!(await liftLock(tx, key))) return false;
    await recordAudit(tx, { actorUserId: actorId, action: 'sign_in_lock.lift', targetType: 'sign_in_lock', targetId: key, targetLabel: key, before: lock, after: { failures: 0, lockedUntil: null } });
    return true;
  });
}
