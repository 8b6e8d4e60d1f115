import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { loadProgressSettings } from '@/lib/promises/settings';
import { AdminScreen } from '../_components/admin-nav';
import { ProgressForm } from './progress-form';

export default async function ProgressSettingsPage() {
  const user = await requireStaff(['admin']);
  const [settings, t] = await Promise.all([loadProgressSettings(user), getTranslations('promises.admin')]);
  return (
    <AdminScreen current="progress" title={t('title')} intro={t('intro')}>
      <ProgressForm autoSendAt={settings.autoSendAt} />
    </AdminScreen>
  );
}
