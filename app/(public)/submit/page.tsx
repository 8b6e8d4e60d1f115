import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { categories } from '@/db/schema';
import { SubmitForm } from './submit-form';

export async function generateMetadata() {
  const t = await getTranslations('public.submit');
  return { title: t('title') };
}

export default async function SubmitPage() {
  const t = await getTranslations('public.submit');
  const locale = await getLocale();
  const db = await getDb();
  const rows = await db.select({ code: categories.code, name: categories.name, nameEn: categories.nameEn }).from(categories).where(eq(categories.active, true)).orderBy(asc(categories.name));
  // 'other' last; the rest in the order of the locale's labels.
  const options = rows
    .map((c) => ({ code: c.code, label: locale === 'en' ? c.nameEn : c.name }))
    .sort((a, b) => (a.code === 'other' ? 1 : b.code === 'other' ? -1 : a.label.localeCompare(b.label, locale)));
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-slate-700">{t('intro')}</p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        {/* A fresh key per page view: a double submit of this form creates one complaint. */}
        <SubmitForm categories={options} idempotencyKey={crypto.randomUUID()} />
      </div>
    </>
  );
}
