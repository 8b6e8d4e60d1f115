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
