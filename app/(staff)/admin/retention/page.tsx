import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { loadRetentionYears } from '@/lib/privacy';
import { AdminNav } from '../_components/admin-nav';
import { RetentionForm } from './retention-form';
import { PageHeader } from '@/components/ui/section';

export default async function RetentionPage() {
  await requireStaff(['admin']);
  const years = await loadRetentionYears();
  const t = await getTranslations('privacy.retention');
  return (
    <>
      <AdminNav current="retention" />
      <PageHeader title={t('title')} intro={t('intro')}>
        <ul className="mb-4 max-w-3xl list-disc space-y-1 pl-5 text-sm text-slate-700">
          {(['kept', 'replaced', 'held'] as const).map((k) => <li key={k}>{t(k)}</li>)}
        </ul>
      </PageHeader>
      <RetentionForm years={years} />
    </>
  );
}
