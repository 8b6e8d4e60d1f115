import { eightdRoles, loadEightD } from '@/lib/eightd/read';
import { eightdWorkbook } from '@/lib/eightd/export';
import { workbookResponse } from '@/lib/export/workbook-download';

export const dynamic = 'force-dynamic';

/** An 8D report as XLSX, in the reader's language; the same checks as its page. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return workbookResponse((await params).id, {
    roles: eightdRoles,
    load: loadEightD,
    workbook: eightdWorkbook,
    fileName: (view) => `kesu-8d-${view.report.openedAt.toISOString().slice(0, 10)}.xlsx`,
  });
}
