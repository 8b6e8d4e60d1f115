import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { loadIntakeChoices } from '@/lib/complaints/intake';
import { IntakeForm } from '@/components/complaint/intake-form';
import { QueueDashboard } from '@/components/complaint/queue-page';

export default async function DeskPage() {
  const user = await requireStaff(['desk']);
  const [t, choices] = await Promise.all([getTranslations('desk'), loadIntakeChoices(user)]);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <IntakeForm categories={choices.categories} staff={choices.staff} />
      <QueueDashboard user={user} />
    </div>
  );
}
