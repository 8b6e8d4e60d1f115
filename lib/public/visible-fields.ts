import { customerSummaryFields, type EventName } from '@/lib/workflow';

/**
 * The inputs of each event that reach the customer (tracking page or message). The form labels
 * say "customer-visible" for exactly these (a test holds labels, tracking view and messages to
 * this list); every other input stays internal.
 *
 * - `propose_pending.explanation` reaches the customer once the GM approves the pending item.
 * - `submit_determination.customerExplanation` reaches the customer once the GM decides a
 *   not-founded finding.
 * - `note.text` only when the note is marked as a progress update for the customer.
 * - `triage.departmentId`: the triage message names the department.
 * - `survey.comment`: the customer's own words with their rating (not a workflow event).
 */
export const customerVisibleInputs: Partial<Record<EventName | 'survey' | 'progress_auto' | 'promise_made', readonly string[]>> = {
  triage: ['departmentId'],
  resolve_on_spot: ['remedy', ...customerSummaryFields],
  propose_pending: ['explanation'],
  reject: ['explanation'],
  withdraw: ['reason'],
  submit_determination: ['customerExplanation'],
  // The approval's history row carries the proposal's explanation (decide copies it there).
  approve_pending: ['nextContactOn', 'explanation'],
  record_contact: ['nextContactOn'],
  resume: ['reason'],
  complete_handling: ['remedyDelivered', ...customerSummaryFields],
  reopen: ['reason'],
  note: ['text'],
  survey: ['comment'],
  // Daily progress and time promises (lib/promises): the automatic message, a visible promise.
  progress_auto: ['text'],
  promise_made: ['what'],
};

export function isCustomerVisibleInput(event: string, field: string): boolean {
  return customerVisibleInputs[event as keyof typeof customerVisibleInputs]?.includes(field) ?? false;
}
