import { Suspense } from 'react';
import { notFound } from 'next/navigation';
import { isComplaintNumber } from '@/lib/params';
import { customerSummaryFields, isTerminal, runningDeadlines, type State } from '@/lib/workflow';
import { getLocale, getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { PauseIcon } from '@/components/ui/icons';
import { requireStaff } from '@/lib/auth/session';
import { loadChoices, loadFormView } from '@/lib/complaints/form-view';
import { DeadlineBadge } from '@/components/complaint/deadline-badge';
import { EventForm } from '@/components/complaint/event-form';
import { EvidenceUpload } from '@/components/complaint/evidence-upload';
import { HistoryTimeline } from '@/components/complaint/history-timeline';
import { Phone } from '@/components/complaint/phone';
import { ReissueAccessCode } from '@/components/complaint/reissue-access-code';
import { Detail, DetailSection } from '@/components/complaint/form-section';
import { RepeatLinks } from '@/components/complaint/repeat-links';
import { FormSuggestion } from '@/components/triage/form-suggestion';
import { CrisisBadge } from '@/components/triage/crisis-badge';
import { CrisisFlagForm } from '@/components/triage/crisis-flag-form';
import { crisisRoles } from '@/lib/triage/crisis-schema';
import { SimilarComplaints } from '@/components/triage/similar-complaints';
import { PrintButton } from '@/components/ui/print-button';
import { InfoNote } from '@/components/ui/section';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { MessageStatus } from '@/components/complaint/message-status';
import { isTemplateName } from '@/lib/notify/templates';
import { PromisesSection } from '@/components/promises/promises-section';
import { EightDSection } from '@/components/eightd/form-section';
import { eightdOfForm } from '@/lib/eightd/read';
import { HandoverForm } from '@/components/handover/handover-form';
import { handoverPanel } from '@/lib/handover/handover';
import { AssessmentStartNote, StepTimeliness } from './timeliness';
import { loadCalendar, loadSlaPolicy } from '@/lib/complaints/settings';
import { assessmentStart, stepTimeliness } from '@/lib/reports/timeliness';

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }) {
  return { title: (await params).number };
}

