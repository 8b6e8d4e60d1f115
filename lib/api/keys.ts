import 'server-only';
import crypto from 'node:crypto';
import { and, asc, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Db } from '@/db/client';
import { apiKeys, departments, sites, users } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { recordAudit } from '@/lib/admin/audit';
import { AdminError } from '@/lib/admin/errors';
import { requireAdmin, type AdminViewer } from '@/lib/admin/viewer';
import type { Role } from '@/lib/workflow';
import { createApiKeySchema, revokeApiKeySchema, type ApiKeyHistory, type CreateApiKeyInput } from './key-schema';

export { apiKeyHistory, apiKeyRoles, createApiKeySchema, revokeApiKeySchema, type ApiKeyHistory, type CreateApiKeyInput } from './key-schema';

// kesu_<12 hex: the prefix, looked up>_<43 base64url: 256 random bits>
const tokenPattern = /^kesu_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/**
 * Makes a key: its own inactive staff row (the key's role, site, department and reach) and the
 * key's row with the hash of the secret. Returns the whole key once; it is never shown again.
 */
export async function createApiKey(input: CreateApiKeyInput, viewer: AdminViewer, db?: Db): Promise<{ id: string; token: string; prefix: string }> {
  requireAdmin(viewer);
  db ??= await getDb();
  const k = createApiKeySchema.parse(input);
  const prefix = crypto.randomBytes(6).toString('hex');
  const token = `kesu_${prefix}_${crypto.randomBytes(32).toString('base64url')}`;
  const departmentId = k.departmentId || null;
  return db.transaction(async (tx) => {
    const [site] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, k.siteId));
    if (!site) throw new AdminError('unknown_site', 'siteId');
    if (departmentId) {
      const [d] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.id, departmentId), eq(departments.siteId, k.siteId)));
      if (!d) throw new AdminError('unknown_department', 'departmentId');
    }
    const [user] = await tx
      .insert(users)
      .values({
        siteId: k.siteId,
        login: `api-key:${prefix}`,
        name: `API · ${k.name}`,
        role: k.role,
        departmentId,
        groupWide: k.groupWide,
        // No password can match: argon2 verification of this string fails, and the row is inactive anyway.
        passwordHash: '!api-key',
        active: false,
      })
      .returning({ id: users.id });
    const [key] = await tx
      .insert(apiKeys)
      .values({ name: k.name, prefix, secretHash: hashToken(token), userId: user.id, history: k.history, createdById: viewer.id })
      .returning({ id: apiKeys.id });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      siteId: k.siteId,
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: key.id,
      targetLabel: `${k.name} (${prefix})`,
      after: { role: k.role, siteId: k.siteId, departmentId, groupWide: k.groupWide, history: k.history },
    });
    return { id: key.id, token, prefix };
  });
}

/** Revokes a key: refused from its next call on (every call checks the row, see countApiCall). */
export async function revokeApiKey(input: { id: string }, viewer: AdminViewer, db?: Db): Promise<void> {
  requireAdmin(viewer);
  db ??= await getDb();
  const { id } = revokeApiKeySchema.parse(input);
  await db.transaction(async (tx) => {
    const [key] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ name: apiKeys.name, prefix: apiKeys.prefix });
    if (!key) throw new AdminError('not_found');
    forgetVerified(id);
    await recordAudit(tx, {
      actorUserId: viewer.id,
      siteId: viewer.siteId,
      action: 'api_key.revoke',
      targetType: 'api_key',
      targetId: id,
      targetLabel: `${key.name} (${key.prefix})`,
    });
  });
}

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  siteName: string;
  departmentName: string | null;
  departmentNameEn: string | null;
  groupWide: boolean;
  history: ApiKeyHistory;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const keyUser = alias(users, 'key_user');

/** Every key (never its secret), newest first; revoked ones stay listed with their date. */
export async function listApiKeys(viewer: AdminViewer, db?: Db): Promise<ApiKeyRow[]> {
  requireAdmin(viewer);
  db ??= await getDb();
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      role: keyUser.role,
      siteName: sites.name,
      departmentName: departments.name,
      departmentNameEn: departments.nameEn,
      groupWide: keyUser.groupWide,
      history: apiKeys.history,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .innerJoin(keyUser, eq(keyUser.id, apiKeys.userId))
    .innerJoin(sites, eq(sites.id, keyUser.siteId))
    .leftJoin(departments, eq(departments.id, keyUser.departmentId))
    .orderBy(sql`${apiKeys.revokedAt} is not null`, desc(apiKeys.createdAt), asc(apiKeys.name));
  return rows.map((r) => ({ ...r, role: r.role as Role, history: r.history as ApiKeyHistory }));
}

/** Who calls: the key's staff identity, as every lib function takes it, and what of the history it reads. */
export interface ApiCaller {
  keyId: string;
  user: StaffUser;
  history: ApiKeyHistory;
}

