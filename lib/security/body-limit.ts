/**
 * The answer to a request body over the portal's limit (lib/validation/limits.ts): a 413 with a
 * small readable page in the reader's language, given before the body is read. A form posted
 * without JavaScript lands here; with JavaScript the forms check sizes before they send.
 * No `server-only`: the proxy imports this.
 */
import enCommon from '@/messages/en/common.json';
import zhCommon from '@/messages/zh-CN/common.json';
import type { Locale } from '@/lib/i18n/locales';
import { refusalPage } from './refusal-page';
import { inMegabytes, maxFileBytes, maxFilesBytes, maxRequestBodyBytes } from '@/lib/validation/limits';

/** The page of a 413, in `locale`. */
export function bodyTooLargePage(locale: Locale): string {
  // Bundled with the proxy, as lib/security/headers.ts does for its 403 page.
  const errors: Record<string, string> = (locale === 'en' ? enCommon : zhCommon).errors;
  const values: Record<string, number> = { max: inMegabytes(maxRequestBodyBytes), file: inMegabytes(maxFileBytes), total: inMegabytes(maxFilesBytes) };
  const say = (key: string) => errors[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
  return refusalPage(locale, say('bodyTooLargeTitle'), [say('bodyTooLarge'), say('bodyTooLargeBack')]);
}
