import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { QueueDashboard } from '@/components/complaint/queue-page';

export default async function ManagementPage() {
  const user = await requireStaff(['management']);
  const t = await getTranslations('common');
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">{t('nav.management')}</h1>
      <QueueDashboard user={user} />
    </>
  );
}
