import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from './locales';

type Messages = Record<string, unknown>;
const cache = new Map<Locale, Messages>();

/**
 * Messages live in messages/<locale>/<namespace>.json, one file per area, so that
 * features add their own namespace without touching a shared file.
 */
export function loadMessages(locale: Locale): Messages {
  const cached = cache.get(locale);
  if (cached && process.env.NODE_ENV === 'production') return cached;
  const dir = path.join(/* turbopackIgnore: true */ process.cwd(), 'messages', locale);
  const messages: Messages = {};
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    messages[file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  }
  cache.set(locale, messages);
  return messages;
}
