/**
 * A stored E.164 phone ("+8613912345678") as a person reads it: a Chinese number in national
 * format ("139 1234 5678", "0755 1234 5678"), a foreign one with its country code
 * ("+1 213 373 4253"). Pure: safe in client components. The stored value stays E.164.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { defaultPhoneCountry } from '@/lib/validation/phone';

export function displayPhone(stored: string | null | undefined): string {
  if (!stored) return '';
  const parsed = parsePhoneNumberFromString(stored, defaultPhoneCountry);
  if (!parsed) return stored;
  return parsed.country === defaultPhoneCountry ? parsed.formatNational() : parsed.formatInternational();
}
