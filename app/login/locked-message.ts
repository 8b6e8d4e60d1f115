import 'server-only';
import { getFormatter, getTranslations } from 'next-intl/server';

/** "…paused until 2026/12/1 14:05:30" in the reader's language and the portal's time zone. */
export async function lockedMessage(scope: 'login' | 'address', until: Date): Promise<string> {
  const [t, format] = await Promise.all([getTranslations('login'), getFormatter()]);
  const when = format.dateTime(until, { dateStyle: 'short', timeStyle: 'medium' });
  return scope === 'login' ? t('locked', { until: when }) : t('lockedAddress', { until: when });
}
