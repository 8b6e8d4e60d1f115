import 'server-only';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { complaintParties, sites, storedReports } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import type { AccountabilityRow } from '@/lib/complaints/accountability';
import type { SummaryKind } from '@/lib/complaints/summaries';
import { decodePosition, encodePosition } from '@/lib/complaints/page-cursor';
import { addCalendarDays, type Role } from '@/lib/workflow';
import { translator } from '@/lib/export/labels';
import { tableBuffer } from '@/lib/export/writers';
import type { ExportTable } from '@/lib/export/table';
import type { StoredFigures } from './generate';
import { roundKinds } from './rounds';

/**
 * Who reads which stored report: its recipients, and who sends it — the customer-service centre
 * (desk) its summaries, management the penalties and rewards. Finance reads only the money.
 */
export const documentReaders: Record<SummaryKind, readonly Role[]> = {
  weekly: ['gm', 'management', 'desk'],
  monthly: ['gm', 'management', 'desk'],
  accountability: ['gm', 'management', 'finance'],
};

export const documentRoles: readonly Role[] = [...new Set(Object.values(documentReaders).flat())];

function kindsFor(role: Role): SummaryKind[] {
  return roundKinds.filter((k) => documentReaders[k].includes(role));
}

/** The reports this viewer may read: kinds of their role, their site's (all sites if group-wide). */
function readable(user: StaffUser): SQL {
  const kinds = kindsFor(user.role);
  if (kinds.length === 0) return sql`false`;
  return and(inArray(storedReports.kind, kinds), user.groupWide ? undefined : eq(storedReports.siteId, user.siteId))!;
}

export interface StoredReportRow {
  id: string;
  kind: SummaryKind;
  siteName: string;
  periodFrom: string;
  /** The last day covered (inclusive). */
  periodLast: string;
  dueAt: Date;
  generatedAt: Date;
}

export interface StoredReportView extends StoredReportRow {
  figures: Omit<StoredFigures, 'entries'> & { entries: AccountabilityRow[] };
  /** Entries of forms the viewer is involved in, left out (DESIGN §2). */
  withheld: number;
}

const columns = {
  id: storedReports.id,
  kind: storedReports.kind,
  siteName: sites.name,
  periodFrom: storedReports.periodFrom,
  periodTo: storedReports.periodTo,
  dueAt: storedReports.dueAt,
  dueAtText: sql<string>`${storedReports.dueAt}::text`,
  generatedAt: storedReports.generatedAt,
};

type Selected = { id: string; kind: string; siteName: string; periodFrom: string; periodTo: string; dueAt: Date; generatedAt: Date };
const toRow = (r: Selected): StoredReportRow => ({
  id: r.id,
  kind: r.kind as SummaryKind,
  siteName: r.siteName,
  periodFrom: r.periodFrom,
  periodLast: addCalendarDays(r.periodTo, -1),
  dueAt: r.dueAt,
  generatedAt: r.generatedAt,
});

export const documentsPageSize = 25;

