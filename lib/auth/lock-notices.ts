import 'server-only';
import { and, desc, eq, gte } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { notifications, users } from '@/db/schema';
import { publicBase } from '@/lib/complaints/outbox';

/**
 * Tells the administrators, in their inbox, that an address or (globally) a login is locked:
 * once per run of locks — only the claim that reached the threshold calls this, and the
 * atomic claim lets exactly one attempt see that count.
 */
export interface LockToNotice {
  key: string;
  failures: number;
  lockedUntil: Date | null;
}

export async function noticeLock(db: Db, lock: LockToNotice, now: Date): Promise<void> {
  const scope = lock.key.startsWith('login:') ? 'login' : 'address';
  const subject = lock.key.slice(scope.length + 1);
  const admins = await db.select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true)));
  if (admins.length === 0) return;
  const payload = {
    key: lock.key,
    scope,
    [scope]: subject,
    failures: lock.failures,
    deadline: (lock.lockedUntil ?? now).toISOString(),
    startedAt: now.toISOString(),
    url: `${publicBase()}/admin/security`,
  };
  await db.insert(notifications).values(
    admins.map((a) => ({ audience: 'admin', recipientUserId: a.id, channel: 'inbox', address: a.email, template: 'sign_in_locked', locale: a.locale, payload })),
  );
}

export interface LockNotice {
  key: string;
  scope: 'login' | 'address';
  subject: string;
  failures: number;
  startedAt: Date;
  until: Date;
}

/** The lock notices of the last `days` days, one per lock (each admin got a copy), newest first. */
export async function listLockNotices(now = new Date(), days = 7, db?: Db): Promise<LockNotice[]> {
  db ??= await getDb();
  const n = notifications;
  const rows = await db
    .select({ payload: n.payload })
    .from(n)
    .where(and(eq(n.template, 'sign_in_locked'), gte(n.createdAt, new Date(now.getTime() - days * 24 * 3_600_000))))
    .orderBy(desc(n.createdAt))
    .limit(500);
  const seen = new Set<string>();
  const out: LockNotice[] = [];
  for (const { payload } of rows) {
    const p = payload as Record<string, unknown>;
    const id = `${p.key}|${p.startedAt}`;
    if (typeof p.key !== 'string' || seen.has(id)) continue;
    seen.add(id);
    const scope = p.scope === 'login' ? 'login' : 'address';
    out.push({ key: p.key, scope, subject: String(p[scope] ?? ''), failures: Number(p.failures), startedAt: new Date(String(p.startedAt)), until: new Date(String(p.deadline)) });
  }
  return out.slice(0, 50);
}
