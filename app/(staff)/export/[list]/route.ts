import { getLocale, getTranslations } from 'next-intl/server';
import { currentStaff } from '@/lib/auth/session';
import { loadCalendar, loadSlaPolicy } from '@/lib/complaints/settings';
import { parseSearchParams } from '@/lib/complaints/search';
import { exportLabels } from '@/lib/export/labels';
import { ledgerParams } from '@/lib/params';
import { ledgerExport, mayExportQueue, queueExport, recordListExport, searchExport, searchExportRoles, type ExportLabels } from '@/lib/export/lists';
import { tableStream, contentTypes, type ExportFormat } from '@/lib/export/writers';
import { attachmentHeader, type ExportTable } from '@/lib/export/table';
import { localDate } from '@/lib/workflow';

export const dynamic = 'force-dynamic';

/**
 * Any list as a file: GET /export/search?format=xlsx&<the search's filters>, /export/ledger?…,
 * /export/<queue name> (e.g. /export/triage). A route handler is a public endpoint: it signs
 * the caller in and checks the role itself, and the lists scope themselves to the viewer
 * exactly as their pages do. The file is streamed while the rows are read, page by page.
 */
export async function GET(request: Request, { params }: { params: Promise<{ list: string }> }) {
  const { list } = await params;
  const user = await currentStaff();
  const t = await getTranslations('export');
  const text = (status: number, body: string) =>
    new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  if (!user) return text(401, t('errors.signedOut'));

  const url = new URL(request.url);
  const formatParam = url.searchParams.get('format') ?? 'xlsx';
  if (formatParam !== 'csv' && formatParam !== 'xlsx') return text(400, t('errors.badParams'));
  const format: ExportFormat = formatParam;

  const now = new Date();
  const [calendar, locale] = await Promise.all([loadCalendar(), getLocale()]);
  const labels: ExportLabels = exportLabels(locale);
  const opts = { now, timeZone: calendar.timeZone };
  const query = Object.fromEntries(url.searchParams.entries());

  let table: ExportTable | null = null;
  let filters: Record<string, unknown> = {};
  if (list === 'search') {
    if (!searchExportRoles.includes(user.role)) return text(403, t('errors.forbidden'));
    const parsed = parseSearchParams(query);
    if (parsed.invalid) return text(400, t('errors.badParams'));
    filters = parsed.filters;
    table = searchExport(user, parsed.filters, labels, opts);
  } else if (list === 'ledger') {
    const lf = ledgerParams((name) => url.searchParams.get(name) ?? undefined);
    if (!lf) return text(400, t('errors.badParams'));
    const all = user.role === 'desk' ? lf.scopeAll : true;
    filters = { scope: all ? 'all' : 'mine', closed: lf.closed };
    table = ledgerExport(user, { all, closed: lf.closed, contactDay: (await loadSlaPolicy()).pendingContactDay }, labels, opts);
    if (!table) return text(403, t('errors.forbidden'));
  } else {
    if (!mayExportQueue(user, list)) return text(404, t('errors.noSuchList'));
    const title =
      user.role === 'desk' ? (await getTranslations('desk.queues'))(list)
      : user.role === 'gm' ? (await getTranslations('gm'))(list)
      : (await getTranslations('workflow.states'))(list);
    table = queueExport(user, list, title, labels, opts);
    if (!table) return text(404, t('errors.noSuchList'));
  }

  const fileName = `${list}-${localDate(now, calendar.timeZone)}.${format}`;
  const body = tableStream(table, format, (rows) => recordListExport(user, list, fileName, { list, format, filters, rows }));
  return new Response(body, {
    headers: {
      'content-type': contentTypes[format],
      'content-disposition': attachmentHeader(fileName),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
