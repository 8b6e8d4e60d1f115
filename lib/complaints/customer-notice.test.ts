import { describe, expect, it } from 'vitest';
import { customerSummaryFields, decide, defaultCalendar, defaultSlaPolicy, eventSchemas, transitions, type EventName, type FormFacts, type State } from '@/lib/workflow';
import { actors, makeForm, sampleInputs } from '@/lib/workflow/test-fixtures';
import { renderTemplate } from '@/lib/notify/templates';
import { customerNotice } from './customer-notice';

const now = new Date('2026-11-06T02:00:00Z');
const base = { number: 'KS-2026-000123', trackUrl: 'https://kesu.test/track/abc', accessCode: 'X7K2P9' };
/** Events that are themselves a conversation with the customer (a call, a visit), recorded by staff. */
const directContacts = new Set<EventName>(['record_contact', 'record_follow_up', 'submit_determination']);

/** Every (state, event) the procedure allows, plus the stateless events in a handling state. */
function cases(): { from: State; event: EventName; form: FormFacts }[] {
  const out: { from: State; event: EventName; form: FormFacts }[] = [];
  for (const tr of transitions) {
    out.push({ from: tr.from, event: tr.event, form: makeForm({ status: tr.from, founded: tr.from === 'gm_decision' ? true : null }) });
    // The GM's approval of a not-founded finding closes the form with its explanation.
    if (tr.event === 'approve_final') {
      out.push({ from: tr.from, event: tr.event, form: makeForm({ status: tr.from, founded: false }) });
    }
  }
  for (const event of ['note', 'instruct', 'evidence_added'] as const) out.push({ from: 'investigating', event, form: makeForm({ status: 'investigating' }) });
  return out;
}

const explanation = 'We compared our repair records: the part was not fitted by us.';

function fire(c: { event: EventName; form: FormFacts }) {
  const input = eventSchemas[c.event].parse(sampleInputs[c.event]);
  const decision = decide(c.form, c.event, input, {
    now,
    actor: c.event === 'approve_final' || c.event === 'approve_pending' ? actors.gm : actors.desk,
    policy: defaultSlaPolicy,
    calendar: defaultCalendar,
    pendingProposal: { reason: 'parts_delayed', explanation: 'Gearbox part on back order' },
    notFoundedExplanation: explanation,
  });
  const after = { ...c.form, ...decision.patch };
  const notice = customerNotice(c.event, decision.payload, { ...after, rejectionExplanation: c.form.founded === false ? explanation : null }, 'After-sales service');
  const templates = decision.effects.flatMap((e) => (e.kind === 'notify' && e.audience === 'customer' ? [e.template] : []));
  return { decision, notice, templates };
}

