import { describe, expect, it } from 'vitest';
import { renderTemplate, TEMPLATE_NAMES, TEMPLATES, UnknownTemplateError } from './templates';

const full = {
  number: 'KS-2026-000123',
  statusLabel: '责任认定',
  trackUrl: 'https://kesu.test/track/abc',
  accessCode: 'X7K2P9',
  message: '配件预计周五到货。',
  deadline: '2026-03-02T06:30:00.000Z',
  url: 'https://kesu.test/complaints/KS-2026-000123',
  satisfaction: 2,
};

describe('renderTemplate', () => {
  it('covers every template in both languages, with no field left unfilled', () => {
    for (const name of TEMPLATE_NAMES) {
      if (name.startsWith('summary_')) continue; // about a period, not a form: tested below
      for (const locale of ['zh-CN', 'en']) {
        const { subject, text } = renderTemplate(name, locale, full);
        expect(subject, `${name}/${locale}`).toContain('KS-2026-000123');
        expect(text, `${name}/${locale}`).toContain('KS-2026-000123');
        expect(subject + text).not.toMatch(/[{}]/);
      }
    }
    expect(Object.keys(TEMPLATES).sort()).toEqual([...TEMPLATE_NAMES].sort());
  });

  it('summaries: the period, the counts and the report link, in both languages', () => {
    const summary = { from: '2026-10-27', to: '2026-11-02', received: 12, resolved: 9, overdue: 2, penalties: '300.00', rewards: '0.00', url: 'https://kesu.test/reports?month=2026-10' };
    for (const name of TEMPLATE_NAMES.filter((n) => n.startsWith('summary_'))) {
      for (const locale of ['zh-CN', 'en']) {
        const { subject, text } = renderTemplate(name, locale, summary);
        expect(subject, `${name}/${locale}`).toContain('2026-10-27');
        expect(text, `${name}/${locale}`).toContain('https://kesu.test/reports?month=2026-10');
        expect(text, `${name}/${locale}`).toContain('300.00');
        expect(subject + text).not.toMatch(/[{}]/);
      }
    }
  });

  it('received: number, access code and tracking link', () => {
    const zh = renderTemplate('received', 'zh-CN', full);
    expect(zh.text).toContain('X7K2P9');
    expect(zh.text).toContain('https://kesu.test/track/abc');
    const en = renderTemplate('received', 'en', full);
    expect(en.subject).toBe('We have received your complaint (KS-2026-000123)');
    expect(en.text).toContain('Access code: X7K2P9');
  });

  it('customer messages carry their specific fields: the first-response deadline, the department, the four answers', () => {
    expect(renderTemplate('received', 'zh-CN', full).text).toContain('我们将在 2026/03/02 14:30 前与您联系');
    expect(renderTemplate('received', 'en', { number: 'KS-2026-000001' }).text).toContain('as soon as possible');
    const triaged = renderTemplate('triaged', 'en', { ...full, department: 'Parts', resolutionDue: '2026-03-05T06:30:00Z' });
    expect(triaged.subject).toBe('Form KS-2026-000123 is with our Parts');
    expect(triaged.text).toContain('We expect it to be resolved by 03/05/2026, 14:30.');
    const resolved = renderTemplate('resolved', 'zh-CN', { ...full, customerWhen: '今天', customerHow: '更换', customerCause: '漏检', customerPrevention: '加检' });
    expect(resolved.text.split('\n').slice(1, 5)).toEqual(['何时解决：今天', '如何解决：更换', '问题原因：漏检', '今后如何避免：加检']);
    expect(renderTemplate('pending', 'en', { ...full, contactDay: '2027-01-04' }).text).toContain('We will contact you again on 01/04/2027.');
  });

  it('leaves out lines whose fields are missing and picks the fitting alternative', () => {
    const { subject, text } = renderTemplate('state_changed', 'en', { number: 'KS-2026-000001' });
    expect(subject).toBe('Form KS-2026-000001 has been updated');
    expect(text).toBe('Your form KS-2026-000001 has been updated.');
    const r = renderTemplate('received', 'zh-CN', { number: 'KS-2026-000001' });
    expect(r.text).not.toContain('查询码');
  });

  it('formats the deadline in the business time zone (Asia/Shanghai by default)', () => {
    const { text } = renderTemplate('deadline_warning', 'en', { number: 'KS-2026-000001', deadline: '2026-03-02T06:30:00Z' });
    expect(text).toMatch(/03\/02\/2026, 14:30/);
  });

  it('treats en-US as English and anything else as Chinese; refuses unknown templates', () => {
    expect(renderTemplate('survey', 'en-US', full).subject).toMatch(/^How did we/);
    expect(renderTemplate('survey', 'fr', full).subject).toMatch(/^请为/);
    expect(() => renderTemplate('nope', 'en', full)).toThrow(UnknownTemplateError);
  });
});

describe('templates cover the procedure', () => {
  it('has a text for every notice the workflow and the command layer queue', async () => {
    const workflowMessages = (await import('@/messages/en/workflow.json')).default as { notifyTemplates: Record<string, string> };
    const needed = new Set([...Object.keys(workflowMessages.notifyTemplates), 'received', 'assigned', 'deadline_warning', 'overdue', 'low_satisfaction']);
    for (const name of needed) expect(TEMPLATE_NAMES, name).toContain(name);
  });
});
