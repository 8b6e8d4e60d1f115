import { describe, expect, it } from 'vitest';
import zhForm from '@/messages/zh-CN/form.json';
import enForm from '@/messages/en/form.json';
import { eventFields } from '@/components/complaint/event-fields';
import { decide, defaultCalendar, defaultSlaPolicy, eventSchemas, events, type EventName } from '@/lib/workflow';
import { actors, makeForm, sampleInputs } from '@/lib/workflow/test-fixtures';
import { customerNotice } from '@/lib/complaints/customer-notice';
import { toPublicEntry } from './tracking';
import { customerVisibleInputs, isCustomerVisibleInput } from './visible-fields';

type FormMessages = { fields: Record<string, string>; eventFields: Record<string, Record<string, string>> };
const label = (messages: FormMessages, event: string, name: string) => messages.eventFields[event]?.[name] ?? messages.fields[name];
const saysVisible = { 'zh-CN': (l: string) => l.includes('客户可见'), en: (l: string) => /(?<!not )shown to the customer/.test(l) };
const saysInternal = { 'zh-CN': (l: string) => l.includes('内部'), en: (l: string) => l.includes('internal') };
const catalogues = { 'zh-CN': zhForm as unknown as FormMessages, en: enForm as unknown as FormMessages };

/** Events whose history row the customer reads (decide's customer-visible events). */
const visibleEvents: EventName[] = ['triage', 'resolve_on_spot', 'reject', 'withdraw', 'approve_pending', 'record_contact', 'resume', 'complete_handling', 'record_follow_up', 'reopen'];

describe('what is labelled customer-visible is what the customer sees', () => {
  it('every event form field says "customer-visible" exactly when the customer sees it, in both languages', () => {
    for (const event of events) {
      for (const field of eventFields[event]) {
        const visible = isCustomerVisibleInput(event, field.name);
        for (const locale of ['zh-CN', 'en'] as const) {
          const text = label(catalogues[locale], event, field.name);
          expect(text, `${locale} ${event}.${field.name}`).toBeTruthy();
          expect(saysVisible[locale](text), `${locale} ${event}.${field.name}: "${text}"`).toBe(visible);
          // On a form the customer reads, the free text the customer does not read says so.
          if (!visible && visibleEvents.includes(event) && (field.kind === 'text' || field.kind === 'textarea' || field.kind === 'accountability')) {
            expect(saysInternal[locale](text), `${locale} ${event}.${field.name}: "${text}"`).toBe(true);
          }
        }
      }
    }
  });

  it('the tracking page and the customer message carry the visible inputs and none of the internal text', () => {
    for (const event of visibleEvents) {
      const from = { triage: 'received', resolve_on_spot: 'received', reject: 'received', withdraw: 'received', approve_pending: 'pending_approval', record_contact: 'pending', resume: 'pending', complete_handling: 'accountability', record_follow_up: 'follow_up', reopen: 'archived' }[event as string] as never;
      const input = eventSchemas[event].parse(sampleInputs[event]) as Record<string, unknown>;
      const decision = decide(makeForm({ status: from }), event, input, {
        now: new Date('2026-11-06T02:00:00Z'),
        actor: event === 'approve_pending' ? actors.gm : actors.desk,
        policy: defaultSlaPolicy,
        calendar: defaultCalendar,
        pendingProposal: { reason: 'parts_delayed', explanation: 'Gearbox part on back order' },
      });
      expect(decision.customerVisible, event).toBe(true);
      const entry = JSON.stringify(toPublicEntry({ version: 2, at: new Date(), type: event, actorRole: 'desk', payload: decision.payload }));
      const notice = customerNotice(event, decision.payload, { status: decision.to, stepDueAt: null, resolutionDueAt: new Date(), rejectionExplanation: null }, 'Service');
      const sent = JSON.stringify(notice);
      for (const [key, value] of Object.entries(decision.payload)) {
        if (typeof value !== 'string' || key === 'reason' && event === 'approve_pending') continue;
        const visible = isCustomerVisibleInput(event, key);
        // A visible text reaches the tracking page (dates and the department are shown apart from it).
        if (visible && key !== 'nextContactOn' && key !== 'departmentId') expect(entry, `${event}.${key} on the tracking page`).toContain(value);
        if (!visible) {
          expect(entry, `${event}.${key} must stay internal`).not.toContain(value);
          expect(sent, `${event}.${key} must not be sent`).not.toContain(value);
        }
      }
    }
  });

  it('the pending explanation reaches the customer once the GM approves it', () => {
    expect(customerVisibleInputs.propose_pending).toContain('explanation');
    const entry = toPublicEntry({ version: 4, at: new Date(), type: 'approve_pending', actorRole: 'gm', payload: { explanation: '原厂配件需从厂家调货，预计四周到货。', comment: '同意，每月4日跟进。', nextContactOn: '2026-12-04' } });
    expect(entry.text).toBe('原厂配件需从厂家调货，预计四周到货。');
    expect(JSON.stringify(entry)).not.toContain('每月4日跟进');
  });
});
