import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { getFormat } from '@/lib/i18n/get-format';
import { legalHoldRoles, listLegalHolds } from '@/lib/privacy';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader, Section } from '@/components/ui/section';
import { LiftHoldButton, PlaceHoldForm } from './hold-forms';

export default async function HoldsPage() {
  const user = await requireStaff(legalHoldRoles);
  const [t, wf, fmt] = await Promise.all([getTranslations('privacy.holds'), getTranslations('workflow'), getFormat()]);
  const holds = await listLegalHolds(user);
  return (
    <>
      <PageHeader title={t('title')} intro={t('intro')} />
      <Section id="holds-place" title={t('place')} className="max-w-3xl">
        <PlaceHoldForm />
      </Section>
      <Section id="holds-list" title={t('current')} spacing="none">
        {holds.length === 0 ? (
          <EmptyState>{t('none')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white" data-testid="holds">
            {holds.map((h) => (
              <li key={h.number} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-3 py-2 text-sm">
                <Link href={`/complaints/${h.number}`} className="font-medium text-blue-700 underline">{h.number}</Link>
                <span>{wf(`states.${h.status}`)}</span>
                <span className="min-w-0 flex-1 basis-48 break-words">{h.reason}</span>
                <span className="text-slate-600">{t('since', { at: fmt.date(h.since!), by: h.byName ?? '—' })}</span>
                <LiftHoldButton number={h.number} />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
