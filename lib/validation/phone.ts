/**
 * Phone numbers as stored: E.164 ("+8613922334455"), whatever way they were typed
 * ("139 2233 4455", "+86 139-2233-4455", "0086…", full-width digits). One form for every
 * entry point, so that the same customer is found by an exact match (repeat complaints), the
 * SMS goes to a number a provider accepts, and a search by digits finds it.
 * The max metadata: the smaller ones accept any 11 digits starting with 1 as a Chinese mobile.
 * Pure: safe to import from client components (the intake and web forms validate with it).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { safeText } from './text';
import { ruleParams } from './issues';

/** Numbers without a country code are Chinese (DESIGN: a Chinese service business). */
export const defaultPhoneCountry = 'CN' as const;

/** The number in E.164, or null when it is not a valid number (an extension is refused too: an SMS cannot reach it). */
export function normalizePhone(raw: string): string | null {
  // NFKC: full-width digits and plus signs (typed with a Chinese input method) become ASCII.
  const text = raw.normalize('NFKC').trim();
  if (!/\d/.test(text) || text.length > 40) return null;
  const parsed = parsePhoneNumberFromString(text, defaultPhoneCountry);
  if (!parsed || !parsed.isValid() || parsed.ext) return null;
  return parsed.number;
}

/**
 * The digits to look for in the stored numbers' digits (complaints_phone_digits_idx): a whole
 * number as its E.164 digits ("0755-1234 5678" → "8675512345678"); a part of one as typed, less
 * a leading trunk "0" or international "00" that the stored form does not have ("0755" → "755").
 */
export function phoneSearchDigits(term: string): string {
  const whole = normalizePhone(term);
  if (whole) return whole.slice(1);
  const digits = term.normalize('NFKC').replace(/\D/g, '');
  return digits.replace(/^00?/, '');
}

/** The customer's phone field: refuses a number that is not valid, gives it in E.164. */
export function phoneField() {
  return safeText()
    .max(40)
    .transform((value, ctx) => {
      const e164 = normalizePhone(value);
      if (e164) return e164;
      // Worded in the reader's language as validation.rules.phoneInvalid.
      ctx.addIssue({ code: 'custom', input: value, params: ruleParams('phoneInvalid') });
      return z.NEVER;
    });
}
