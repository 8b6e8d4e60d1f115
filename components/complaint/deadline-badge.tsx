import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { WarningIcon } from '@/components/ui/icons';

/** Time left or overdue, in words and colour (never colour alone). */
export async function DeadlineBadge({ due, now = new Date() }: { due: Date | null; now?: Date }) {
  if (!due) return <span className="text-slate-600">—</span>;
  const [t, format] = await Promise.all([getTranslations('common.queue'), getFormat()]);
  const left = due.getTime() - now.getTime();
  if (left < 0) {
    return (
      <span className="rounded bg-red-100 px-2 py-0.5 text-sm font-medium text-red-800">
        <WarningIcon /> {t('overdueBy', { time: format.duration(left) })}
      </span>
    );
  }
  return <span className="text-sm text-slate-700">{t('dueIn', { time: format.duration(left) })}</span>;
}
