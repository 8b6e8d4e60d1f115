import { customerSummaryFields, type EventName } from '@/lib/workflow';

/** The facts of the form, after the event, that a customer message may quote. */
export interface NoticeForm {
  status: string;
  stepDueAt: Date | null;
  resolutionDueAt: Date;
  rejectionExplanation: string | null;
}

export interface CustomerNoticeText {
  /** The customer-visible text of the event (a reason, an explanation, the remedy). */
  message?: string;
  /** Further template fields: deadlines, the department, the four answers of the summary. */
  payload: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

/**
 * What the customer's message about `event` says, taken only from fields labelled customer-visible
 * on the event's form (components/complaint/event-fields.ts, lib/public/visible-fields.ts).
 * `payload` is the history payload (the parsed input, plus what decide added: the pending
 * proposal's explanation and next contact date on approve_pending). `departmentName` is in the
 * customer's language.
 */
export function customerNotice(
  event: EventName,
  payload: Record<string, unknown>,
  form: NoticeForm,
  departmentName?: string,
): CustomerNoticeText {
  const extra: Record<string, unknown> = {};
  const deadline = form.stepDueAt?.toISOString();
  let message: string | undefined;
  switch (event) {
    case 'reject':
      message = str(payload.explanation);
      break;
    case 'approve_final':
      // Not founded: the determination's explanation, never the GM's internal opinion.
      if (form.status === 'rejected') message = str(form.rejectionExplanation);
      break;
    case 'note':
      if (payload.customerVisible === true) message = str(payload.text);
      break;
    case 'withdraw':
      message = str(payload.reason);
      break;
    case 'resume':
    case 'reopen':
      message = str(payload.reason);
      extra.deadline = deadline;
      break;
    case 'triage':
      extra.department = departmentName;
      extra.deadline = deadline;
      extra.resolutionDue = form.resolutionDueAt.toISOString();
      break;
    case 'approve_pending':
      message = str(payload.explanation);
      extra.contactDay = str(payload.nextContactOn);
      break;
    case 'resolve_on_spot':
    case 'complete_handling': {
      const remedy = (event === 'resolve_on_spot' ? payload.remedy : payload.remedyDelivered) as { description?: string } | undefined;
      message = str(remedy?.description);
      for (const field of customerSummaryFields) extra[field] = str(payload[field]);
      break;
    }
    default:
      break;
  }
  for (const key of Object.keys(extra)) if (extra[key] === undefined) delete extra[key];
  return { message, payload: extra };
}
