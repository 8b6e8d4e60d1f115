import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { currentStaff } from '@/lib/auth/session';
import { nextYearWarning } from '@/lib/calendar/years';
import { InfoNote } from '@/components/ui/section';

/** On every admin page from November on: next year's business calendar is not confirmed yet (issue 21). */
export async function NextYearWarning() {
  const user = await currentStaff();
  const warning = user ? await nextYearWarning(user) : null;
  if (!warning) return null;
  const t = await getTranslations('calendar');
  return (
    <InfoNote tone="warning" testId="next-year-warning">
      {t('warning', { year: warning.year })} {warning.covered ? t('warningCovered') : t('warningNotCovered', { year: warning.year })}{' '}
      <Link href={`/admin/calendar?year=${warning.year}`} className="underline">{t('warningLink')}</Link>
    </InfoNote>
  );
}
