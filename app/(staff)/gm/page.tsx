import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { QueueDashboard } from '@/components/complaint/queue-page';

export default async function GeneralManagerPage() {
  const user = await requireStaff(['gm']);
  const t = await getTranslations('gm');
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <QueueDashboard user={user} />
    </div>
  );
}
