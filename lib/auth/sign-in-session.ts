import 'server-only';
import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { endSession, startSession } from './session-store';

/**
 * Opens the server-side session of a sign-in, with what the admin's session list shows:
 * the browser and, when the server in front of Next sets it, the client address.
 */
export async function openSignInSession(userId: string): Promise<string> {
  let userAgent: string | null = null;
  let clientAddress: string | null = null;
  try {
    const h = await headers();
    userAgent = h.get('user-agent');
    // Set from the socket by scripts/start.mjs (which drops any copy the client sent).
    clientAddress = h.get('x-kesu-client-ip');
  } catch {
    // Outside a request (not expected on a sign-in): the row is still valid without them.
  }
  return startSession(await getDb(), userId, { userAgent, clientAddress });
}

export async function closeSignInSession(sessionId: unknown): Promise<void> {
  if (typeof sessionId === 'string' && sessionId) await endSession(await getDb(), sessionId);
}
