import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { createFormat } from '@/lib/i18n/format';
import { isLocale } from '@/lib/i18n/locales';
import { loadCalendar } from '@/lib/complaints/settings';
import { lowSatisfaction } from '@/lib/complaints/survey';
import { loadPublicView, type PublicHistoryEntry } from '@/lib/public/tracking';
import { trackingReferrerPolicy } from '@/lib/security/headers';
import { SurveyForm } from './survey-form';
import { AnswerForm } from './answer-form';
import { maxPhotoBytes, maxPhotos, photoAccept } from '@/lib/public/form-schema';
import { TrackingProgress } from '@/components/promises/tracking-progress';
import { ClientMessages } from '@/components/ui/client-messages';

// The link is the customer's key: never indexed, never sent on as a Referer to another origin
// (`same-origin` keeps the real Origin on the page's own survey post; see lib/security/headers.ts).
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: trackingReferrerPolicy };

const knownEvents = new Set(['create', 'triage', 'resolve_on_spot', 'reject', 'approve_final', 'withdraw', 'approve_pending', 'record_contact', 'resume', 'complete_handling', 'record_follow_up', 'reopen', 'note', 'evidence_added', 'survey']);

export default async function TrackTokenPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await loadPublicView(token);
  if (!view) notFound();
  const t = await getTranslations('public');
  const wf = await getTranslations('workflow');
  const answer = await getTranslations('channels.answer');
  const locale = await getLocale();
  const { timeZone } = await loadCalendar();
  // The calendar's time zone: the one the deadlines were computed in.
  const format = createFormat(isLocale(locale) ? locale : 'zh-CN', timeZone);
  const when = format.dateTime;
  const day = format.day;
  const category = locale === 'en' ? view.categoryNameEn : view.categoryName;
  const department = locale === 'en' ? view.departmentNameEn : view.departmentName;
  const terminal = view.status === 'rejected' || view.status === 'withdrawn' || view.status === 'archived';

  return (
    // The survey and the customer's message translate in the browser.
    <ClientMessages part="public">
    <article aria-labelledby="track-title" className="space-y-6">
      <header>
        <h1 id="track-title" className="text-2xl font-semibold">{t('view.title', { number: view.number })}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('view.linkNote')}</p>
      </header>

      <section aria-labelledby="state-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="state-title" className="text-sm font-medium text-slate-600">{t('view.state')}</h2>
        <p className="mt-1 text-xl font-semibold" data-testid="public-state">
          <span aria-hidden="true">{terminal ? '■ ' : '● '}</span>
          {t(`states.${view.status}.title`)}
        </p>
        <p className="mt-1 text-slate-800" data-testid="public-state-description">{t(`states.${view.status}.description`)}</p>
        <dl className="mt-4 grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
          {view.stepDueAt && <Item label={t('view.stepDue')} value={when(view.stepDueAt)} testId="step-due" />}
          {view.resolutionDueAt && <Item label={t('view.resolutionDue')} value={when(view.resolutionDueAt)} testId="resolution-due" />}
          {view.nextContactOn && <Item label={t('view.nextContact')} value={day(view.nextContactOn)} />}
          {department && <Item label={t('view.department')} value={department} testId="public-department" />}
          <Item label={t('view.number')} value={view.number} mono />
          <Item label={t('view.received')} value={when(view.receivedAt)} />
          {category && <Item label={t('view.category')} value={category} />}
          {view.subject && <Item label={t('view.subject')} value={view.subject} />}
        </dl>
        {view.pendingExplanation && (
          <div className="mt-4 text-sm" data-testid="pending-explanation">
            <h3 className="font-medium text-slate-600">{t('view.pendingWhy')}</h3>
            <p className="mt-1 whitespace-pre-line text-base text-slate-800">{view.pendingExplanation}</p>
          </div>
        )}
      </section>

      <TrackingProgress token={token} format={format} />

      {view.summary && (
        <section aria-labelledby="summary-title" className="rounded-lg border border-green-200 bg-white p-4 shadow-sm" data-testid="customer-summary">
          <h2 id="summary-title" className="text-lg font-semibold">{t('summary.title')}</h2>
          <p className="mt-1 text-sm text-slate-600">{t('summary.writtenAt', { at: when(view.summary.at) })}</p>
          <dl className="mt-3 space-y-3">
            {(['when', 'how', 'cause', 'prevention'] as const).map((k) => (
              <div key={k}>
                <dt className="text-sm font-medium text-slate-600">{t(`summary.${k}`)}</dt>
                <dd className="mt-0.5 whitespace-pre-line" data-testid={`summary-${k}`}>{view.summary![k]}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      {(view.survey.open || view.survey.given !== undefined) && (
        <section aria-labelledby="survey-title" className="rounded-lg border border-blue-200 bg-white p-4 shadow-sm">
          <h2 id="survey-title" className="text-lg font-semibold">{t('survey.title')}</h2>
          <div className="mt-3">
            {view.survey.open ? <SurveyForm token={token} contact={view.lowRatingContact} /> : <p role="status" data-testid="survey-given">
                {t('survey.given', { rating: view.survey.given ?? '' })}{' '}
                {view.survey.given !== undefined && view.survey.given <= lowSatisfaction && t(view.lowRatingContact === 'desk' ? 'survey.lowDesk' : 'survey.low')}
              </p>}
          </div>
        </section>
      )}

      {!terminal && (
        <section aria-labelledby="answer-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="customer-answer">
          <h2 id="answer-title" className="text-lg font-semibold">{answer('title')}</h2>
          <p className="mt-1 text-sm text-slate-700">{answer('intro')}</p>
          <div className="mt-3">
            <AnswerForm token={token} maxPhotos={maxPhotos} maxMb={Math.floor(maxPhotoBytes / 1024 / 1024)} accept={photoAccept} />
          </div>
        </section>
      )}

      <section aria-labelledby="history-title">
        <h2 id="history-title" className="text-lg font-semibold">{t('view.history')}</h2>
        {view.history.length === 0 ? (
          <p className="mt-2 text-slate-600">{t('view.noHistory')}</p>
        ) : (
          <ol className="mt-3 space-y-3" data-testid="public-history">
            {[...view.history].reverse().map((h) => (
              historyItem(h)
            ))}
          </ol>
        )}
      </section>
    </article>
    </ClientMessages>
  );

  function historyItem(entry: PublicHistoryEntry) {
    const money = format.money;
    return (
      <li key={entry.version} className="rounded-lg border border-slate-200 bg-white p-3">
        <p className="text-sm text-slate-600">
          <time dateTime={entry.at.toISOString()}>{when(entry.at)}</time> · {t(`actors.${entry.actor}`)}
        </p>
        <p className="font-medium">{t(`events.${knownEvents.has(entry.type) ? entry.type : 'other'}`)}</p>
        {entry.text && <p className="mt-1 whitespace-pre-line">{entry.text}</p>}
        {entry.rating !== undefined && <p className="mt-1">{t('view.rating', { rating: entry.rating })}</p>}
        {entry.remedy && (
          <div className="mt-1">
            <p><span className="font-medium">{format.labelled(t('view.remedy'), '')}</span>{wf(`remedyKinds.${entry.remedy.kind}`)}</p>
            <p className="whitespace-pre-line">{entry.remedy.description}</p>
            {entry.remedy.amountCents !== undefined && <p>{t('view.amount', { amount: money(entry.remedy.amountCents) })}</p>}
          </div>
        )}
        {entry.nextContactOn && <p className="mt-1">{format.labelled(t('view.nextContact'), day(entry.nextContactOn))}</p>}
        {/* The current summary stands above; an earlier round's (before a reopen) stays readable here. */}
        {entry.summary && entry.at.getTime() !== view!.summary?.at.getTime() && (
          <dl className="mt-1 space-y-1">
            {(['when', 'how', 'cause', 'prevention'] as const).map((k) => (
              <div key={k}><dt className="text-sm font-medium text-slate-600">{t(`summary.${k}`)}</dt><dd className="whitespace-pre-line">{entry.summary![k]}</dd></div>
            ))}
          </dl>
        )}
      </li>
    );
  }
}

function Item({ label, value, mono, testId }: { label: string; value: string; mono?: boolean; testId?: string }) {
  return (
    <div>
      <dt className="text-slate-600">{label}</dt>
      <dd className={`font-medium ${mono ? 'font-mono' : ''}`} data-testid={testId}>{value}</dd>
    </div>
  );
}
