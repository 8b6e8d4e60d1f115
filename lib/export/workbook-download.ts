import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import { currentStaff } from '@/lib/auth/session';
import type { StaffUser } from '@/db/queries/staff';
import { loadCalendar } from '@/lib/complaints/settings';
import { attachmentHeader } from './table';
import { contentTypes } from './writers';

/** What a one-document XLSX download needs: who may read it, how to load it for them, how to write it. */
export interface WorkbookDownload<T> {
  roles: readonly string[];
  /** The document as `user` may see it, or null when it does not exist for them. */
  load: (user: StaffUser, id: string) => Promise<T | null>;
  workbook: (doc: T, locale: string, timeZone: string) => Promise<Buffer>;
  fileName: (doc: T) => string;
}

/**
 * A stored document (a report, an 8D report) as XLSX in the reader's language, with the same
 * checks as its page: 401 signed out, 403 for a role that may not read it, 404 when it is not
 * there for this reader — each a sentence, never cached.
 */
export async function workbookResponse<T>(id: string, d: WorkbookDownload<T>): Promise<Response> {
  const user = await currentStaff();
  const t = await getTranslations('export');
  const text = (status: number, body: string) =>
    new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  if (!user) return text(401, t('errors.signedOut'));
  if (!d.roles.includes(user.role)) return text(403, t('errors.forbidden'));
  const doc = await d.load(user, id);
  if (!doc) return text(404, t('errors.noSuchList'));
  const [locale, calendar] = await Promise.all([getLocale(), loadCalendar()]);
  const body = await d.workbook(doc, locale, calendar.timeZone);
  return new Response(new Uint8Array(body), {
    headers: { 'content-type': contentTypes.xlsx, 'content-disposition': attachmentHeader(d.fileName(doc)), 'cache-control': 'no-store' },
  });
}
