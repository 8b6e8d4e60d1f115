import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import type { StaffUser } from '@/lib/auth/session';
import { findSimilarForms } from '@/lib/triage/similar-forms';

/**
 * The form page's similar complaints: the closest earlier forms by their words (any customer),
 * with their state and how they were settled. Nothing when there are none.
 */
export async function SimilarComplaints({ user, form }: { user: StaffUser; form: { id: string; siteId: string; receivedAt: Date; description: string; customerRequest: string | null } }) {
  const similar = await findSimilarForms(user, form);
  if (similar.length === 0) return null;
  const [t, wf, format] = await Promise.all([getTranslations('triage.similar'), getTranslations('workflow'), getFormat()]);
  return (
    <section aria-labelledby="similar-title" className="break-inside-avoid rounded border border-slate-200 bg-white p-4" data-testid="similar-complaints">
      <h2 id="similar-title" className="text-lg font-medium">{t('title')}</h2>
      <p className="mb-2 text-sm text-slate-600">{t('intro')}</p>
      <ul className="space-y-2 text-sm">
        {similar.map((f) => (
          <li key={f.number} data-testid="similar-complaint">
            <Link href={`/complaints/${f.number}`} className="font-mono text-blue-700 underline">{f.number}</Link>{' '}
            <span className="rounded bg-slate-100 px-1.5 py-0.5">{wf(`states.${f.status}` as never)}</span>{' '}
            <span className="text-slate-600">
              <span className="whitespace-nowrap">{t('received', { date: format.date(f.receivedAt) })}</span>
              {' · '}
              <span className="whitespace-nowrap">{t('score', { percent: Math.round(f.score * 100) })}</span>
            </span>
            <span className="block break-words text-slate-800">{f.description.length > 80 ? `${f.description.slice(0, 80)}…` : f.description}</span>
            {f.outcome && <span className="block break-words text-slate-600">{f.outcome.length > 120 ? `${f.outcome.slice(0, 120)}…` : f.outcome}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
