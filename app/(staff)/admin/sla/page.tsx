import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { loadPolicy } from '@/lib/admin/sla';
import { AdminNav } from '../_components/admin-nav';
import { SlaForm } from './sla-form';
import { InfoIcon } from '@/components/ui/icons';

export default async function SlaPage() {
  await requireStaff(['admin']);
  const policy = await loadPolicy();
  const t = await getTranslations('admin.sla');
  return (
    <>
      <AdminNav current="sla" />
      <h1 className="mb-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-2 max-w-3xl text-slate-700">{t('intro')}</p>
      <p className="mb-4 max-w-3xl rounded border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900" data-testid="sla-effective">
        <InfoIcon />{' '}
        {t('effective')}
      </p>
      <SlaForm policy={policy} />
    </>
  );
}
