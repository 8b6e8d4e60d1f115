import { getLocale, getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/get-format';
import { customerSummaryFields } from '@/lib/workflow';
import { pendingReasons } from '@/lib/workflow/states';
import { isCustomerVisibleInput } from '@/lib/public/visible-fields';
import type { FormHistoryEvent } from '@/lib/complaints/form-view';
import { surveyActorName } from '@/lib/complaints/survey';

// Events whose `reason` is typed by a person (not a pending-reason code).
const freeTextReason = new Set(['withdraw', 'refuse_pending', 'resume', 'dispute_opinion', 'return_to_department', 'return_to_management', 'reopen']);
// The parts of a payload worth reading in the timeline, in this order.
const textKeys = ['what', 'explanation', 'reason', 'text', 'faultOpinion', 'opinion', 'summary', 'instruction', 'fault', 'settlement', 'comment', 'rootCause'];

/** The full history of a form: who, when, what, and whether the customer sees it. */
export async function HistoryTimeline({ events }: { events: FormHistoryEvent[] }) {
  const [t, wf, common, format, locale, promises, handover] = await Promise.all([
    getTranslations('form'),
    getTranslations('workflow'),
    getTranslations('common'),
    getFormat(),
    getLocale(),
    getTranslations('promises.history'),
    getTranslations('handover.history'),
  ]);
  const eightd = await getTranslations('eightd.history');
  return (
    <ol className="space-y-3" data-testid="history">
      {events.map((e) => {
        const payload = (e.payload ?? {}) as Record<string, unknown>;
        // On a customer-visible row, each text says whether the customer reads it (a root cause never).
        const seen = (key: string) => e.customerVisible && isCustomerVisibleInput(e.type, key);
        const texts: { text: string; label?: string; visible: boolean }[] = textKeys
          .filter((k) => typeof payload[k] === 'string' && payload[k])
          .map((k) => ({ text: String(payload[k]), visible: seen(k) }));
        // A pending item's reason is a code (parts_delayed …; the proposal and the approval both
        // carry it): show its label, never the code. Elsewhere `reason` is free text.
        const reason = texts.find((x) => x.text === String(payload.reason));
        if (!freeTextReason.has(e.type) && reason && (pendingReasons as readonly string[]).includes(reason.text)) {
          reason.text = format.labelled(t('fields.reason'), wf(`pendingReasons.${reason.text}`));
        }
        for (const k of customerSummaryFields) {
          if (typeof payload[k] === 'string' && payload[k]) texts.push({ label: t(`fields.${k}`), text: String(payload[k]), visible: seen(k) });
        }
        for (const key of ['remedy', 'remedyProposal', 'remedyDelivered']) {
          const remedy = payload[key] as { kind?: string; description?: string } | undefined;
          if (remedy?.description) texts.push({ text: format.labelled(wf(`remedyKinds.${remedy.kind}`), remedy.description), visible: seen(key) });
        }
        if (Array.isArray(payload.files)) texts.push({ text: format.labelled(t('evidence'), format.list((payload.files as { filename?: string }[]).map((f) => f.filename ?? ''))), visible: false });
        if (Array.isArray(payload.participants)) texts.push({ text: format.labelled(t('fields.participants'), format.list(payload.participants.map(String))), visible: false });
        const label = e.type === 'create' ? t('created') : e.type === 'handover' ? handover('handover', { position: String(payload.position), from: typeof payload.from === 'string' ? payload.from : 'none', to: String(payload.to ?? '') }) : wf.has(`events.${e.type}`) ? wf(`events.${e.type}`) : promises.has(e.type) ? promises(e.type, { absent: String(payload.absent ?? ''), cover: String(payload.cover ?? 'none') }) : eightd.has(e.type) ? eightd(e.type as never) : t(`extraEvents.${e.type}`);
        // A department's people by their department's name ("服务部"), not the role's ("责任部门").
        const department = e.actorRole === 'department' ? (locale === 'en' ? e.actorDepartmentNameEn : e.actorDepartmentName) : null;
        const role = department ?? (common.has(`roles.${e.actorRole}`) ? common(`roles.${e.actorRole}`) : e.actorRole === 'system' ? promises('system') : t('customer'));
        // A survey's row records the customer's role, not a name (lib/complaints/survey.ts): show it once.
        const who = e.actorRole === 'customer' && e.actorName === surveyActorName ? role : `${e.actorName} · ${role}`;
        return (
          <li key={e.id} className="border-l-2 border-slate-300 pl-3">
            <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
              <span className="font-medium">{label}</span>
              {e.fromState !== e.toState && <span className="text-slate-600">→ {wf(`states.${e.toState}`)}</span>}
              <span className={`rounded px-1.5 text-xs ${e.customerVisible ? 'bg-green-100 text-green-900' : 'bg-slate-100 text-slate-700'}`}>
                {e.customerVisible ? t('customerVisible') : t('internal')}
              </span>
              {payload.adminRepair === true && <span className="rounded bg-red-100 px-1.5 text-xs text-red-900">{t('adminRepair')}</span>}
              {typeof payload.coverFor === 'string' && <span className="rounded bg-violet-100 px-1.5 text-xs text-violet-900" data-testid="cover-mark">{promises('coverFor', { absent: payload.coverFor })}</span>}
            </div>
            <div className="text-xs text-slate-600">
              {format.dateTime(e.at)} · {who}
            </div>
            {texts.map(({ text, label, visible }, i) => (
              <p key={i} className="mt-1 whitespace-pre-line text-sm">
                {e.customerVisible && !visible && <span className="mr-1 rounded bg-slate-100 px-1 text-xs text-slate-700">{t('internal')}</span>}
                {label && <span className="mr-1 font-medium">{label}</span>}
                {text}
              </p>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
