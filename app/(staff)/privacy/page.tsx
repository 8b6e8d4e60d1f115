import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { personDataRoles } from '@/lib/privacy/who';
import { PersonData } from './person-data';

export default async function PrivacyPage() {
  const user = await requireStaff(personDataRoles);
  const t = await getTranslations('privacy');
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-4 max-w-3xl text-slate-700">{t('intro')}</p>
      {user.role === 'admin' && (
        <p className="mb-4 text-sm">
          <Link href="/holds" className="text-blue-700 underline">{t('holds.title')}</Link>
          {' · '}
          <Link href="/admin/retention" className="text-blue-700 underline">{t('retention.title')}</Link>
        </p>
      )}
      <PersonData />
    </>
  );
}
