import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { requireStaff } from '@/lib/auth/session';
import { loadCalendar } from '@/lib/complaints/settings';
import { dashboardRoles, loadDashboard, loadDashboardChoices } from '@/lib/reports/dashboard';
import { parseDashboardParams } from '@/lib/reports/period';
import { drillHref, type Drill } from '@/lib/reports/drill';
import { complianceChart, departmentChart, satisfactionChart, volumeChart } from '@/lib/reports/charts';
import { PageHeader, Section } from '@/components/ui/section';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { DashboardFiltersForm } from './filters-form';
import { MoneySections } from './money-sections';

export const metadata = { title: '统计报表 · Reports' };

/** A chart drawn on the server (lib/reports/charts.ts): an image to the reader, its figures in the table next to it. */
function Chart({ svg, label, testId }: { svg: string; label: string; testId: string }) {
  return <figure role="img" aria-label={label} data-testid={testId} className="mb-3 max-w-3xl [&_svg]:h-auto [&_svg]:w-full" dangerouslySetInnerHTML={{ __html: svg }} />;
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff(dashboardRoles);
  const now = new Date();
  const calendar = await loadCalendar();
  const { period, filters, invalid } = parseDashboardParams(await searchParams, now, calendar.timeZone);
  // A month or day that names no real date (e.g. 9999-12) is a tampered link.
  if (invalid) notFound();
  const [t, reports, wf, format, locale, choices, data, tc] = await Promise.all([
    getTranslations('dashboard'),
    getTranslations('reports'),
    getTranslations('workflow'),
    getFormat(),
    getLocale(),
    loadDashboardChoices(user),
    loadDashboard(user, period, filters, { now, timeZone: calendar.timeZone }),
    getTranslations('triage.crisisFlag'),
  ]);
  const en = locale === 'en';
  const showing = t('showing', { from: format.day(period.from), to: format.day(period.to), prevFrom: format.day(period.previous.from), prevTo: format.day(period.previous.to) });

  if (data.moneyOnly) {
    return (
      <div>
        <PageHeader title={t('title')} intro={t('moneyIntro')} />
        <DashboardFiltersForm period={period} filters={filters} choices={choices} moneyOnly />
        <p className="mb-4 text-sm text-slate-700" data-testid="dashboard-period">{showing}</p>
        <MoneySections money={data.money} linkForms={false} />
      </div>
    );
  }

  const h = data.headline!;
  const drill = (d: Drill = {}) => drillHref(period, filters, d);
  const n = (value: number, d?: Drill, testId?: string) => (
    <Link href={drill(d)} className="text-blue-700 underline" data-testid={testId}>{value}</Link>
  );
  const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 1000) / 10}%` : '—');
  const time = (seconds: number | null) => (seconds === null ? t('noTimes') : format.duration(seconds * 1000));
  const trend = (now_: number, prev: number) => (now_ > prev ? t('trendUp', { n: now_ - prev }) : now_ < prev ? t('trendDown', { n: prev - now_ }) : t('trendSame'));
  const categoryName = (code: string | null) => {
    const c = choices.categories.find((x) => x.code === code);
    return c ? (en ? c.nameEn : c.name) : t('noCategory');
  };
  const bucketLabel = (day: string) => (period.bucket === 'month' ? day.slice(0, 7) : day.slice(5));

  // Volume by category: one series per category, one bar per bucket.
  const buckets = [...new Set(data.volume.map((v) => v.bucket))];
  const volumeCodes = [...new Set(data.volume.map((v) => v.category))];
  const volumeSvg = volumeChart(
    buckets.map(bucketLabel),
    volumeCodes.map((code) => ({ name: categoryName(code), data: buckets.map((b) => data.volume.find((v) => v.bucket === b && v.category === code)?.forms ?? 0) })),
  );
  const stepRows = data.steps.map((s) => ({ ...s, name: wf(`states.${s.step}`), percent: s.done ? Math.round((s.onTime / s.done) * 1000) / 10 : null }));
  const complianceSvg = complianceChart(stepRows, t('onTimeLabel'));
  const satisfactionSvg = satisfactionChart(
    data.satisfaction.map((s) => bucketLabel(s.bucket)),
    data.satisfaction.map((s) => (s.average === null ? null : Math.round(s.average * 100) / 100)),
    data.satisfaction.map((s) => s.answered),
    { average: t('average'), answered: t('answers') },
  );
  const deptName = (d: { name: string | null; nameEn: string | null }) => (en ? d.nameEn : d.name) ?? t('noDepartment');
  const loadSvg = departmentChart(data.departments.map(deptName), data.departments.map((d) => d.open), data.departments.map((d) => d.overdue), { open: t('open'), overdue: t('overdue') });

  const card = 'rounded border border-slate-200 bg-white p-3';
  return (
    <div>
      <PageHeader title={t('title')} intro={t('intro')} />
      <DashboardFiltersForm period={period} filters={filters} choices={choices} moneyOnly={false} />
      <p className="mb-4 text-sm text-slate-700" data-testid="dashboard-period">{showing}</p>

      <Section id="d-headline" title={t('headline')}>
        <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="headline">
          <div className={card}><dt className="text-sm text-slate-600">{t('received')}</dt><dd className="text-2xl">{n(h.received, {}, 'kpi-received')}</dd></div>
          <div className={card}><dt className="text-sm text-slate-600">{t('closed')}</dt><dd className="text-2xl">{n(h.closed, { stage: 'closed' }, 'kpi-closed')}</dd></div>
          <div className={card}><dt className="text-sm text-slate-600">{t('open')}</dt><dd className="text-2xl">{n(h.open, { stage: 'open' }, 'kpi-open')}</dd></div>
          <div className={card}><dt className="text-sm text-slate-600">{t('overdue')}</dt><dd className="text-2xl">{n(h.overdue, { overdue: true }, 'kpi-overdue')}</dd></div>
          <div className={card}>
            <dt className="text-sm text-slate-600">{t('resolvedOnTime')}</dt>
            <dd className="text-2xl">{pct(h.resolvedOnTime, h.resolved)}</dd>
            <dd className="text-sm text-slate-600">{t('ofResolved', { onTime: h.resolvedOnTime, resolved: h.resolved })}</dd>
          </div>
          <div className={card}>
            <dt className="text-sm text-slate-600">{t('founded')} / {t('notFounded')}</dt>
            <dd className="text-2xl">{n(h.founded, { founded: 'yes' }, 'kpi-founded')} / {n(h.notFounded, { founded: 'no' }, 'kpi-not-founded')}</dd>
          </div>
          <div className={card}>
            <dt className="text-sm text-slate-600">{t('repeats')}</dt>
            <dd className="text-2xl">{n(h.repeats, { repeat: true }, 'kpi-repeats')}</dd>
            <dd className="text-sm text-slate-600">{pct(h.repeats, h.received)}</dd>
          </div>
          <div className={card}>
            <dt className="text-sm text-slate-600">{tc('title')}</dt>
            <dd className="text-2xl" data-testid="kpi-crisis">{h.crisis}</dd>
            <dd className="text-sm text-slate-600">{pct(h.crisis, h.received)}</dd>
          </div>
          <div className={card}>
            <dt className="text-sm text-slate-600">{t('reopens')}</dt>
            <dd className="text-2xl" data-testid="kpi-reopens">{data.reopens}</dd>
            <dd className="text-sm text-slate-600">{t('reopenRate', { rate: pct(data.reopens, data.resolvedInPeriod), resolved: data.resolvedInPeriod })}</dd>
          </div>
          <div className={card}>
            <dt className="text-sm text-slate-600">{t('firstResponse')}</dt>
            <dd>{t('median', { value: time(h.responseP50) })}</dd>
            <dd className="text-sm text-slate-600">{t('p90', { value: time(h.responseP90) })}</dd>
          </div>
          <div className={card}>
            <dt className="text-sm text-slate-600">{t('resolution')}</dt>
            <dd>{t('median', { value: time(h.resolutionP50) })}</dd>
            <dd className="text-sm text-slate-600">{t('p90', { value: time(h.resolutionP90) })}</dd>
          </div>
          <div className={card}>
            <dt className="text-sm text-slate-600">{t('satisfaction')}</dt>
            <dd className="text-2xl">{h.satisfactionAvg === null ? '—' : (Math.round(h.satisfactionAvg * 100) / 100).toFixed(2)}</dd>
            <dd className="text-sm text-slate-600">{t('responseRate')} {t('responseRateValue', { rate: pct(h.answered, h.surveyed), answered: h.answered, surveyed: h.surveyed })}</dd>
          </div>
        </dl>
      </Section>

      <Section id="d-volume" title={t('volume')} hint={t('volumeHint', { bucket: t(`buckets.${period.bucket}`) })}>
        <Chart svg={volumeSvg} label={t('chartOf', { title: t('volume') })} testId="chart-volume" />
        <DataTable testId="category-table" columns={[t('categoryColumn'), t('thisPeriod'), t('previousPeriod'), t('trend'), reports('notFounded'), t('repeats')]}>
          <tbody>
            {data.categories.map((c) => (
              <Row key={c.code ?? '-'}>
                <Cell>{categoryName(c.code)}</Cell>
                <Cell>{c.code ? n(c.forms, { category: c.code }) : c.forms}</Cell>
                <Cell>{c.code ? n(c.previous, { category: c.code, from: period.previous.from, to: period.previous.to }) : c.previous}</Cell>
                <Cell>{trend(c.forms, c.previous)}</Cell>
                <Cell data-testid="not-founded">{c.code ? n(c.notFounded, { category: c.code, founded: 'no' }) : c.notFounded}</Cell>
                <Cell data-testid="repeats">{c.code ? n(c.repeats, { category: c.code, repeat: true }) : c.repeats}</Cell>
              </Row>
            ))}
            {data.categories.length === 0 && <Row><Cell colSpan={6}>{t('noneInPeriod')}</Cell></Row>}
          </tbody>
        </DataTable>
      </Section>

      <Section id="d-compliance" title={t('compliance')} hint={t('complianceHint')}>
        <Chart svg={complianceSvg} label={t('chartOf', { title: t('compliance') })} testId="chart-compliance" />
        <DataTable testId="step-table" columns={[t('step'), t('stepsDone'), t('stepsOnTime'), t('rate'), t('lateForms')]}>
          <tbody>
            {stepRows.map((s) => (
              <Row key={s.step}>
                <Cell>{s.name}</Cell>
                <Cell>{s.done}</Cell>
                <Cell>{s.onTime}</Cell>
                <Cell>{s.percent === null ? '—' : `${s.percent}%`}</Cell>
                <Cell data-testid={`late-${s.step}`}>{n(s.lateForms, { late: s.step })}</Cell>
              </Row>
            ))}
          </tbody>
        </DataTable>
      </Section>

      <Section id="d-satisfaction" title={t('satisfaction')} hint={t('satisfactionHint', { bucket: t(`buckets.${period.bucket}`) })}>
        <Chart svg={satisfactionSvg} label={t('chartOf', { title: t('satisfaction') })} testId="chart-satisfaction" />
        <DataTable columns={[t('score'), t('answers')]}>
          <tbody>
            {h.satisfaction.map((count, i) => (
              <Row key={i}>
                <Cell>{t('stars', { n: i + 1 })}</Cell>
                <Cell>{n(count, { satisfaction: i + 1 })}</Cell>
              </Row>
            ))}
          </tbody>
        </DataTable>
      </Section>

      <Section id="d-load" title={t('load')} hint={t('loadHint')}>
        <Chart svg={loadSvg} label={t('chartOf', { title: t('load') })} testId="chart-load" />
        <DataTable testId="load-table" columns={[t('department'), t('open'), t('overdue')]}>
          <tbody>
            {data.departments.map((d) => (
              <Row key={d.departmentId ?? '-'}>
                <Cell>{deptName(d)}</Cell>
                <Cell>{d.departmentId ? n(d.open, { anyTime: true, department: d.departmentId, stage: 'open' }) : d.open}</Cell>
                <Cell>{d.departmentId ? n(d.overdue, { anyTime: true, department: d.departmentId, overdue: true }) : d.overdue}</Cell>
              </Row>
            ))}
          </tbody>
        </DataTable>
      </Section>

      <Section id="d-causes" title={t('causes')}>
        {data.causes.length === 0 ? (
          <p className="text-slate-700">{t('noneInPeriod')}</p>
        ) : (
          <DataTable testId="cause-table" columns={[t('cause'), t('thisPeriod'), t('previousPeriod'), t('trend')]}>
            <tbody>
              {data.causes.map((c) => (
                <Row key={c.cause}>
                  <Cell className="min-w-48">{c.cause}</Cell>
                  <Cell>{n(c.forms, { cause: c.cause })}</Cell>
                  <Cell>{n(c.previous, { cause: c.cause, from: period.previous.from, to: period.previous.to })}</Cell>
                  <Cell>{trend(c.forms, c.previous)}</Cell>
                </Row>
              ))}
            </tbody>
          </DataTable>
        )}
      </Section>

      <MoneySections money={data.money} linkForms />
    </div>
  );
}
