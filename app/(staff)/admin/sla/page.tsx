import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { loadPolicy } from '@/lib/admin/sla';
import { AdminScreen } from '../_components/admin-nav';
import { SlaForm } from './sla-form';
import { InfoNote } from '@/components/ui/section';

export default async function SlaPage() {
  await requireStaff(['admin']);
  const [policy, t] = await Promise.all([loadPolicy(), getTranslations('admin.sla')]);
  return (
    <AdminScreen current="sla" title={t('title')} intro={t('intro')} lead={<InfoNote testId="sla-effective">{t('effective')}</InfoNote>}>
      <SlaForm policy={policy} />
    </AdminScreen>
  );
}
