import Link from '@/components/ui/link';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { documentRoles, listStoredReports } from '@/lib/documents/read';
import { getFormat } from '@/lib/i18n/get-format';
import { Cell, DataTable, Row } from '@/components/ui/table';

export const metadata = { title: '定期报告 · Scheduled reports' };

type Params = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function DocumentsPage({ searchParams }: { searchParams: Params }) {
  const user = await requireStaff(documentRoles);
  const after = one((await searchParams).after);
  const [page, t, format] = await Promise.all([listStoredReports(user, { after }), getTranslations('documents'), getFormat()]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('intro')}</p>
      {page.rows.length === 0 ? (
        <p className="text-slate-700">{t('empty')}</p>
      ) : (
        <DataTable cards columns={[t('columns.kind'), t('columns.site'), t('columns.period'), t('columns.generatedAt'), '']}>
          <tbody>
            {page.rows.map((r) => (
              <Row key={r.id}>
                <Cell>
                  <Link href={`/reports/documents/${r.id}`} className="text-blue-700 underline">{t(`kinds.${r.kind}`)}</Link>
                </Cell>
                <Cell>{r.siteName}</Cell>
                <Cell>{t('period', { from: format.day(r.periodFrom), to: format.day(r.periodLast) })}</Cell>
                <Cell className="whitespace-nowrap">{format.dateTime(r.generatedAt)}</Cell>
                <Cell>
                  <a href={`/reports/documents/${r.id}/xlsx`} download className="text-blue-700 underline">{t('download')}</a>
                </Cell>
              </Row>
            ))}
          </tbody>
        </DataTable>
      )}
      {page.next && (
        <Link href={`/reports/documents?after=${encodeURIComponent(page.next)}`} rel="next" className="inline-block rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">
          {t('next')} →
        </Link>
      )}
    </div>
  );
}
