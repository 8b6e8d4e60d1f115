import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { countSites } from '@/lib/admin/setup';
import { PageHeader } from '@/components/ui/section';

export const adminSections = ['departments', 'categories', 'staff', 'sla', 'calendar', 'progress', 'triage', 'retention', 'outbox', 'webhooks', 'security', 'audit', 'sites', 'api-keys'] as const;
export type AdminSection = (typeof adminSections)[number];

/** A single dealership has one site and never hears of sites (DESIGN §4); a group sees the section. */
export async function visibleAdminSections(): Promise<AdminSection[]> {
  const many = (await countSites()) > 1;
  return adminSections.filter((s) => s !== 'sites' || many);
}

/** The admin area's sub-navigation; `current` is marked for screen readers too. */
export async function AdminNav({ current }: { current?: AdminSection }) {
  const t = await getTranslations('admin');
  const sections = await visibleAdminSections();
  return (
    <nav aria-label={t('sections')} className="mb-4 flex flex-wrap gap-x-4 gap-y-1 border-b border-slate-200 pb-2 text-sm">
      <Link href="/admin" className="text-blue-700 underline">{t('title')}</Link>
      {sections.map((s) => (
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

/**
 * An admin screen: the admin navigation (`nav`: false for a reader who is not an admin), the title,
 * what the screen is for, and a `lead` under it (a note, a list of points).
 */
export function AdminScreen({ current, nav = true, title, intro, lead, children }: { current: AdminSection; nav?: boolean; title: string; intro: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <>
      {nav && <AdminNav current={current} />}
      <PageHeader title={title} intro={intro}>{lead}</PageHeader>
      {children}
    </>
  );
}
