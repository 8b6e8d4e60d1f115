import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { LocaleSwitch } from '@/components/ui/locale-switch';

// Customers can add the complaint and tracking pages to their phone's home screen.
export const metadata = { manifest: '/manifest.webmanifest' };

// Customer pages: no account, phone first (360 px wide and up).
export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations('public.nav');
  const common = await getTranslations('common');
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-2xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/submit" className="text-lg font-semibold">{common('appName')}</Link>
          <nav aria-label={t('label')} className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <Link href="/submit" className="text-blue-800 underline-offset-2 hover:underline">{t('submit')}</Link>
            <Link href="/track" className="text-blue-800 underline-offset-2 hover:underline">{t('track')}</Link>
          </nav>
          <div className="ml-auto"><LocaleSwitch /></div>
        </div>
      </header>
      {/* No i18n provider here: /track's form gets its words as props, so that page ships no
          next-intl client; the pages whose forms translate in the browser (/submit, a tracking
          page's survey and message) wrap them in <ClientMessages part="public">. */}
      <main className="mx-auto max-w-2xl px-4 py-6">{children}</main>
      <footer className="mx-auto max-w-2xl px-4 pb-8 text-sm text-slate-600">
        <Link href="/login" className="underline">{t('staff')}</Link>
      </footer>
    </div>
  );
}
