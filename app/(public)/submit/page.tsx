import crypto from 'node:crypto';
import { getLocale, getTranslations } from 'next-intl/server';
import { isLocale } from '@/lib/i18n/locales';
import { loadPublicCategories } from '@/lib/public/submit';
import { ClientMessages } from '@/components/ui/client-messages';
import { SubmitForm } from './submit-form';

export async function generateMetadata() {
  const t = await getTranslations('public.submit');
  return { title: t('title') };
}

export default async function SubmitPage() {
  const t = await getTranslations('public.submit');
  const locale = await getLocale();
  const options = await loadPublicCategories(isLocale(locale) ? locale : 'zh-CN');
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-slate-700">{t('intro')}</p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        {/* A fresh key per page view: a double submit of this form creates one complaint. */}
        <ClientMessages part="public">
          <SubmitForm categories={options} idempotencyKey={crypto.randomUUID()} />
        </ClientMessages>
      </div>
    </>
  );
}