/** A page of the stored reports this viewer may read, newest round first (keyset on due_at, id). */
export async function listStoredReports(user: StaffUser, req: { after?: string; size?: number } = {}, db?: Db): Promise<{ rows: StoredReportRow[]; next?: string }> {
  const d = db ?? (await getDb());
  const size = req.size ?? documentsPageSize;
  const after = decodePosition(req.after);
  const where = [readable(user)];
  if (after) where.push(sql`(${storedReports.dueAt}, ${storedReports.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  const found = await d
    .select(columns)
    .from(storedReports)
    .innerJoin(sites, eq(sites.id, storedReports.siteId))
    .where(and(...where))
    .orderBy(desc(storedReports.dueAt), desc(storedReports.id))
    .limit(size + 1);
  const page = found.slice(0, size);
  const last = page[page.length - 1];
  return { rows: page.map(toRow), next: found.length > size ? encodePosition({ at: last.dueAtText, id: last.id }) : undefined };
}

function withEntries(r: Selected & { figures: unknown }, hidden: ReadonlySet<string>): StoredReportView {
  const figures = r.figures as StoredFigures;
  const entries = figures.entries.filter((e) => !hidden.has(e.complaintId)).map((e) => ({ ...e, at: new Date(e.at) }));
  return { ...toRow(r), figures: { ...figures, entries }, withheld: figures.entries.length - entries.length };
}

/** One stored report, if this viewer may read it, without the entries of forms they are involved in. */
export async function loadStoredReport(user: StaffUser, id: string, db?: Db): Promise<StoredReportView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const d = db ?? (await getDb());
  const [r] = await d
    .select({ ...columns, figures: storedReports.figures })
    .from(storedReports)
    .innerJoin(sites, eq(sites.id, storedReports.siteId))
    .where(and(eq(storedReports.id, id), readable(user)));
  if (!r) return null;
  const ids = [...new Set((r.figures as StoredFigures).entries.map((e) => e.complaintId))];
  const involved = ids.length
    ? await d
        .select({ complaintId: complaintParties.complaintId })
        .from(complaintParties)
        .where(and(eq(complaintParties.userId, user.id), inArray(complaintParties.complaintId, ids)))
    : [];
  return withEntries(r, new Set(involved.map((p) => p.complaintId)));
}

/** A report for the outbox (no viewer: the notice row says whose it is and what to withhold). */
async function loadForRecipient(id: string, withhold: readonly string[], db: Db): Promise<StoredReportView | null> {
  const [r] = await db
    .select({ ...columns, figures: storedReports.figures })
    .from(storedReports)
    .innerJoin(sites, eq(sites.id, storedReports.siteId))
    .where(eq(storedReports.id, id));
  return r ? withEntries(r, new Set(withhold)) : null;
}

export const summaryFigureNames = ['received', 'repeats', 'resolved', 'notFounded', 'overdue'] as const;
export const moneyFigureNames = ['penalties', 'rewards'] as const;

/** The report as sheets: its figures, and for the reward/penalty summary every entry with its form. */
export function reportTables(report: StoredReportView, locale: string, timeZone: string): ExportTable[] {
  const t = translator(locale, 'documents');
  const f = report.figures;
  const summary: ExportTable = {
    title: t(`kinds.${report.kind}`),
    timeZone,
    columns: [
      { header: t('columns.figure'), type: 'text', width: 36 },
      { header: t('columns.count'), type: 'number', width: 12 },
      { header: t('columns.amount'), type: 'money', width: 14 },
    ],
    rows: [
      [t('columns.site'), null, null],
      [report.siteName, null, null],
      [t('period', { from: report.periodFrom, to: report.periodLast }), null, null],
      ...summaryFigureNames.map((n) => [t(`figures.${n}`), f[n], null]),
      [t('figures.penalties'), null, f.penaltiesCents],
      [t('figures.rewards'), null, f.rewardsCents],
    ],
  };
  if (report.kind !== 'accountability') return [summary];
  const entries: ExportTable = {
    title: t('entriesTitle'),
    timeZone,
    columns: [
      { header: t('columns.person'), type: 'text' },
      { header: t('columns.department'), type: 'text' },
      { header: t('columns.number'), type: 'text', width: 16 },
      { header: t('columns.type'), type: 'text', width: 8 },
      { header: t('columns.amount'), type: 'money', width: 14 },
      { header: t('columns.reason'), type: 'text', width: 40 },
      { header: t('columns.at'), type: 'datetime' },
    ],
    rows: f.entries.map((e) => [
      e.userId ? (e.directoryName ?? e.person) : e.person,
      (locale === 'en' ? e.departmentNameEn : e.departmentName) ?? '',
      e.number,
      t(`types.${e.type}`),
      e.amountCents,
      e.reason,
      e.at,
    ]),
  };
  return [summary, entries];
}

export function reportFileName(report: Pick<StoredReportRow, 'kind' | 'periodFrom'>): string {
  return `kesu-${report.kind}-${report.periodFrom}.xlsx`;
}

export function reportWorkbook(report: StoredReportView, locale: string, timeZone: string): Promise<Buffer> {
  return tableBuffer(reportTables(report, locale, timeZone));
}

/** The XLSX an e-mail of the round carries (lib/notify/deliver.ts), in the recipient's language. */
export async function reportAttachment(db: Db, id: string, locale: string, withhold: readonly string[], timeZone: string) {
  const report = await loadForRecipient(id, withhold, db);
  if (!report) return null;
  return {
    filename: reportFileName(report),
    content: await reportWorkbook(report, locale, timeZone),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
