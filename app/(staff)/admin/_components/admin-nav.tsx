import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export const adminSections = ['outbox', 'sla', 'calendar', 'staff', 'security'] as const;

/** The admin area's sub-navigation; `current` is marked for screen readers too. */
export async function AdminNav({ current }: { current?: (typeof adminSections)[number] }) {
  const t = await getTranslations('admin');
  return (
    <nav aria-label={t('sections')} className="mb-4 flex flex-wrap gap-x-4 gap-y-1 border-b border-slate-200 pb-2 text-sm">
      <Link href="/admin" className="text-blue-700 underline">{t('title')}</Link>
      {adminSections.map((s) => (
        <Link
          key={s}
          href={`/admin/${s}`}
          aria-current={current === s ? 'page' : undefined}
          className={current === s ? 'font-semibold text-slate-900 underline decoration-2' : 'text-blue-700 underline'}
        >
          {t(`nav.${s}`)}
        </Link>
      ))}
    </nav>
  );
}
