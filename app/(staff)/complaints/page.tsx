import Link from '@/components/ui/link';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { requireStaff } from '@/lib/auth/session';
import { loadCalendar } from '@/lib/complaints/settings';
import { filtersToQuery, loadSearchChoices, parseSearchParams, searchComplaints, searchPageSize } from '@/lib/complaints/search';
import { DeadlineBadge } from '@/components/complaint/deadline-badge';
import { ComplaintAbout } from '@/components/complaint/complaint-about';
import { displayPhone } from '@/lib/i18n/phone';
import { channels, openStates, severities, states } from '@/lib/workflow';
import { CrisisBadge } from '@/components/triage/crisis-badge';
import { ExportLinks } from '@/components/ui/export-links';

export const metadata = { title: '查询 · Search' };

const inputClass = 'mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5';
const labelClass = 'block text-sm font-medium';

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Finance sees no forms at all (canSee); everybody else sees what visibleTo allows.
  const user = await requireStaff(['desk', 'department', 'management', 'gm', 'admin']);
  const { filters, after, before, invalid } = parseSearchParams(await searchParams);
  if (invalid) notFound();
  const now = new Date();
  const [calendar, choices, t, q, drillT, wf, format, locale] = await Promise.all([
    loadCalendar(),
    loadSearchChoices(user),
    getTranslations('search'),
    getTranslations('common.queue'),
    getTranslations('searchDrill'),
    getTranslations('workflow'),
    getFormat(),
    getLocale(),
  ]);
  const page = await searchComplaints(user, filters, { after, before, now, timeZone: calendar.timeZone });
  const en = locale === 'en';
  const base = filtersToQuery(filters);
  const pageHref = (key: 'after' | 'before', cursor: string) => `/complaints?${new URLSearchParams({ ...base, [key]: cursor })}`;

  const text = (name: keyof typeof filters & string, type = 'search', extra: Record<string, string> = {}) => (
    <div>
      <label htmlFor={`s-${name}`} className={labelClass}>{t(name)}</label>
      <input id={`s-${name}`} name={name} type={type} defaultValue={(filters[name] as string | undefined) ?? ''} className={inputClass} {...extra} />
    </div>
  );
  const select = (name: 'state' | 'department' | 'category' | 'severity', options: { value: string; text: string }[]) => (
    <div>
      <label htmlFor={`s-${name}`} className={labelClass}>{t(name)}</label>
      <select id={`s-${name}`} name={name} defaultValue={filters[name] ?? ''} className={inputClass}>
        <option value="">{t('any')}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.text}</option>)}
      </select>
    </div>
  );

  const drill = [
    filters.handler && { name: 'handler', value: filters.handler, text: drillT('handler', { name: choices.handlers.find((h) => h.id === filters.handler)?.name ?? '—' }) },
    filters.site && { name: 'site', value: filters.site, text: drillT('site', { name: choices.sites.find((x) => x.id === filters.site)?.name ?? '—' }) },
    filters.founded && { name: 'founded', value: filters.founded, text: drillT(`founded.${filters.founded}`) },
    filters.repeat && { name: 'repeat', value: '1', text: drillT('repeat') },
    filters.satisfaction && { name: 'satisfaction', value: String(filters.satisfaction), text: drillT('satisfaction', { n: filters.satisfaction }) },
    filters.cause && { name: 'cause', value: filters.cause, text: drillT('cause', { cause: filters.cause }) },
    filters.late && {
      name: 'late',
      value: filters.late,
      text: drillT('late', { step: wf(`states.${filters.late}`), from: filters.lateFrom ? format.day(filters.lateFrom) : '…', to: filters.lateTo ? format.day(filters.lateTo) : '…' }),
    },
  ].filter((x): x is { name: string; value: string; text: string } => !!x);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>

      {/* A plain GET form: the filters live in the URL, and it works without JavaScript. */}
      <form method="get" action="/complaints" role="search" aria-labelledby="search-filters" className="space-y-4 rounded border border-slate-200 bg-white p-4">
        <h2 id="search-filters" className="text-lg font-medium">{t('filters')}</h2>
        <div>
          <label htmlFor="s-q" className={labelClass}>{t('q')}</label>
          <input id="s-q" name="q" type="search" defaultValue={filters.q ?? ''} aria-describedby="s-q-hint" className={inputClass} />
          <p id="s-q-hint" className="mt-1 text-xs text-slate-600">{t('qHint')}</p>
        </div>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {text('number', 'search', { autoComplete: 'off' })}
          {text('name')}
          {text('phone', 'search', { inputMode: 'tel' })}
          {text('plate')}
          {select('state', states.map((s) => ({ value: s, text: wf(`states.${s}`) })))}
          {select('department', choices.departments.map((d) => ({ value: d.id, text: en ? d.nameEn : d.name })))}
          {select('category', choices.categories.map((c) => ({ value: c.code, text: en ? c.nameEn : c.name })))}
          {select('severity', severities.map((s) => ({ value: s, text: wf(`severities.${s}`) })))}
          <div>
            <label htmlFor="s-channel" className={labelClass}>{drillT('channel')}</label>
            <select id="s-channel" name="channel" defaultValue={filters.channel ?? ''} className={inputClass}>
              <option value="">{t('any')}</option>
              {channels.map((c) => <option key={c} value={c}>{wf(`channels.${c}`)}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="s-stage" className={labelClass}>{drillT('stage')}</label>
            <select id="s-stage" name="stage" defaultValue={filters.stage ?? ''} className={inputClass}>
              <option value="">{t('any')}</option>
              {(['open', 'closed'] as const).map((s) => <option key={s} value={s}>{drillT(`stages.${s}`)}</option>)}
            </select>
          </div>
          {text('from', 'date')}
          {text('to', 'date')}
          <div className="flex items-end gap-2 sm:col-span-2">
            <input id="s-overdue" name="overdue" type="checkbox" value="1" defaultChecked={filters.overdue} className="mb-2 h-4 w-4" />
            <label htmlFor="s-overdue" className="mb-1 text-sm">{t('overdue')}</label>
          </div>
        </div>
        {/* The dashboard's drill-downs narrow by more than the form offers: kept, and said. */}
        {drill.length > 0 && (
          <p className="text-sm text-slate-700" data-testid="drill-filters">
            {drillT('fromDashboard')} {format.list(drill.map((d) => d.text))}
            {drill.map((d) => <input key={d.name} type="hidden" name={d.name} value={d.value} />)}
            {filters.late && filters.lateFrom && <input type="hidden" name="lateFrom" value={filters.lateFrom} />}
            {filters.late && filters.lateTo && <input type="hidden" name="lateTo" value={filters.lateTo} />}
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t('submit')}</button>
          <Link href="/complaints" className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100">{t('reset')}</Link>
        </div>
      </form>

      <section aria-labelledby="search-results" data-testid="search-results">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="search-results" className="text-lg font-medium">{t('results')}</h2>
          {page.rows.length > 0 && <ExportLinks href={`/export/search?${new URLSearchParams(base)}`} />}
        </div>
        <p className="mb-2 text-sm text-slate-600">{t('resultsHint', { size: searchPageSize })} <span aria-live="polite">{t('shown', { count: page.rows.length })}</span></p>
        {page.rows.length === 0 ? (
          <p className="text-slate-700">{t('empty')}</p>
        ) : (
          <DataTable cards columns={(['number', 'state', 'customer', 'about', 'subject', 'department', 'receivedAt', 'due'] as const).map((c) => t(`columns.${c}`))}>
            <tbody>
              {page.rows.map((row) => (
                <Row key={row.id} className={row.overdue ? 'bg-red-50' : ''}>
                  <Cell className="font-mono whitespace-nowrap">
                    <Link href={`/complaints/${row.number}`} className="text-blue-700 underline">{row.number}</Link>
                    {row.major && <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900">{wf('major')}</span>}
                    {row.repeat && <span className="ml-2 rounded bg-orange-100 px-1 text-xs text-orange-900" title={q('repeatTitle')} data-testid="repeat-badge">{q('repeat')}</span>}
                    <CrisisBadge crisis={row.crisis} />
                  </Cell>
                  <Cell>
                    {wf(`states.${row.status}`)}
                    <span className="ml-1 text-xs text-slate-600">{wf(`severities.${row.severity}`)}</span>
                  </Cell>
                  <Cell>{row.customerName}<br /><span className="whitespace-nowrap text-slate-600">{displayPhone(row.customerPhone)}</span></Cell>
                  <Cell className="sm:min-w-48"><ComplaintAbout row={row} /></Cell>
                  <Cell>{row.subject ?? '—'}</Cell>
                  <Cell>{(en ? row.departmentNameEn : row.departmentName) ?? '—'}</Cell>
                  <Cell className="whitespace-nowrap">{format.dateTime(row.receivedAt)}</Cell>
                  <Cell>{openStates.includes(row.status) ? <DeadlineBadge due={row.stepDueAt} now={now} /> : '—'}</Cell>
                </Row>
              ))}
            </tbody>
          </DataTable>
        )}
        {(page.previous || page.next) && (
          <nav aria-label={t('pages')} className="mt-3 flex gap-3">
            {page.previous ? (
              <Link href={pageHref('before', page.previous)} rel="prev" className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">← {t('previous')}</Link>
            ) : null}
            {page.next ? (
              <Link href={pageHref('after', page.next)} rel="next" className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">{t('next')} →</Link>
            ) : null}
          </nav>
        )}
      </section>
    </div>
  );
}
