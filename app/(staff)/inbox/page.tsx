import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { requireStaff } from '@/lib/auth/session';
import { listInbox } from '@/lib/notify/inbox';

export default async function InboxPage() {
  const user = await requireStaff();
  const [t, format, locale] = await Promise.all([getTranslations('inbox'), getFormat(), getLocale()]);
  const notices = await listInbox(user.id, locale);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      {notices.length === 0 ? (
        <p className="text-slate-600">{t('empty')}</p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded border border-slate-200 bg-white" data-testid="inbox">
          {notices.map((n) => (
            <li key={n.id} className="px-4 py-3">
              <div className="flex flex-wrap items-baseline gap-x-3">
                <span className="font-medium">{n.subject}</span>
                <span className="text-xs text-slate-600">{format.dateTime(n.at)}</span>
                {n.number && <Link href={`/complaints/${n.number}`} className="font-mono text-sm text-blue-700 underline">{n.number}</Link>}
              </div>
              <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{n.text.split('\n').filter((line) => !line.includes('http')).join('\n')}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
