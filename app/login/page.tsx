import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { currentStaff, homeOf } from '@/lib/auth/session';
import { LocaleSwitch } from '@/components/ui/locale-switch';
import { LoginForm } from './login-form';

export async function generateMetadata() {
  const t = await getTranslations('login');
  return { title: t('title') };
}

export default async function LoginPage() {
  const user = await currentStaff();
  if (user) redirect(homeOf[user.role]);
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
        <LoginForm />
      </div>
      <p className="mt-4 text-center text-sm text-slate-600">
        <a className="underline" href="/submit">{t('customerLink')}</a>
      </p>
    </main>
  );
}