/** last_used_at is written at most once a minute per key: a busy key would otherwise write on every read. */
const lastUseResolutionMs = 60_000;

/**
 * The caller of a bearer token, or null for a token that is malformed, unknown or revoked. The
 * row is read on every call, so a revocation holds from the next request on.
 */
export async function authenticateApiKey(token: string | null, db?: Db, now = new Date()): Promise<ApiCaller | null> {
  const m = token ? tokenPattern.exec(token) : null;
  if (!m) return null;
  db ??= await getDb();
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      secretHash: apiKeys.secretHash,
      history: apiKeys.history,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      id: users.id,
      login: users.login,
      name: users.name,
      role: users.role,
      siteId: users.siteId,
      departmentId: users.departmentId,
      groupWide: users.groupWide,
      locale: users.locale,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.prefix, m[1]));
  if (!row || row.revokedAt) return null;
  const given = Buffer.from(hashToken(token!), 'hex');
  if (!crypto.timingSafeEqual(given, Buffer.from(row.secretHash, 'hex'))) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > lastUseResolutionMs) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, row.keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - lastUseResolutionMs)))));
  }
  return {
    keyId: row.keyId,
    history: row.history as ApiKeyHistory,
    user: {
      id: row.id,
      login: row.login,
      name: row.name,
      role: row.role as Role,
      siteId: row.siteId,
      departmentId: row.departmentId,
      // A key is nobody's head or handler: it signs no determination.
      departmentPosition: null,
      groupWide: row.groupWide,
      locale: row.locale,
    },
  };
}

/**
 * Keys this process has verified, by the SHA-256 of the token: a burst of calls with one key
 * reads the key and its staff row once a minute, not on every call. The cache never decides
 * whether a key is still live: countApiCall checks revoked_at in the statement that counts the
 * call, so a revocation (by any instance) is refused from the next call on.
 */
const verified = new Map<string, { caller: ApiCaller; until: number; lastUsedAt: number }>();
const verifiedTtlMs = 60_000;
const verifiedMax = 1000;

function forgetVerified(keyId: string): void {
  for (const [hash, v] of verified) if (v.caller.keyId === keyId) verified.delete(hash);
}

/**
 * The caller of a bearer token from this process's cache, else from the database (then cached).
 * Only for the API's entry (lib/api/endpoint.ts), which checks revocation with countApiCall in
 * the same request.
 */
export async function verifiedCaller(token: string | null, db: Db, now = new Date()): Promise<ApiCaller | null> {
  if (!token || !tokenPattern.test(token)) return null;
  const hash = hashToken(token);
  const hitEntry = verified.get(hash);
  if (hitEntry && hitEntry.until > now.getTime()) {
    if (now.getTime() - hitEntry.lastUsedAt > lastUseResolutionMs) {
      hitEntry.lastUsedAt = now.getTime();
      await db
        .update(apiKeys)
        .set({ lastUsedAt: now })
        .where(and(eq(apiKeys.id, hitEntry.caller.keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - lastUseResolutionMs)))));
    }
    return hitEntry.caller;
  }
  const caller = await authenticateApiKey(token, db, now);
  if (!caller) {
    verified.delete(hash);
    return null;
  }
  if (verified.size >= verifiedMax) verified.clear();
  verified.set(hash, { caller, until: now.getTime() + verifiedTtlMs, lastUsedAt: now.getTime() });
  return caller;
}

/**
 * Counts one call of a key against its limit (a fixed window, as lib/public/rate-limit.ts) in the
 * same statement that checks the key is not revoked: null for a revoked (or deleted) key.
 */
export async function countApiCall(db: Db, keyId: string, limit: number, windowMs: number, now = new Date()): Promise<{ allowed: boolean; count: number; retryAfterMs: number } | null> {
  const key = `api:${keyId}`;
  const at = now.toISOString();
  const expired = new Date(now.getTime() - windowMs).toISOString();
  const result = await db.execute(sql`
      insert into rate_limits as r (key, window_start, count)
      select ${key}, ${at}::timestamptz, 1 from api_keys where id = ${keyId}::uuid and revoked_at is null
      on conflict (key) do update set
        window_start = case when r.window_start <= ${expired}::timestamptz then ${at}::timestamptz else r.window_start end,
        count = case when r.window_start <= ${expired}::timestamptz then 1 else r.count + 1 end
      returning window_start, count`);
  // Both drivers answer { rows }.
  const [row] = (result as unknown as { rows: { window_start: Date | string; count: number }[] }).rows;
  if (!row) {
    forgetVerified(keyId);
    return null;
  }
  const count = Number(row.count);
  const allowed = count <= limit;
  return { allowed, count, retryAfterMs: allowed ? 0 : Math.max(0, new Date(row.window_start).getTime() + windowMs - now.getTime()) };
}
