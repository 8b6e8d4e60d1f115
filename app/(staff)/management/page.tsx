import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { listOwnedForms } from '@/lib/complaints/queues';
import { QueueByState } from '@/components/complaint/queue-table';

export default async function ManagementPage() {
  const user = await requireStaff(['management']);
  const t = await getTranslations('common');
  const now = new Date();
  const rows = await listOwnedForms(user, now);
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">{t('nav.management')}</h1>
      <QueueByState rows={rows} now={now} />
    </>
  );
}
