import { getTranslations } from 'next-intl/server';
import { TrackForm, type TrackFormTexts } from './track-form';

export async function generateMetadata() {
  const t = await getTranslations('public.track');
  return { title: t('title'), robots: { index: false } };
}

export default async function TrackPage() {
  const t = await getTranslations('public.track');
  const keys = ['number', 'numberHint', 'code', 'codeHint', 'required', 'failed', 'checking', 'submit'] as const;
  const texts = Object.fromEntries(keys.map((k) => [k, t(k)])) as TrackFormTexts;
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-slate-700">{t('intro')}</p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <TrackForm texts={texts} />
      </div>
    </>
  );
}
