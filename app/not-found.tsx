import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('common.errors');
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">404</h1>
      <p className="mt-2 text-slate-600">{t('notFound')}</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">{t('backHome')}</Link>
    </main>
  );
}
