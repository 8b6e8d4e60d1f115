import Link from '@/components/ui/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { inputClass } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { channels, severities } from '@/lib/workflow';
import { presets, type DashboardFilters, type Period } from '@/lib/reports/period';
import type { loadDashboardChoices } from '@/lib/reports/dashboard';

type Choices = Awaited<ReturnType<typeof loadDashboardChoices>>;

const label = 'block text-sm font-medium';

/** The period and breakdown filters: a plain GET form, so the view lives in the URL and works without JavaScript. */
export async function DashboardFiltersForm({ period, filters, choices, moneyOnly }: { period: Period; filters: DashboardFilters; choices: Choices; moneyOnly: boolean }) {
  const [t, wf, locale] = await Promise.all([getTranslations('dashboard'), getTranslations('workflow'), getLocale()]);
  const en = locale === 'en';
  const select = (name: keyof DashboardFilters, options: { value: string; label: string }[]) => (
    <div>
      <label htmlFor={`d-${name}`} className={label}>{t(name)}</label>
      <Select id={`d-${name}`} name={name} defaultValue={filters[name] ?? ''} blank={name === 'site' ? t('allSites') : t('any')} choices={options} />
    </div>
  );
  return (
    <form method="get" action="/reports" className="no-print mb-6 space-y-3 rounded border border-slate-200 bg-white p-4" aria-label={t('period')}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor="d-period" className={label}>{t('period')}</label>
          <Select id="d-period" name="period" defaultValue={period.preset} choices={presets.map((p) => ({ value: p, label: t(`presets.${p}`) }))} />
        </div>
        <div>
          <label htmlFor="d-month" className={label}>{t('month')}</label>
          <input id="d-month" name="month" type="month" defaultValue={period.preset === 'month' ? period.from.slice(0, 7) : ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="d-from" className={label}>{t('from')}</label>
          <input id="d-from" name="from" type="date" defaultValue={period.preset === 'custom' ? period.from : ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="d-to" className={label}>{t('to')}</label>
          <input id="d-to" name="to" type="date" defaultValue={period.preset === 'custom' ? period.to : ''} className={inputClass} />
        </div>
        {choices.sites.length > 0 && select('site', choices.sites.map((s) => ({ value: s.id, label: s.name })))}
        {select('category', choices.categories.map((c) => ({ value: c.code, label: en ? c.nameEn : c.name })))}
        {select('department', choices.departments.map((d) => ({ value: d.id, label: en ? d.nameEn : d.name })))}
        {!moneyOnly && select('handler', choices.handlers.map((h) => ({ value: h.id, label: h.name })))}
        {select('channel', channels.map((c) => ({ value: c, label: wf(`channels.${c}`) })))}
        {select('severity', severities.map((s) => ({ value: s, label: wf(`severities.${s}`) })))}
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t('show')}</button>
        <Link href="/reports" className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100">{t('reset')}</Link>
      </div>
    </form>
  );
}
