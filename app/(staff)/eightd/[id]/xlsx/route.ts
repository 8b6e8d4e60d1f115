import { getLocale, getTranslations } from 'next-intl/server';
import { currentStaff } from '@/lib/auth/session';
import { loadCalendar } from '@/lib/complaints/settings';
import { eightdRoles, loadEightD } from '@/lib/eightd/read';
import { eightdWorkbook } from '@/lib/eightd/export';
import { attachmentHeader } from '@/lib/export/table';
import { contentTypes } from '@/lib/export/writers';

export const dynamic = 'force-dynamic';

/** An 8D report as XLSX, in the reader's language; the same checks as its page. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await currentStaff();
  const t = await getTranslations('export');
  const text = (status: number, body: string) =>
    new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  if (!user) return text(401, t('errors.signedOut'));
  if (!(eightdRoles as readonly string[]).includes(user.role)) return text(403, t('errors.forbidden'));
  const view = await loadEightD(user, (await params).id);
  if (!view) return text(404, t('errors.noSuchList'));
  const [locale, calendar] = await Promise.all([getLocale(), loadCalendar()]);
  const body = await eightdWorkbook(view, locale, calendar.timeZone);
  return new Response(new Uint8Array(body), {
    headers: { 'content-type': contentTypes.xlsx, 'content-disposition': attachmentHeader(`kesu-8d-${view.report.openedAt.toISOString().slice(0, 10)}.xlsx`), 'cache-control': 'no-store' },
  });
}
