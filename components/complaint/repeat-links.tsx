import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import type { StaffUser } from '@/lib/auth/session';
import { loadRepeatLinks, repeatDays, type LinkedForm } from '@/lib/complaints/repeats';

/**
 * The form page's repeat-complaint section (DESIGN §2): the earlier forms of the same customer
 * this one was linked to at intake, and the later ones linked to it. Nothing when there are none.
 */
export async function RepeatLinks({ user, complaintId }: { user: StaffUser; complaintId: string }) {
  const links = await loadRepeatLinks(user, complaintId);
  if (links.earlier.length === 0 && links.later.length === 0) return null;
  const [t, wf, format] = await Promise.all([getTranslations('form.repeats'), getTranslations('workflow'), getFormat()]);
  const list = (forms: LinkedForm[], title: string, id: string) =>
    forms.length > 0 && (
      <div>
        <h3 id={id} className="text-sm font-medium text-slate-700">{title}</h3>
        <ul aria-labelledby={id} className="mt-1 space-y-1 text-sm">
          {forms.map((f) => (
            <li key={f.number} data-testid="repeat-link">
              <Link href={`/complaints/${f.number}`} className="font-mono text-blue-700 underline">{f.number}</Link>{' '}
              <span className="rounded bg-slate-100 px-1.5 py-0.5">{wf(`states.${f.status}`)}</span>{' '}
              <span className="text-slate-600">
                <span className="whitespace-nowrap">{t('received', { date: format.date(f.receivedAt) })}</span>
                {' · '}
                <span className="whitespace-nowrap">{f.reasons.map((r) => t(`reasons.${r}`)).join('、')}</span>
              </span>
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <section aria-labelledby="repeats-title" className="break-inside-avoid rounded border border-orange-300 bg-orange-50 p-4" data-testid="repeat-links">
      <h2 id="repeats-title" className="text-lg font-medium">{t('title')}</h2>
      <p className="mb-2 text-sm text-slate-700">{t('intro', { days: repeatDays() })}</p>
      <div className="space-y-3">
        {list(links.earlier, t('earlier'), 'repeats-earlier')}
        {list(links.later, t('later'), 'repeats-later')}
      </div>
    </section>
  );
}
