import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { QueueDashboard } from '@/components/complaint/queue-page';

export default async function DepartmentPage() {
  const user = await requireStaff(['department']);
  const t = await getTranslations('common');
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">{t('nav.department')}</h1>
      <QueueDashboard user={user} />
    </>
  );
}