describe('customer messages say something true and specific', () => {
  it('every customer message of every event carries its specific content, beyond the header, in both languages', () => {
    let checked = 0;
    for (const c of cases()) {
      const { notice, templates } = fire(c);
      for (const template of templates) {
        // The specific content: the customer-visible text and the fields only this event gives.
        const specific = [notice.message, ...Object.values(notice.payload)].filter((v): v is string => typeof v === 'string');
        expect(specific.length, `${c.from} --${c.event}--> ${template}: nothing specific`).toBeGreaterThan(0);
        for (const locale of ['zh-CN', 'en']) {
          const { text } = renderTemplate(template, locale, { ...base, message: notice.message, ...notice.payload });
          const where = `${c.from} --${c.event}--> ${template} (${locale})`;
          expect(text, where).not.toMatch(/[{}]/);
          for (const value of specific) {
            // Deadlines are ISO instants: the text shows them formatted, never raw.
            if (/^\d{4}-\d{2}-\d{2}T/.test(value)) expect(text, where).toMatch(/\d{2}:\d{2}/);
            else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) expect(text, where).toMatch(new RegExp(value.slice(0, 4)));
            else expect(text, where).toContain(value);
          }
          // A line that announces something (ends in a colon) is followed by that very content.
          const lines = text.split('\n');
          lines.forEach((line, i) => {
            if (/[:：]\s*$/.test(line)) expect(specific, `${where}: "${line}" is followed by nothing specific`).toContain(lines[i + 1]);
          });
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('triage names the department and the deadlines; resume and reopen say why and by when', () => {
    const triage = fire({ event: 'triage', form: makeForm() });
    expect(triage.templates).toEqual(['triaged']);
    const zh = renderTemplate('triaged', 'zh-CN', { ...base, ...triage.notice.payload }).text;
    expect(zh).toContain('已交由After-sales service负责处理');
    expect(zh).toContain('预计解决时间');
    const en = renderTemplate('triaged', 'en', { ...base, ...triage.notice.payload }).text;
    expect(en).toMatch(/handled by our After-sales service\.\nThey will finish looking into it and decide what to do by [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}/);

    const resume = fire({ event: 'resume', form: makeForm({ status: 'pending', pausedAt: now }) });
    expect(resume.templates).toEqual(['resumed']);
    const r = renderTemplate('resumed', 'zh-CN', { ...base, message: resume.notice.message, ...resume.notice.payload }).text;
    expect(r).toContain('已恢复处理：Part arrived');
    expect(r).toMatch(/将在 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前完成调查/);

    const reopen = fire({ event: 'reopen', form: makeForm({ status: 'archived' }) });
    const o = renderTemplate('reopened', 'en', { ...base, message: reopen.notice.message, ...reopen.notice.payload }).text;
    expect(o).toContain('Reason: Customer still hears the noise');
    expect(o).toMatch(/The next step is due by [A-Z][a-z]{2} \d{1,2}, \d{4}/);
  });

  it('the pending message explains why and says when we call again; the completion gives the four answers', () => {
    const pending = fire({ event: 'approve_pending', form: makeForm({ status: 'pending_approval' }) });
    expect(pending.notice.message).toBe('Gearbox part on back order');
    const p = renderTemplate('pending', 'zh-CN', { ...base, message: pending.notice.message, ...pending.notice.payload }).text;
    expect(p).toContain('原因：Gearbox part on back order');
    expect(p).toContain('我们将在 2026年12月4日 再次与您联系');

    for (const event of ['complete_handling', 'resolve_on_spot'] as const) {
      const done = fire({ event, form: makeForm({ status: event === 'complete_handling' ? 'accountability' : 'received' }) });
      const input = sampleInputs[event] as unknown as Record<string, string>;
      for (const locale of ['zh-CN', 'en']) {
        const { text } = renderTemplate('resolved', locale, { ...base, message: done.notice.message, ...done.notice.payload });
        for (const f of customerSummaryFields) expect(text, `${event} ${f}`).toContain(input[f]);
        // The internal root cause stays internal.
        expect(text).not.toContain(input.rootCause);
        expect(text).not.toContain(input.preventiveAction);
      }
    }
  });

  it('the first response is the first event that tells the customer something', () => {
    for (const c of cases()) {
      const { decision, notice, templates } = fire(c);
      const where = `${c.from} --${c.event}-->`;
      if (decision.patch.firstResponseAt === undefined) continue;
      // Either a message with something in it went out, or staff spoke with the customer.
      const told = templates.length > 0 && (notice.message !== undefined || Object.keys(notice.payload).length > 0);
      expect(told || directContacts.has(c.event), where).toBe(true);
    }
    // Staff-only steps never count as a response.
    for (const event of ['refuse_pending', 'approve_opinion', 'dispute_opinion', 'return_to_department', 'instruct', 'evidence_added'] as const) {
      const from = transitions.find((t) => t.event === event)?.from ?? 'investigating';
      expect(fire({ event, form: makeForm({ status: from }) }).decision.patch.firstResponseAt, event).toBeUndefined();
    }
    const internalNote = decide(makeForm(), 'note', eventSchemas.note.parse({ text: 'Checked the part' }), { now, actor: actors.desk, policy: defaultSlaPolicy, calendar: defaultCalendar });
    expect(internalNote.patch.firstResponseAt).toBeUndefined();
  });
});