export default async function ComplaintPage({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  const user = await requireStaff();
  if (!isComplaintNumber(number)) notFound();
  const now = new Date();
  const view = await loadFormView(user, number, now);
  if (!view) notFound();
  const [t, wf, format, locale, choices, receipt, privacy] = await Promise.all([
    getTranslations('form'),
    getTranslations('workflow'),
    getFormat(),
    getLocale(),
    loadChoices(user, undefined, view.form.siteId),
    getTranslations('receipt.staff'),
    getTranslations('privacy.formBadges'),
  ]);
  const { form } = view;
  const [outbox, stuckT, crisisT, handover, handoverChoices, eightd] = await Promise.all([
    getTranslations('admin.outbox'),
    getTranslations('form.stuck'),
    getTranslations('triage.crisisFlag'),
    getTranslations('handover.form'),
    handoverPanel(user, form),
    eightdOfForm(user, form),
  ]);
  const dt = format.dateTimeOrDash;
  // A closed form counts down nothing and is never overdue (rejected as not founded included).
  const closed = isTerminal(form.status as State);
  const running = runningDeadlines({ ...form, status: form.status as State });
  const closedMark = <span className="text-sm text-slate-600">{t('deadlineClosed')}</span>;
  const day = (ymd: string | null) => (ymd ? format.day(ymd) : null);
  const en = locale === 'en';
  const money = (cents: number | null) => (cents === null ? '' : format.money(cents));
  const possible = view.actions.filter((a) => a.ok);
  const draft = form.determinationDraft as { input: Record<string, unknown>; by: string; at: string } | null;
  // A handler who may not submit the determination (only the head may) prepares it as a draft.
  const mayDraft = view.actions.some((a) => a.event === 'submit_determination' && a.refusal?.code === 'needs_head');
  // A note's options only where they mean something: the 48 h extension while investigating,
  // marking major for the desk on a form that is not major yet.
  const omitFor = (event: string): string[] =>
    event === 'reopen' && form.status !== 'follow_up'
      ? ['satisfaction']
      : event !== 'note'
      ? []
      : [
          ...(form.status === 'investigating' ? [] : ['customerUnreachable']),
          ...((user.role === 'desk' || user.role === 'admin') && !form.major ? [] : ['markMajor']),
        ];
  // The centre's assessment starts from the per-step timeliness (lib/reports/timeliness.ts).
  const assessing = possible.some((a) => a.event === 'pass_assessment');
  const start = assessing ? assessmentStart(stepTimeliness(view.events, await loadSlaPolicy(), await loadCalendar(), now)) : null;
  const prefillFor = (event: string): Record<string, unknown> | undefined => {
    if (event === 'pass_assessment' && start) return { timely: start.timely };
    // The severity the desk chose at intake; a web form's is nobody's choice yet (issue 17: no silent defaults).
    if (event === 'triage') return { departmentId: form.departmentId ?? undefined, severity: form.channel === 'web' ? undefined : form.severity };
    if (event === 'submit_determination') return { responsibleDepartmentId: form.departmentId ?? undefined, ...draft?.input };
    // The customer-facing summary quotes the 8D report's root cause (D4) and prevention (D7) where it has them.
    if (event === 'complete_handling' && eightd.report) return { customerCause: eightd.report.rootCause ?? undefined, customerPrevention: eightd.report.prevention ?? undefined };
    return undefined;
  };
  // A GM instruction is only ever a question on a major complaint.
  const refused = view.actions.filter((a) => !a.ok && (a.event !== 'instruct' || form.major));
  const proposed = view.remedies.filter((r) => r.status === 'proposed');
  const delivered = view.remedies.filter((r) => r.status === 'delivered');
  const lastPayload = (type: string) => [...view.events].reverse().find((e) => e.type === type)?.payload as Record<string, unknown> | undefined;
  const negotiation = lastPayload('record_negotiation');
  // What the customer was told when handling completed (the tracking page shows the same).
  const handled = [...view.events].reverse().find((e) => e.type === 'complete_handling' || e.type === 'resolve_on_spot')?.payload as Record<string, unknown> | undefined;
  const assessment = lastPayload('pass_assessment') ?? lastPayload('flag_fault');
  // The customer's own rating stands beside the follow-up call's, never over it (lib/complaints/survey.ts).
  const customerRating = lastPayload('survey')?.rating;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_24rem] print:block">
      <article className="space-y-4" aria-labelledby="form-title">
        <header className="rounded border border-slate-200 bg-white p-4">
          <div className="no-print float-right flex flex-wrap justify-end gap-2">
            {/* Opening the receipt shows the access code and is recorded: a plain link, never prefetched. */}
            {user.role === 'desk' && !view.parties.some((p) => p.id === user.id) && (
              <a href={`/complaints/${form.number}/receipt`} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">{receipt('open')}</a>
            )}
            <PrintButton label={receipt('printForm')} />
          </div>
          <p className="text-sm text-slate-600">{t('paperTitle')}</p>
          <h1 id="form-title" className="font-mono text-2xl font-semibold">{form.number}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <span className="rounded bg-blue-100 px-2 py-0.5 font-medium text-blue-900" data-testid="form-state">{wf(`states.${form.status}`)}</span>
            <span className="rounded bg-slate-100 px-2 py-0.5">{wf(`severities.${form.severity}`)}</span>
            <CrisisBadge crisis={form.crisis} />
            {form.major && <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">{wf('major')}{form.gmInstructedAt ? ` · ${t('instructed')}` : ''}</span>}
            {view.pendingItem && !view.pendingItem.closedAt && <span className="rounded bg-purple-100 px-2 py-0.5 text-purple-900">{t('onLedger')}</span>}
            {/* Personal data (lib/privacy): a hold keeps it; an anonymised form shows *** in its place. */}
            {form.legalHoldAt && (
              <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900" data-testid="legal-hold">
                {format.labelled(privacy('legalHold', { at: format.date(form.legalHoldAt) }), form.legalHoldReason ?? '')}
              </span>
            )}
            {form.anonymisedAt && (
              <span className="rounded bg-slate-200 px-2 py-0.5 text-slate-800" data-testid="anonymised">{privacy('anonymised', { at: format.date(form.anonymisedAt) })}</span>
            )}
          </div>
          <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-3">
            <div><dt className="text-slate-600">{t('stepDue')}</dt><dd>{dt(form.stepDueAt)} <DeadlineBadge due={running.step} now={now} /></dd></div>
            <div><dt className="text-slate-600">{t('responseDue')}</dt><dd>{dt(form.responseDueAt)} {form.firstResponseAt ? `✓ ${dt(form.firstResponseAt)}` : running.response ? <DeadlineBadge due={running.response} now={now} /> : closedMark}</dd></div>
            <div><dt className="text-slate-600">{t('resolutionDue')}</dt><dd data-testid="resolution-due">{dt(form.resolutionDueAt)} {form.resolvedAt ? `✓ ${dt(form.resolvedAt)}` : running.resolution ? <DeadlineBadge due={running.resolution} now={now} /> : form.pausedAt && !closed ? <span><PauseIcon /> {t('paused')}</span> : closedMark}</dd></div>
          </dl>
        </header>

        {/* Investigating in a department with nobody to act: say who can move the form on. */}
        {!view.departmentStaffed && form.status === 'investigating' && (
          <InfoNote tone="warning" testId="stuck-notice">
              {stuckT('text', { department: (en ? view.departmentNameEn : view.departmentName) ?? '' })}
              {en ? ' ' : ''}
              {user.role === 'admin' && form.departmentId ? (
                <a href={`/admin/departments/${form.departmentId}`} className="underline">{stuckT('adminLink')}</a>
              ) : (
                stuckT('askAdmin')
              )}
          </InfoNote>
        )}

        <RepeatLinks user={user} complaintId={form.id} />
        <Suspense fallback={null}>
          <SimilarComplaints user={user} form={form} />
        </Suspense>
        {(crisisRoles as readonly string[]).includes(user.role) && !view.parties.some((p) => p.id === user.id) && (
          <section aria-labelledby="crisis-title" className="no-print break-inside-avoid rounded border border-slate-200 bg-white p-4">
            <h2 id="crisis-title" className="mb-2 text-lg font-medium">{crisisT('title')}</h2>
            <CrisisFlagForm complaintId={form.id} version={form.version} crisis={form.crisis} />
          </section>
        )}

        <DetailSection title={t('sections.customer')}>
          <Detail label={t('fields.customerName')} value={form.customerName} />
          <div>
            <dt className="text-slate-600">{t('fields.customerPhone')}</dt>
            <dd><Phone value={form.customerPhone} /></dd>
          </div>
          <Detail label={t('fields.customerEmail')} value={form.customerEmail} />
          <Detail label={t('fields.channel')} value={wf(`channels.${form.channel}`)} />
          <Detail label={t('fields.receivedAt')} value={dt(form.receivedAt)} />
          <Detail label={t('fields.filledBy')} value={view.creatorName ?? t('customerOnline')} />
        </DetailSection>

        <DetailSection title={t('sections.subject')}>
          <Detail label={t('fields.plate')} value={form.plate} />
          <Detail label={t('fields.vehicleModel')} value={form.vehicleModel} />
          <Detail label={t('fields.subjectProduct')} value={form.subjectProduct} />
          <Detail label={t('fields.purchaseDate')} value={day(form.purchaseDate)} />
        </DetailSection>

        <DetailSection title={t('sections.complaint')}>
          <Detail label={t('fields.category')} value={en ? view.categoryNameEn : view.categoryName} />
          <Detail label={t('fields.description')} value={form.description} wide />
          <Detail label={t('fields.customerRequest')} value={form.customerRequest} wide />
          <Detail label={t('fields.parties')} value={format.list(view.parties.map((p) => p.name)) || null} />
          <Detail label={t('fields.departmentId')} value={en ? view.departmentNameEn : view.departmentName} />
          <Detail label={t('fields.customerManagerId')} value={view.managerName} />
          {form.departmentId && <Detail label={handover('handler')} value={view.handlerName ?? handover('handlerNone')} />}
        </DetailSection>

        <DetailSection title={t('sections.determination')}>
          <Detail label={t('fields.founded')} value={form.founded === null ? null : t(form.founded ? 'founded.yes' : 'founded.no')} />
          <Detail label={t(form.founded === false ? 'fields.finding' : 'fields.rootCause')} value={form.rootCause} wide />
          {form.founded === false && <Detail label={t('fields.customerExplanation')} value={form.rejectionExplanation} wide />}
          <Detail label={t('fields.responsiblePerson')} value={form.responsiblePerson === 'none' ? t('nobody') : form.responsiblePerson} />
          <Detail label={t('fields.remedyProposal')} value={proposed.map((r) => format.labelled(wf(`remedyKinds.${r.kind}`), `${r.description} ${money(r.amountCents)}`.trim())).join('\n') || null} wide />
          <Detail label={t('fields.preventiveAction')} value={form.preventiveAction} wide />
        </DetailSection>

        <DetailSection title={t('sections.opinions')}>
          <Detail label={t('fields.faultOpinion')} value={form.faultOpinion} wide />
          <Detail label={t('fields.negotiation')} value={negotiation ? format.labelled(format.list(negotiation.participants as string[]), String(negotiation.opinion)) : null} wide />
          <Detail label={t('fields.finalOpinion')} value={form.finalOpinion} wide />
        </DetailSection>

        <DetailSection title={t('sections.result')}>
          <Detail label={t('fields.remedyDelivered')} value={delivered.map((r) => format.labelled(wf(`remedyKinds.${r.kind}`), `${r.description} ${money(r.amountCents)}`.trim())).join('\n') || null} wide />
          {customerSummaryFields.map((k) => (
            <Detail key={k} label={t(`fields.${k}`)} value={typeof handled?.[k] === 'string' ? (handled[k] as string) : null} wide />
          ))}
          <Detail label={t('fields.accountability')} value={view.accountability.map((a) => `${a.person} · ${wf(`accountabilityTypes.${a.type}`)} ${money(a.amountCents)} · ${a.reason}`).join('\n') || null} wide />
          {/* A not-founded finding's explanation stands with the determination above. */}
          <Detail label={t('fields.rejectionExplanation')} value={form.founded === false ? null : form.rejectionExplanation} wide />
          <Detail label={t('fields.withdrawReason')} value={form.withdrawReason} wide />
        </DetailSection>

        <DetailSection title={t('sections.followUp')}>
          <Detail label={t('fields.satisfaction')} value={form.satisfaction ? t(`satisfaction.${form.satisfaction}`) : null} />
          {typeof customerRating === 'number' && <Detail label={t('fields.customerRating')} value={t(`satisfaction.${customerRating}`)} />}
          <Detail label={t('fields.assessment')} value={assessment ? JSON.stringify(assessment) === '{}' ? null : String(assessment.fault ?? assessment.comment ?? (assessment.timely && assessment.standardMet ? t('assessmentPassed') : t('assessmentIssues'))) : null} wide />
        </DetailSection>

        {view.pendingItem && (
          <DetailSection title={t('sections.pending')}>
            <Detail label={t('fields.reason')} value={format.labelled(wf(`pendingReasons.${view.pendingItem.reason}`), view.pendingItem.explanation)} wide />
            <Detail label={t('fields.openedAt')} value={dt(view.pendingItem.openedAt)} />
            <Detail label={t('fields.nextContactOn')} value={view.pendingItem.closedAt ? null : day(view.pendingItem.nextContactOn)} />
            <Detail label={t('fields.contacts')} value={view.contacts.map((c) => format.labelled(dt(c.at), c.summary)).join('\n') || null} wide />
          </DetailSection>
        )}

        <section aria-labelledby="evidence-title" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="evidence-title" className="mb-3 text-lg font-medium">{t('evidence')}</h2>
          {view.attachments.length === 0 ? (
            <p className="text-sm text-slate-600">{t('noEvidence')}</p>
          ) : (
            <ul className="mb-3 space-y-1 text-sm">
              {view.attachments.map((a) => (
                <li key={a.id}>
                  <a href={`/attachments/${a.id}`} className="text-blue-700 underline" target="_blank">{a.filename}</a>
                  <span className="text-slate-600"> · {Math.ceil(a.size / 1024)} KB · {dt(a.createdAt)}{a.fromCustomer ? ` · ${t('fromCustomer')}` : ''}</span>
                </li>
              ))}
            </ul>
          )}
          {view.mayUploadEvidence && (
            <div className="no-print"><EvidenceUpload complaintId={form.id} number={form.number} /></div>
          )}
        </section>

        <section aria-labelledby="customer-messages-title" className="rounded border border-slate-200 bg-white p-4" data-testid="customer-messages">
          <h2 id="customer-messages-title" className="mb-3 text-lg font-medium">{t('customerMessages.title')}</h2>
          {view.customerMessages.length === 0 ? (
            <p className="text-sm text-slate-600">{t('customerMessages.none')}</p>
          ) : (
            <DataTable frame="bare" columns={[t('customerMessages.when'), t('customerMessages.what'), t('customerMessages.status')]}>
              <tbody>
                {view.customerMessages.map((m) => (
                  <Row key={m.id} data-testid="customer-message">
                    <Cell className="align-top">{dt(m.createdAt)}</Cell>
                    <Cell className="min-w-[6rem] align-top">
                      {isTemplateName(m.template) ? outbox(`templates.${m.template}`) : outbox('unknownTemplate', { code: m.template })}
                      <span className="block text-xs text-slate-600">{outbox.has(`channels.${m.channel}`) ? outbox(`channels.${m.channel}` as never) : m.channel}</span>
                    </Cell>
                    <Cell className="align-top">
                      <MessageStatus status={m.status} label={outbox.has(`statuses.${m.status}`) ? outbox(`statuses.${m.status}` as never) : m.status} />
                      {m.sentAt && <span className="block text-xs text-slate-600">{dt(m.sentAt)}</span>}
                    </Cell>
                  </Row>
                ))}
              </tbody>
            </DataTable>
          )}
          {view.customerMessages.some((m) => m.status === 'unsent') && <p className="mt-2 text-sm text-amber-900">{t('customerMessages.unsentHint')}</p>}
        </section>

        <PromisesSection user={user} form={form} readOnly={closed} now={now} />
        <EightDSection eightd={eightd} form={form} />
        <StepTimeliness events={view.events} now={now} />

        <section aria-labelledby="history-title" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="history-title" className="mb-3 text-lg font-medium">{t('sections.history')}</h2>
          <HistoryTimeline events={view.events} />
        </section>
      </article>

      <aside className="no-print space-y-3" aria-labelledby="actions-title">
        <h2 id="actions-title" className="text-lg font-medium">{t('actions')}</h2>
        {possible.length === 0 && <p className="text-sm text-slate-600">{t('noActions')}</p>}
        {possible.map(({ event }) => (
          <details key={event} className="rounded border border-slate-200 bg-white p-3" open={possible.length === 1 || undefined}>
            <summary className="cursor-pointer font-medium">{wf(`events.${event}`)}</summary>
            <div className="mt-3">
              {event === 'triage' && <div className="mb-3"><FormSuggestion user={user} form={form} /></div>}
              {event === 'pass_assessment' && start && <AssessmentStartNote start={start} />}
              {event === 'submit_determination' && draft && <p className="mb-2 text-sm text-slate-600">{t('draftSaved', { by: draft.by, at: dt(new Date(draft.at)) })}</p>}
              <EventForm complaintId={form.id} number={form.number} version={form.version} event={event} choices={choices} prefill={prefillFor(event)} omit={omitFor(event)} />
            </div>
          </details>
        ))}
        {mayDraft && (
          <details className="rounded border border-slate-200 bg-white p-3" open>
            <summary className="cursor-pointer font-medium">{t('draftTitle')}</summary>
            <p className="mt-2 text-sm text-slate-600">
              {t('draftHint')} {draft && t('draftSaved', { by: draft.by, at: dt(new Date(draft.at)) })}
            </p>
            <div className="mt-3">
              <EventForm complaintId={form.id} number={form.number} version={form.version} event="submit_determination" mode="draft" choices={choices} prefill={prefillFor('submit_determination')} />
            </div>
          </details>
        )}
        {user.role === 'desk' && !view.parties.some((p) => p.id === user.id) && (
          <details className="rounded border border-slate-200 bg-white p-3">
            <summary className="cursor-pointer font-medium">{t('reissue.title')}</summary>
            <div className="mt-3"><ReissueAccessCode complaintId={form.id} number={form.number} version={form.version} /></div>
          </details>
        )}
        {handoverChoices && (
          <details className="rounded border border-slate-200 bg-white p-3" data-testid="handover">
            <summary className="cursor-pointer font-medium">{handover('title')}</summary>
            <div className="mt-3"><HandoverForm complaintId={form.id} version={form.version} choices={handoverChoices} /></div>
          </details>
        )}
        {refused.length > 0 && (
          <div className="rounded border border-slate-200 bg-white p-3 text-sm">
            <h3 className="mb-2 font-medium">{t('notNow')}</h3>
            <ul className="space-y-1">
              {refused.map(({ event, refusal }) => (
                <li key={event}>
                  <span className="font-medium">{wf(`events.${event}`)}</span>
                  <span className="text-slate-600"> — {wf(`refusals.${refusal!.code}`, refusal!.params ?? {})}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </aside>
    </div>
  );
}
