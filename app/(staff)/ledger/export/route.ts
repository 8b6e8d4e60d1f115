import { getTranslations } from 'next-intl/server';
import { currentStaff } from '@/lib/auth/session';
import { ledgerCsvColumns, ledgerCsvRows, loadWholeLedger, localToday, mayOpenLedger, recordLedgerExport, toCsv } from '@/lib/complaints/ledger';
import { loadCalendar, loadSlaPolicy } from '@/lib/complaints/settings';
import type { PendingReason, State } from '@/lib/workflow';
import { ledgerParams } from '@/lib/params';
import { getFormat } from '@/lib/i18n/get-format';

export const dynamic = 'force-dynamic';

/**
 * The ledger as CSV (GET /ledger/export?scope=all&closed=1). A route handler is a public
 * endpoint: it signs the caller in and checks the role itself, like the page does.
 */
export async function GET(request: Request) {
  const user = await currentStaff();
  const t = await getTranslations('ledger');
  const text = (status: number, body: string) =>
    new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  if (!user) return text(401, t('errors.signedOut'));
  if (!mayOpenLedger(user.role)) return text(403, t('errors.forbidden'));

  const url = new URL(request.url);
  const filters = ledgerParams((name) => url.searchParams.get(name) ?? undefined);
  if (!filters) return text(400, t('errors.badParams'));
  const all = user.role === 'desk' ? filters.scopeAll : true;
  const closed = filters.closed;
  const now = new Date();
  const [calendar, policy, wf] = await Promise.all([loadCalendar(), loadSlaPolicy(), getTranslations('workflow')]);
  const items = await loadWholeLedger(user, { all, closed, now, timeZone: calendar.timeZone, contactDay: policy.pendingContactDay });
  await recordLedgerExport(user, `ledger-${localToday(now, calendar.timeZone)}.csv`, { scope: all ? 'all' : 'mine', closed, rows: items.length });
  const csv = toCsv(
    ledgerCsvRows(
      items,
      {
        headers: ledgerCsvColumns.map((c) => t(`fields.${c}`)),
        state: (s: State) => wf(`states.${s}`),
        reason: (r: PendingReason) => wf(`pendingReasons.${r}`),
        outcome: (o: string) => (t.has(`outcomes.${o}`) ? t(`outcomes.${o}`) : o),
        colon: (await getFormat()).labelled('', ''),
      },
      calendar.timeZone,
    ),
  );
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="ledger-${localToday(now, calendar.timeZone)}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
