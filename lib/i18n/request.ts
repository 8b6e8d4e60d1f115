import { getRequestConfig } from 'next-intl/server';
import { cookies, headers } from 'next/headers';
import { isLocale, localeCookie, negotiateLocale, timeZone } from './locales';
import { formats } from './format';
import { loadMessages } from './messages';

// No locale in the URL: the cookie set by the language switch wins, then the browser's language.
export default getRequestConfig(async () => {
  const cookie = (await cookies()).get(localeCookie)?.value;
  const locale = isLocale(cookie) ? cookie : negotiateLocale((await headers()).get('accept-language'));
  return { locale, messages: loadMessages(locale), timeZone: timeZone(), formats };
});
