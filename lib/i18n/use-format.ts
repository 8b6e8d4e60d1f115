'use client';

import { useLocale, useTimeZone } from 'next-intl';
import { createFormat, type Format } from './format';
import { defaultCalendar } from '@/lib/workflow/calendar';
import { defaultLocale, isLocale } from './locales';

/** The same formatter in client components (locale and time zone from NextIntlClientProvider). */
export function useFormat(): Format {
  const locale = useLocale();
  const timeZone = useTimeZone() ?? defaultCalendar.timeZone;
  return createFormat(isLocale(locale) ? locale : defaultLocale, timeZone);
}
