import { getTranslations } from 'next-intl/server';
import { crisisSignals } from '@/lib/triage/signals';

/**
 * A crisis badge on a form whose words carry a crisis signal of DESIGN §2a (a regulator, the
 * media, a spread post, a lawyer, customers acting together; never 报警灯, 报警 alone or a
 * negated mention). Read from the text each time: nothing is stored.
 */
export async function CrisisBadge({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  const signals = crisisSignals(text);
  if (signals.length === 0) return null;
  const t = await getTranslations('triage.crisis');
  return (
    <span className="ml-2 rounded bg-red-100 px-1 text-xs font-medium text-red-900" title={t('title')} data-testid="crisis-badge">
      {t('badge')}
    </span>
  );
}
