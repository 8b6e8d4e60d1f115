import { describe, expect, it } from 'vitest';
import { createComplaintSchema } from '@/lib/workflow/schemas';
import { publicSubmitSchema } from '@/lib/public/schemas';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { localizeFieldErrors, type RootTranslator } from './messages';
import { normalizePhone, phoneSearchDigits } from './phone';
import { encodeIssue } from './issues';

describe('normalizePhone', () => {
  it.each([
    ['139 2233 4455', '+8613922334455'],
    ['13922334455', '+8613922334455'],
    ['+86 139-2233-4455', '+8613922334455'],
    ['0086 139 2233 4455', '+8613922334455'],
    ['(+86) 139.2233.4455', '+8613922334455'],
    ['１３９ ２２３３ ４４５５', '+8613922334455'], // full-width, as a Chinese input method types it
    ['0755-1234 5678', '+8675512345678'],
    ['010 1234 5678', '+861012345678'],
    ['400-800-8888', '+864008008888'],
    ['+852 9123 4567', '+85291234567'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%s → %s', (typed, e164) => {
    expect(normalizePhone(typed)).toBe(e164);
  });

  it.each(['', '1234', '12345678901', '139223344556', '1392233445', 'abc', '95588', '+86 139 2233 4455 ext. 3', '1'.repeat(50)])('refuses %j', (typed) => {
    expect(normalizePhone(typed)).toBeNull();
  });
});

describe('phoneSearchDigits', () => {
  it('compares a whole number as its E.164 digits, a part of one without its trunk prefix', () => {
    expect(phoneSearchDigits('139 2233 4455')).toBe('8613922334455');
    expect(phoneSearchDigits('0755-1234 5678')).toBe('8675512345678');
    expect(phoneSearchDigits('2233 44')).toBe('223344');
    expect(phoneSearchDigits('0755')).toBe('755');
    expect(phoneSearchDigits('0086 139')).toBe('86139');
  });
});

describe('the phone field of the intake and web forms', () => {
  const intake = { channel: 'phone', customerName: '王先生', categoryCode: 'quality', description: '刹车有异响，已经修过一次。' };
  it('stores the number in E.164 however it was typed', () => {
    expect(createComplaintSchema.parse({ ...intake, customerPhone: '139 2233 4455' }).customerPhone).toBe('+8613922334455');
    const { channel: _channel, ...customer } = intake;
    const web = publicSubmitSchema.parse({ ...customer, customerPhone: '+86 139-2233-4455', idempotencyKey: crypto.randomUUID() });
    expect(web.customerPhone).toBe('+8613922334455');
  });

  it('refuses a number that is not valid with a sentence in the reader’s language', () => {
    const r = createComplaintSchema.safeParse({ ...intake, customerPhone: '12345678901' });
    expect(r.success).toBe(false);
    const errors = fieldErrorsOf(r.error!);
    expect(errors.customerPhone).toEqual([encodeIssue({ kind: 'rule', key: 'phoneInvalid' })]);
    const t = Object.assign((key: string) => (key === 'validation.rules.phoneInvalid' ? '请填写有效的电话号码' : key), { has: () => true }) as RootTranslator;
    expect(localizeFieldErrors(errors, t)!.customerPhone).toEqual(['请填写有效的电话号码']);
  });
});
