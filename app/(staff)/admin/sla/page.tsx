import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { loadPolicy } from '@/lib/admin/sla';
import { AdminNav } from '../_components/admin-nav';
import { SlaForm } from './sla-form';
import { InfoNote, PageHeader } from '@/components/ui/section';

export default async function SlaPage() {
  await requireStaff(['admin']);
  const policy = await loadPolicy();
  const t = await getTranslations('admin.sla');
  return (
    <>
      <AdminNav current="sla" />
      <PageHeader title={t('title')} intro={t('intro')}>
        <InfoNote testId="sla-effective">{t('effective')}</InfoNote>
      </PageHeader>
      <SlaForm policy={policy} />
    </>
  );
}
