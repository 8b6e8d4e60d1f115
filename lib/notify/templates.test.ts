import { describe, expect, it } from 'vitest';
import { renderStaffContext, renderTemplate, STAFF_LINES, TEMPLATE_NAMES, TEMPLATES, UnknownTemplateError } from './templates';

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
      if (name.startsWith('summary_') || name === 'sign_in_locked') continue; // not about a form: tested below
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
        expect(subject, `${name}/${locale}`).toContain(locale === 'en' ? 'Oct 27, 2026' : '2026年10月27日');
        expect(text, `${name}/${locale}`).toContain('https://kesu.test/reports?month=2026-10');
        expect(text, `${name}/${locale}`).toContain('¥300.00');
        expect(text, `${name}/${locale}`).not.toMatch(/CNY|元/);
        expect(subject + text).not.toMatch(/[{}]/);
      }
    }
  });

  it('a sign-in lock notice names the login or the address, the count, until when, and the security page', () => {
    const base = { failures: 100, deadline: '2026-03-02T06:30:00.000Z', url: 'https://kesu.test/admin/security' };
    for (const locale of ['zh-CN', 'en']) {
      for (const extra of [{ scope: 'login', login: 'admin' }, { scope: 'address', address: '203.0.113.9' }]) {
        const { subject, text } = renderTemplate('sign_in_locked', locale, { ...base, ...extra });
        const who = 'login' in extra ? extra.login : extra.address;
        expect(subject, locale).toContain(who);
        expect(text, locale).toContain(who);
        expect(text, locale).toContain('100');
        expect(text, locale).toContain(locale === 'en' ? 'Mar 2, 2026' : '2026年3月2日');
        expect(text, locale).toContain('https://kesu.test/admin/security');
        expect(subject + text).not.toMatch(/[{}]/);
      }
    }
  });

  it('the reward/penalty summary lists each person with each entry: form number, amount and reason', () => {
    const payload = {
      from: '2026-11-01', to: '2026-11-30', penalties: '500.00', rewards: '50.00', url: 'https://kesu.test/reports?month=2026-11',
      people: [
        { name: '吴涛', department: '售后服务部', penalties: '500.00', rewards: '0.00', entries: [
          { number: 'KS-2026-000001', penalty: '300.00', reason: '未按作业规范操作' },
          { number: 'KS-2026-000007', penalty: '200.00', reason: '交车延误' },
        ] },
        { name: '外包清洗工 老周', outside: 'true', penalties: '0.00', rewards: '50.00', entries: [{ number: 'KS-2026-000009', reward: '50.00', reason: '主动返工' }] },
      ],
    };
    const zh = renderTemplate('summary_accountability', 'zh-CN', payload).text.split('\n');
    expect(zh).toEqual([
      '上月处罚合计 ¥500.00，奖励合计 ¥50.00。',
      '吴涛（售后服务部）：处罚 ¥500.00，奖励 ¥0.00',
      '  · KS-2026-000001 处罚 ¥300.00：未按作业规范操作',
      '  · KS-2026-000007 处罚 ¥200.00：交车延误',
      '外包清洗工 老周（名录外人员）：处罚 ¥0.00，奖励 ¥50.00',
      '  · KS-2026-000009 奖励 ¥50.00：主动返工',
      '明细见报表：https://kesu.test/reports?month=2026-11',
    ]);
    const en = renderTemplate('summary_accountability', 'en', payload).text;
    expect(en).toContain('  · KS-2026-000001 penalty ¥300.00: 未按作业规范操作');
    expect(en).toContain('外包清洗工 老周 (not in the staff list): penalties ¥0.00, rewards ¥50.00');
    expect(en).toContain('  · KS-2026-000009 reward ¥50.00: 主动返工');
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
    expect(renderTemplate('received', 'zh-CN', full).text).toContain('我们将在 2026年3月2日 14:30 前与您联系');
    expect(renderTemplate('received', 'en', { number: 'KS-2026-000001' }).text).toContain('as soon as possible');
    const triaged = renderTemplate('triaged', 'en', { ...full, department: 'Parts', resolutionDue: '2026-03-05T06:30:00Z' });
    expect(triaged.subject).toBe('Form KS-2026-000123 is with our Parts');
    expect(triaged.text).toContain('We expect it to be resolved by Mar 5, 2026, 14:30.');
    const resolved = renderTemplate('resolved', 'zh-CN', { ...full, customerWhen: '今天', customerHow: '更换', customerCause: '漏检', customerPrevention: '加检' });
    expect(resolved.text.split('\n').slice(1, 5)).toEqual(['何时解决：今天', '如何解决：更换', '问题原因：漏检', '今后如何避免：加检']);
    expect(renderTemplate('pending', 'en', { ...full, contactDay: '2027-01-04' }).text).toContain('We will contact you again on Jan 4, 2027.');
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
    expect(text).toContain('Mar 2, 2026, 14:30');
    expect(renderTemplate('deadline_warning', 'zh-CN', { number: 'KS-2026-000001', deadline: '2026-03-02T06:30:00Z' }).text).toContain('2026年3月2日 14:30');
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

describe('the texts live in messages/<locale>/notify.json', () => {
  // Keys the composition names, with the lists' keys under the list's name.
  function keysOf(lines: unknown[], prefix: string): string[] {
    return lines.flatMap((line) =>
      typeof line === 'string' ? [prefix + line]
        : Array.isArray(line) ? line.map((k: string) => prefix + k)
        : keysOf((line as { lines: unknown[] }).lines, `${prefix}${(line as { each: string }).each}.`),
    );
  }
  function leaves(node: unknown, prefix: string): string[] {
    return typeof node === 'string' ? [prefix.slice(0, -1)] : Object.entries(node as object).flatMap(([k, v]) => leaves(v, `${prefix}${k}.`));
  }

  it.each(['zh-CN', 'en'] as const)('%s: every message the templates compose exists, and every notify message is used', async (locale) => {
    const { loadMessages } = await import('@/lib/i18n/messages');
    const messages = loadMessages(locale) as Record<string, Record<string, unknown>>;
    const notify = messages.notify;
    const composed = (namespace?: string) =>
      TEMPLATE_NAMES.filter((name) => TEMPLATES[name].namespace === namespace).flatMap((name) => keysOf([TEMPLATES[name].subject, ...TEMPLATES[name].lines], `${name}.`));
    const used = [
      ...composed(undefined),
      // The staff notices' own lines (which complaint, what to do by when): composed by renderStaffContext.
      ...keysOf(Object.values(STAFF_LINES), 'staff.'),
    ].sort();
    expect(leaves(notify, '').sort()).toEqual(used);
    // Templates whose texts live in a feature's own file (TemplateShape.namespace).
    expect(leaves(messages.promises.notify as Record<string, unknown>, '').sort()).toEqual(composed('promises.notify').sort());
  });

  it('renders from the message files, not from text in the code', async () => {
    const source = (await import('node:fs')).readFileSync('lib/notify/templates.ts', 'utf8');
    expect(source).not.toMatch(/[\u4e00-\u9fff]/);
    expect(source).not.toMatch(/Track its progress/);
  });
});

describe('staff notices say what happened to what', () => {
  const form = { customer: '王先生', category: '服务态度', summary: '接待员态度冷淡，不理不睬。' };
  it('names the customer, the category and a line of the complaint, and what the reader must do by when', () => {
    const zh = renderStaffContext('zh-CN', { ...form, action: 'investigating', deadline: new Date('2026-03-02T06:30:00.000Z') });
    expect(zh.about).toBe('客户 王先生 · 服务态度：“接待员态度冷淡，不理不睬。”');
    expect(zh.task).toMatch(/^待您处理：完成调查并提交责任认定，截止 2026年3月2日.*14:30。$/);
    const en = renderStaffContext('en', { ...form, category: 'Service attitude', action: 'follow_up', deadline: new Date('2026-03-02T06:30:00.000Z') });
    expect(en.about).toBe('Customer 王先生 · Service attitude: “接待员态度冷淡，不理不睬。”');
    expect(en.task).toMatch(/^For you: call the customer back and record the rating, by .*2026.*14:30\.$/);
  });
  it('says when there is nothing to do, and does without a missing category or deadline', () => {
    expect(renderStaffContext('zh-CN', form).task).toBe('仅供知悉：本环节不需要您处理。');
    expect(renderStaffContext('en', form).task).toBe('For your information: this step is not yours to take.');
    expect(renderStaffContext('zh-CN', { customer: '王先生', summary: '态度差' }).about).toBe('客户 王先生：“态度差”');
    expect(renderStaffContext('en', { action: 'received' }).task).toBe('For you: triage it or resolve it on the spot.');
    expect(renderStaffContext('en', {}).about).toBeNull();
  });
});
