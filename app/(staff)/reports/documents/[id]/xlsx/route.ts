import { documentRoles, loadStoredReport, reportFileName, reportWorkbook } from '@/lib/documents/read';
import { workbookResponse } from '@/lib/export/workbook-download';

export const dynamic = 'force-dynamic';

/** A stored report as XLSX, in the reader's language; the same checks as its page. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return workbookResponse((await params).id, { roles: documentRoles, load: loadStoredReport, workbook: reportWorkbook, fileName: reportFileName });
}
