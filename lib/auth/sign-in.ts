import 'server-only';
import { CredentialsSignin } from 'next-auth';
import { credentialsSchema } from '@/lib/auth/credentials';
import { getDb } from '@/db/client';
import { findUserForSignIn } from '@/db/queries/staff';
import { verifyPassword } from '@/lib/auth/password';
import { beginSignIn, type ThrottleScope } from '@/lib/auth/throttle';
import { clientAddress } from '@/lib/net/client-address';

/**
 * A sign-in refused because the login or the address is locked. Auth.js hands `code` on: the
 * login action gets this error itself, its own /api/auth/callback/credentials puts the code
 * in the redirect to /login (`?error=CredentialsSignin&code=locked_login_<unix seconds>`).
 */
export class SignInLocked extends CredentialsSignin {
  constructor(
    readonly scope: ThrottleScope,
    readonly until: Date,
  ) {
    super();
    this.code = `locked_${scope}_${Math.ceil(until.getTime() / 1000)}`;
  }
}

/** The lock from a SignInLocked code, or null for any other code. */
export function lockOf(code: unknown): { scope: ThrottleScope; until: Date } | null {
  const m = typeof code === 'string' ? /^locked_(login|address|pair)_(\d{1,12})$/.exec(code) : null;
  return m ? { scope: m[1] as ThrottleScope, until: new Date(Number(m[2]) * 1000) } : null;
}

/**
 * The Credentials provider's `authorize`, which both sign-in paths (the login page's action and
 * Auth.js's own callback route) pass through: throttle first (lib/auth/throttle.ts), then the
 * password check, then the outcome recorded.
 */
export async function authorizeCredentials(raw: unknown, request: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const gate = await beginSignIn(await getDb(), parsed.data.login, clientAddress(request.headers));
  if (gate.kind === 'locked') throw new SignInLocked(gate.scope, gate.until);
  let ok = false;
  try {
    const user = await findUserForSignIn(parsed.data.login);
    ok = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
    if (!user || !ok) return null;
    return { id: user.id, name: user.name, role: user.role };
  } finally {
    await gate.finish(ok);
  }
}
