import 'server-only';
import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import type { ThrottleScope } from '@/lib/auth/throttle';

/** "…paused until 2026/12/1 14:05:30" in the reader's language and the portal's time zone. */
export async function lockedMessage(scope: ThrottleScope, until: Date): Promise<string> {
  const [t, format] = await Promise.all([getTranslations('login'), getFormat()]);
  const when = format.dateTimeSeconds(until);
  const key = ({ login: 'locked', pair: 'lockedPair', address: 'lockedAddress' } as const)[scope];
  return t(key, { until: when });
}
