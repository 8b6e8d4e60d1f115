import { getLocale, getTranslations } from 'next-intl/server';
import { InfoNote } from '@/components/ui/section';

/** Names what leads to a department nobody can act for (its forms would sit there); nothing when all is staffed. */
export async function UnstaffedWarning({ message, names }: { message: 'unstaffedList' | 'unstaffedCategories'; names: string[] }) {
  if (names.length === 0) return null;
  const [t, locale] = await Promise.all([getTranslations('admin.setup'), getLocale()]);
  return (
    <InfoNote tone="warning" testId="unstaffed-warning">
      {t(message, { count: names.length, names: names.join(locale === 'en' ? ', ' : '、') })}
    </InfoNote>
  );
}
