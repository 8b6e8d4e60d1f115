import { getTranslations } from 'next-intl/server';

/**
 * The crisis badge of a form flagged as a public-opinion crisis (DESIGN §2a): the stored flag
 * (lib/triage/crisis.ts), set at intake by the desk or the screening, or later by the desk.
 */
export async function CrisisBadge({ crisis }: { crisis: boolean }) {
  if (!crisis) return null;
  const t = await getTranslations('triage.crisis');
  return (
    <span className="ml-2 rounded bg-red-100 px-1 text-xs font-medium text-red-900" title={t('title')} data-testid="crisis-badge">
      {t('badge')}
    </span>
  );
}
