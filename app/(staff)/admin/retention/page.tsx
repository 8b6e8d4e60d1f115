import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { loadRetentionYears } from '@/lib/privacy';
import { AdminNav } from '../_components/admin-nav';
import { RetentionForm } from './retention-form';

export default async function RetentionPage() {
  await requireStaff(['admin']);
  const years = await loadRetentionYears();
  const t = await getTranslations('privacy.retention');
  return (
    <>
      <AdminNav current="retention" />
      <h1 className="mb-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-2 max-w-3xl text-slate-700">{t('intro')}</p>
      <ul className="mb-4 max-w-3xl list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>{t('kept')}</li>
        <li>{t('replaced')}</li>
        <li>{t('held')}</li>
      </ul>
      <RetentionForm years={years} />
    </>
  );
}
