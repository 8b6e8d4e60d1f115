import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { loadRetentionYears } from '@/lib/privacy';
import { AdminScreen } from '../_components/admin-nav';
import { RetentionForm } from './retention-form';

/** What happens at the end of the retention period, point by point. */
function Points({ items }: { items: string[] }) {
  return (
    <ul className="mb-4 max-w-3xl list-disc space-y-1 pl-5 text-sm text-slate-700">
      {items.map((item) => <li key={item}>{item}</li>)}
    </ul>
  );
}

export default async function RetentionPage() {
  await requireStaff(['admin']);
  const [years, t] = await Promise.all([loadRetentionYears(), getTranslations('privacy.retention')]);
  return (
    <AdminScreen current="retention" title={t('title')} intro={t('intro')} lead={<Points items={[t('kept'), t('replaced'), t('held')]} />}>
      <RetentionForm years={years} />
    </AdminScreen>
  );
}
