import 'server-only';
import type { Tx } from '@/db/client';
import { recordAudit } from '@/lib/admin/audit';
import type { PersonKey } from './schemas';

/**
 * What the audit log records of the key a person was looked up by: enough for a reader to tell
 * two requests apart, not the data itself ("+86138****8001", "l***@example.com", "刘**").
 */
export function maskKey(key: PersonKey): string {
  const chars = [...key.value];
  if (key.kind === 'phone') return chars.length > 8 ? `${chars.slice(0, 6).join('')}****${chars.slice(-4).join('')}` : '****';
  if (key.kind === 'email') {
    const at = key.value.lastIndexOf('@');
    return at > 0 ? `${key.value[0]}***${key.value.slice(at)}` : '***';
  }
  return `${chars[0]}${'*'.repeat(Math.max(1, Math.min(chars.length - 1, 4)))}`;
}

/**
 * Appends a look-up, export or erasure of a person's data to the audit log: the forms it
 * touched and a masked key, never the personal data itself.
 */
export async function recordPersonAct(
  tx: Tx,
  viewer: { id: string; siteId: string | null },
  action: 'person.find' | 'person.export' | 'person.erase',
  key: PersonKey,
  detail: { forms: string[]; files?: number },
): Promise<void> {
  await recordAudit(tx, { actorUserId: viewer.id, siteId: viewer.siteId, action, targetType: 'person', targetLabel: maskKey(key), after: { kind: key.kind, ...detail } });
}
