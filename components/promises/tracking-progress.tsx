import { getTranslations } from 'next-intl/server';
import type { Format } from '@/lib/i18n/format';
import { loadPublicProgress } from '@/lib/promises/public';

/**
 * On the tracking page (issue 21): when the customer was last told anything, and the promises
 * staff marked as customer-visible with their due time and whether they were kept.
 */
export async function TrackingProgress({ token, format }: { token: string; format: Format }) {
  const [progress, t] = await Promise.all([loadPublicProgress(token), getTranslations('promises.tracking')]);
  if (!progress) return null;
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="public-progress">
      <p className="text-sm">
        <span className="text-slate-600">{format.labelled(t('lastUpdated'), '')}</span>
        <time dateTime={progress.lastUpdatedAt.toISOString()} data-testid="last-updated">{format.dateTime(progress.lastUpdatedAt)}</time>
      </p>
      {progress.promises.length > 0 && (
        <section aria-labelledby="promises-title">
          <h2 id="promises-title" className="mt-3 text-lg font-semibold">{t('promisesTitle')}</h2>
          <ul className="mt-2 space-y-2" data-testid="public-promises">
            {progress.promises.map((p, i) => (
              <li key={i} className="rounded border border-slate-200 p-2">
                <p>{p.what}</p>
                <p className="text-sm text-slate-600">
                  {t('due', { at: format.dateTime(p.dueAt) })} · {t(p.outcome ?? 'open')}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
