import { getRequestConfig } from 'next-intl/server';
import { cookies, headers } from 'next/headers';
import { pageTimeZone } from '@/lib/complaints/settings';
import { isLocale, localeCookie, negotiateLocale } from './locales';
import { formats } from './format';
import { loadMessages } from './messages';

// No locale in the URL: the cookie set by the language switch wins, then the browser's language.
// A page part written for someone else (the customer's receipt) asks for its locale explicitly.
export default getRequestConfig(async ({ locale: asked }) => {
  const cookie = (await cookies()).get(localeCookie)?.value;
  const locale = isLocale(asked) ? asked : isLocale(cookie) ? cookie : negotiateLocale((await headers()).get('accept-language'));
  // The business time zone is the admin's calendar setting: pages show dates as deadlines are computed.
  return { locale, messages: loadMessages(locale), timeZone: await pageTimeZone(), formats };
});
