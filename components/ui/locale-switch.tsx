import { getLocale } from 'next-intl/server';
import { setLocaleAction } from '@/lib/i18n/actions';

const labels = { 'zh-CN': '中文', en: 'English' } as const;

export async function LocaleSwitch() {
  const current = await getLocale();
  return (
    <form action={setLocaleAction} className="flex gap-1 text-sm no-print">
      {(Object.keys(labels) as (keyof typeof labels)[]).map((locale) => (
        <button key={locale} type="submit" name="locale" value={locale} lang={locale}
          aria-pressed={current === locale}
          className={`whitespace-nowrap rounded px-2 py-1 ${current === locale ? 'bg-slate-800 text-white' : 'text-slate-700 underline'}`}>
          {labels[locale]}
        </button>
      ))}
    </form>
  );
}
