import { getTranslations } from 'next-intl/server';

function span(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Time left or overdue, in words and colour (never colour alone). */
export async function DeadlineBadge({ due, now = new Date() }: { due: Date | null; now?: Date }) {
  if (!due) return <span className="text-slate-600">—</span>;
  const t = await getTranslations('common.queue');
  const left = due.getTime() - now.getTime();
  if (left < 0) {
    return (
      <span className="rounded bg-red-100 px-2 py-0.5 text-sm font-medium text-red-800">
        ⚠ {t('overdueBy', { time: span(left) })}
      </span>
    );
  }
  return <span className="text-sm text-slate-700">{t('dueIn', { time: span(left) })}</span>;
}
