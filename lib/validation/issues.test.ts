/**
 * Every kind of zod issue our schemas raise becomes a sentence that names the field, in Chinese
 * and in English, with no zod developer text ("expected string", the enum's quoted values) and
 * no English in the Chinese one — whether the browser words it (the resolver) or the server
 * (a code in the action's field errors, localized).
 */
import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import { z } from 'zod';
import { createComplaintSchema, eventSchemas, determinationDraftSchema } from '@/lib/workflow/schemas';
import { calendarDaySchema, calendarSettingsSchema, createUserSchema } from '@/lib/admin/schemas';
import { slaPolicySchema } from '@/lib/workflow';
import { credentialsSchema } from '@/lib/auth/credentials';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { loadMessages } from '@/lib/i18n/messages';
import { decodeIssue, describeIssue, encodeIssue } from './issues';
import { adminLabelNamespaces, fieldLabel, issueText, localizeFieldErrors, type RootTranslator } from './messages';
import { localizedResolver } from './resolver';

const tr = (locale: 'zh-CN' | 'en') => createTranslator({ locale, messages: loadMessages(locale) as never }) as unknown as RootTranslator;
const zh = tr('zh-CN');
const en = tr('en');

/** Latin letters a Chinese sentence may carry: an example value, not a word of English. */
const allowedLatin = /Asia\/Shanghai|U\+[0-9A-F]{4}/g;
function expectSentence(text: string, locale: 'zh-CN' | 'en', label: string) {
  expect(text, text).toContain(label);
  expect(text).not.toMatch(/expected|received|string|Invalid|Too (small|big)|kesu:|"/);
  if (locale === 'zh-CN') {
    expect(text.replace(allowedLatin, ''), `English in zh-CN: ${text}`).not.toMatch(/[A-Za-z]/);
    expect(text).toMatch(/[。！]$/);
  } else {
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(text).toMatch(/[.!]$/);
  }
}

/** Bad input for every kind of issue the schemas raise, and the field it lands on. */
const cases: { name: string; schema: z.ZodType; input: unknown; path: string; kind: string; labels?: readonly string[] }[] = [
  { name: 'empty text', schema: eventSchemas.reject, input: { explanation: '' }, path: 'explanation', kind: 'required' },
  { name: 'missing text', schema: eventSchemas.resume, input: {}, path: 'reason', kind: 'required' },
  { name: 'too long', schema: eventSchemas.resume, input: { reason: 'x'.repeat(4001) }, path: 'reason', kind: 'tooLong' },
  { name: 'too short', schema: createComplaintSchema, input: { description: 'abc' }, path: 'description', kind: 'tooShort' },
  { name: 'enum not chosen', schema: eventSchemas.propose_pending, input: { explanation: 'x' }, path: 'reason', kind: 'choose' },
  { name: 'enum bad value', schema: eventSchemas.propose_pending, input: { reason: 'unclear_faultX', explanation: 'x' }, path: 'reason', kind: 'choose' },
  { name: 'boolean not chosen', schema: eventSchemas.pass_assessment, input: { standardMet: true }, path: 'timely', kind: 'choose' },
  { name: 'literal true', schema: eventSchemas.record_negotiation, input: { participants: ['a', 'b'], opinion: 'x', signed: false }, path: 'signed', kind: 'confirm' },
  { name: 'too few items', schema: eventSchemas.record_negotiation, input: { participants: ['a'], opinion: 'x', signed: true }, path: 'participants', kind: 'tooFew' },
  { name: 'number too low', schema: eventSchemas.record_follow_up, input: { satisfaction: 1, summary: 'x' }, path: 'satisfaction', kind: 'tooLow' },
  { name: 'number too high', schema: eventSchemas.record_follow_up, input: { satisfaction: 9, summary: 'x' }, path: 'satisfaction', kind: 'tooHigh' },
  { name: 'missing number', schema: eventSchemas.record_follow_up, input: { summary: 'x' }, path: 'satisfaction', kind: 'required' },
  { name: 'not a whole number', schema: eventSchemas.record_follow_up, input: { satisfaction: 3.5, summary: 'x' }, path: 'satisfaction', kind: 'wholeNumber' },
  { name: 'bad date', schema: eventSchemas.record_contact, input: { summary: 'x', nextContactOn: '2026-13-45' }, path: 'nextContactOn', kind: 'date' },
  { name: 'bad e-mail', schema: createComplaintSchema, input: { customerEmail: 'not-an-address' }, path: 'customerEmail', kind: 'email' },
  { name: 'bad phone', schema: createComplaintSchema, input: { customerPhone: 'abc' }, path: 'customerPhone', kind: 'rule' },
  { name: 'bad character', schema: eventSchemas.resume, input: { reason: 'a\u0000b' }, path: 'reason', kind: 'badChar' },
  { name: 'union (name or none)', schema: determinationDraftSchema, input: { responsiblePerson: 'x'.repeat(201) }, path: 'responsiblePerson', kind: 'tooLong' },
  { name: 'remedy amount rule', schema: eventSchemas.resolve_on_spot, input: { remedy: { kind: 'compensation', description: 'x' }, rootCause: 'x', preventiveAction: 'x', followUpWanted: true }, path: 'remedy.amountCents', kind: 'rule' },
  { name: 'negative amount', schema: eventSchemas.resolve_on_spot, input: { remedy: { kind: 'repair', description: 'x', amountCents: -5 }, rootCause: 'x', preventiveAction: 'x', followUpWanted: true }, path: 'remedy.amountCents', kind: 'tooLow' },
  { name: 'accountability entry', schema: eventSchemas.complete_handling, input: { remedyDelivered: { kind: 'repair', description: 'x' }, accountability: [{ person: '', type: 'penalty', amountCents: 0, reason: 'r' }], rootCause: 'x', preventiveAction: 'x' }, path: 'accountability.0.person', kind: 'rule' },
  { name: 'accountability rule', schema: eventSchemas.complete_handling, input: { remedyDelivered: { kind: 'repair', description: 'x' }, accountability: [], rootCause: 'x', preventiveAction: 'x', customerWhen: 'x', customerHow: 'x', customerCause: 'x', customerPrevention: 'x' }, path: 'noAccountabilityReason', kind: 'rule' },
  { name: 'determination: department', schema: eventSchemas.submit_determination, input: { founded: true, rootCause: 'x', customerContacted: true }, path: 'responsibleDepartmentId', kind: 'rule' },
  { name: 'determination: explanation', schema: eventSchemas.submit_determination, input: { founded: false, rootCause: 'x', customerContacted: true }, path: 'customerExplanation', kind: 'rule' },
  { name: 'admin login format', schema: createUserSchema, input: { login: '-x', name: 'n', role: 'desk', password: 'p'.repeat(10) }, path: 'login', kind: 'format', labels: adminLabelNamespaces },
  { name: 'admin empty login', schema: createUserSchema, input: { login: '', name: 'n', role: 'desk', password: 'p'.repeat(10) }, path: 'login', kind: 'required', labels: adminLabelNamespaces },
  { name: 'admin department rule', schema: createUserSchema, input: { login: 'abc', name: 'n', role: 'department', password: 'p'.repeat(10) }, path: 'departmentId', kind: 'rule', labels: adminLabelNamespaces },
  { name: 'admin short password', schema: createUserSchema, input: { login: 'abc', name: 'n', role: 'desk', password: 'short' }, path: 'password', kind: 'tooShort', labels: adminLabelNamespaces },
  { name: 'calendar time zone', schema: calendarSettingsSchema, input: { timeZone: 'Mars/Olympus', workdayStart: '09:00', workdayEnd: '18:00' }, path: 'timeZone', kind: 'rule', labels: adminLabelNamespaces },
  { name: 'calendar hours', schema: calendarSettingsSchema, input: { timeZone: 'Asia/Shanghai', workdayStart: '18:00', workdayEnd: '09:00' }, path: 'workdayEnd', kind: 'rule', labels: adminLabelNamespaces },
  { name: 'calendar time format', schema: calendarSettingsSchema, input: { timeZone: 'Asia/Shanghai', workdayStart: '9', workdayEnd: '18:00' }, path: 'workdayStart', kind: 'format', labels: adminLabelNamespaces },
  { name: 'calendar day name (union)', schema: calendarDaySchema, input: { day: '2027-01-01', kind: 'holiday', name: 'x'.repeat(51) }, path: 'name', kind: 'tooLong', labels: adminLabelNamespaces },
  { name: 'SLA amount', schema: slaPolicySchema, input: { pendingContactDay: 40 }, path: 'pendingContactDay', kind: 'tooHigh', labels: adminLabelNamespaces },
  { name: 'SLA empty number (NaN)', schema: slaPolicySchema, input: { pendingContactDay: Number.NaN }, path: 'pendingContactDay', kind: 'required', labels: adminLabelNamespaces },
  { name: 'login', schema: credentialsSchema, input: { login: '', password: 'x' }, path: 'login', kind: 'required' },
];

describe('field error sentences', () => {
  for (const c of cases) {
    it(`${c.name}: a sentence naming the field, in zh-CN and en, on the client and from the server`, async () => {
      const parsed = c.schema.safeParse(c.input);
      expect(parsed.success).toBe(false);
      const issue = parsed.error!.issues.find((i) => i.path.join('.') === c.path);
      expect(issue, JSON.stringify(parsed.error!.issues.map((i) => i.path.join('.')))).toBeDefined();
      const word = describeIssue(issue!);
      expect(word.kind).toBe(c.kind);
      expect(decodeIssue(encodeIssue(word))).toEqual(word);
      for (const [locale, t] of [['zh-CN', zh], ['en', en]] as const) {
        const text = issueText(t, c.path, word, c.labels);
        // A rule's sentence names what to do in its own words; every other one names the field by its label.
        const label = word.kind === 'rule' ? '' : fieldLabel(t, c.path, c.labels);
        expect(label).not.toBe(t('common.badChar.thisField'));
        expectSentence(text, locale, label);
        // The server's field errors carry codes; localized, they read the same.
        const server = localizeFieldErrors(fieldErrorsOf(parsed.error!), t, c.labels)!;
        expect(server[c.path]).toContain(text);
        // The form's resolver shows the same sentence under the field.
        const resolved = await localizedResolver(c.schema, t, { labels: c.labels })(c.input as never, undefined, { fields: {}, shouldUseNativeValidation: false } as never);
        let node: unknown = resolved.errors;
        for (const k of c.path.split('.')) node = (node as Record<string, unknown> | undefined)?.[k];
        expect((node as { message?: string } | undefined)?.message).toBe(text);
      }
    });
  }

  it('asks to choose a field picked from a list, although its schema is a string', () => {
    expect(issueText(zh, 'categoryCode', { kind: 'required' })).toBe('请选择「投诉类别」。');
    expect(issueText(en, 'departmentId', { kind: 'required' })).toBe('Please choose “Responsible department”.');
  });

  it('names a remedy or accountability part by its parent, and an entry by its number', () => {
    expect(fieldLabel(zh, 'remedyProposal.description')).toBe('建议处理措施 · 具体内容');
    expect(fieldLabel(en, 'accountability.1.reason')).toBe('Accountability (penalties / rewards, internal), entry 2 · Reason');
  });

  it('says amounts in yuan, as they are typed, not in the cents they are stored in', () => {
    expect(issueText(zh, 'remedy.amountCents', { kind: 'tooHigh', n: 1_000_000_000_00 })).toContain('1000000000');
    expect(issueText(en, 'remedy.amountCents', { kind: 'tooHigh', n: 1_000_000_000_00 })).toContain('1,000,000,000');
  });

  it('leaves text that is not a code alone, and refuses malformed codes', () => {
    expect(localizeFieldErrors({ files: ['a.exe: not allowed'] }, zh)).toEqual({ files: ['a.exe: not allowed'] });
    expect(decodeIssue('kesu:tooLong:abc')).toBeNull();
    expect(decodeIssue('kesu:rule:<script>')).toBeNull();
  });

  it('every rule key the schemas use has a sentence in both languages', () => {
    const zhRules = Object.keys((loadMessages('zh-CN').validation as { rules: object }).rules).sort();
    const enRules = Object.keys((loadMessages('en').validation as { rules: object }).rules).sort();
    expect(zhRules).toEqual(enRules);
  });
});
