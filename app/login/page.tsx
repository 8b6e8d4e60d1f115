import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { currentStaff, homeOf } from '@/lib/auth/session';
import { LocaleSwitch } from '@/components/ui/locale-switch';
import { lockOf } from '@/lib/auth/sign-in';
import { LoginForm } from './login-form';
import { lockedMessage } from './locked-message';

export async function generateMetadata() {
  const t = await getTranslations('login');
  return { title: t('title') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const user = await currentStaff();
  if (user) redirect(homeOf[user.role]);
  // Auth.js's own callback route sends a refused sign-in here with the lock in `code`.
  const lock = lockOf((await searchParams).code);
  const notice = lock ? await lockedMessage(lock.scope, lock.until) : undefined;
  const t = await getTranslations('login');
  const common = await getTranslations('common');
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <div className="mb-6 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{common('appName')}</h1>
        <LocaleSwitch />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="mb-4 text-lg font-medium">{t('title')}</h2>
        <LoginForm notice={notice} />
      </div>
      <p className="mt-4 text-center text-sm text-slate-600">
        <a className="underline" href="/submit">{t('customerLink')}</a>
      </p>
    </main>
  );
}
