import { getLocale, getTimeZone } from 'next-intl/server';
import { createFormat, type Format } from './format';
import { defaultLocale, isLocale } from './locales';

/** The request's formatter (its locale and the business time zone), for server components. */
export async function getFormat(): Promise<Format> {
  const [locale, timeZone] = await Promise.all([getLocale(), getTimeZone()]);
  return createFormat(isLocale(locale) ? locale : defaultLocale, timeZone);
}
