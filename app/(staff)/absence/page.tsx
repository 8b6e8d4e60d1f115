import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { loadOwnAbsence } from '@/lib/cover/absence';
import { PageHeader } from '@/components/ui/section';
import { AbsenceForm } from '@/components/promises/absence-form';

export default async function AbsencePage() {
  const user = await requireStaff();
  const [absentThrough, t] = await Promise.all([loadOwnAbsence(user), getTranslations('promises.absence')]);
  return (
    <>
      <PageHeader title={t('title')} intro={t('intro')} />
      <AbsenceForm absentThrough={absentThrough} />
    </>
  );
}
