import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';

export default async function Forbidden() {
  const t = await getTranslations('common.errors');
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">403 · {t('forbiddenTitle')}</h1>
      <p className="mt-2 text-slate-600">{t('forbiddenBody')}</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">{t('backHome')}</Link>
    </main>
  );
}
