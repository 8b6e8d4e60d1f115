import 'server-only';
import { getDb, type Db } from '@/db/client';
import type { StaffUser } from '@/db/queries/staff';
import { recordAudit } from '@/lib/admin/audit';
import { searchComplaints, decodeCursor, type SearchFilters } from '@/lib/complaints/search';
import { dashboardLists, queueRows, queueSpec } from '@/lib/complaints/queues';
import { ledgerCsvColumns, ledgerItemPages, mayOpenLedger } from '@/lib/complaints/ledger';
import type { ListRow } from '@/lib/complaints/list-columns';
import type { PendingReason, Role, State } from '@/lib/workflow';
import type { ExportColumn, ExportTable, ExportValue } from './table';

/**
 * The lists a person can export, each the same keyset query as its page, paged through 2,000 rows
 * at a time, with the same viewer scoping (visibleTo inside the list functions). Labels come
 * translated from the caller (lib/export/labels.ts).
 */

type Translate = (key: string) => string;

export interface ExportLabels {
  /** The `export` namespace (column headers, yes/no). */
  t: Translate;
  /** The `workflow` namespace (states, severities, pending reasons). */
  wf: Translate;
  /** The `ledger` namespace (the ledger's own column names and outcomes). */
  ledger: Translate;
  locale: string;
  /** The reader's colon: "：" in Chinese, ": " in English. */
  colon: string;
}

export const exportPageSize = 2000;

/** Who may export the search results: whoever may open the search page (finance sees no form). */
export const searchExportRoles: readonly Role[] = ['desk', 'department', 'management', 'gm', 'admin'];

const listColumnNames = ['number', 'state', 'severity', 'customer', 'phone', 'category', 'about', 'subject', 'department', 'due', 'overdue', 'major', 'repeat'] as const;

function listColumns(labels: ExportLabels, extra: { name: string; type: ExportColumn['type'] }[] = []): ExportColumn[] {
  const types: Record<string, ExportColumn['type']> = { due: 'datetime' };
  return [
    ...listColumnNames.map((c) => ({ header: labels.t(`columns.${c}`), type: types[c] ?? 'text', width: c === 'about' ? 40 : c === 'number' ? 16 : undefined })),
    ...extra.map((e) => ({ header: labels.t(`columns.${e.name}`), type: e.type })),
  ];
}

function listValues(row: ListRow, labels: ExportLabels): ExportValue[] {
  const en = labels.locale === 'en';
  const yes = (b: boolean) => (b ? labels.t('yes') : '');
  return [
    row.number,
    labels.wf(`states.${row.status}`),
    labels.wf(`severities.${row.severity}`),
    row.customerName,
    row.customerPhone,
    (en ? row.categoryNameEn : row.categoryName) ?? '',
    row.firstLine,
    row.subject ?? '',
    (en ? row.departmentNameEn : row.departmentName) ?? '',
    row.stepDueAt,
    yes(row.overdue),
    yes(row.major),
    yes(row.repeat),
  ];
}

/** The search results with these filters, newest first: the search page's query, every page. */
export function searchExport(user: StaffUser, filters: SearchFilters, labels: ExportLabels, opts: { now: Date; timeZone: string }, db?: Db): ExportTable {
  async function* rows() {
    const d = db ?? (await getDb());
    let after: string | undefined;
    for (;;) {
      const page = await searchComplaints(user, filters, { after: decodeCursor(after), now: opts.now, timeZone: opts.timeZone, pageSize: exportPageSize, lean: true }, d);
      for (const r of page.rows) yield [...listValues(r, labels), r.receivedAt];
      if (!page.next) return;
      after = page.next;
    }
  }
  return {
    title: labels.t('titles.search'),
    columns: listColumns(labels, [{ name: 'receivedAt', type: 'datetime' }]),
    rows: rows(),
    timeZone: opts.timeZone,
  };
}

/** Whether this user has a list of that name (the lists of their own role's pages). */
export function mayExportQueue(user: StaffUser, name: string): boolean {
  return dashboardLists(user.role).includes(name) && queueSpec(user, name) !== null;
}

/** One of the role's work lists, in its page's order. `title`: the list's name as its page shows it. */
export function queueExport(user: StaffUser, name: string, title: string, labels: ExportLabels, opts: { now: Date; timeZone: string }, db?: Db): ExportTable | null {
  const spec = mayExportQueue(user, name) ? queueSpec(user, name) : null;
  if (!spec) return null;
  async function* rows() {
    const d = db ?? (await getDb());
    let after: string | undefined;
    for (;;) {
      const page = await queueRows(d, user, spec!, { after, size: exportPageSize }, opts.now);
      for (const r of page.rows) yield [...listValues(r, labels), r.lastUpdateAt];
      if (!page.next) return;
      after = page.next;
    }
  }
  return {
    title,
    columns: listColumns(labels, [{ name: 'lastUpdate', type: 'datetime' }]),
    rows: rows(),
    timeZone: opts.timeZone,
  };
}

const ledgerTypes: Partial<Record<(typeof ledgerCsvColumns)[number], ExportColumn['type']>> = {
  openedAt: 'datetime',
  lastContact: 'datetime',
  nextContact: 'date',
  closedAt: 'datetime',
};

/** The ledger (the open items, and the closed ones when asked), as the ledger page scopes it. */
export function ledgerExport(
  user: StaffUser,
  filters: { all: boolean; closed: boolean; contactDay: number },
  labels: ExportLabels,
  opts: { now: Date; timeZone: string },
  db?: Db,
  pageSize = exportPageSize,
): ExportTable | null {
  if (!mayOpenLedger(user.role)) return null;
  const dt = new Intl.DateTimeFormat('sv-SE', { timeZone: opts.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  async function* rows() {
    for await (const page of ledgerItemPages(user, { all: filters.all, closed: filters.closed, contactDay: filters.contactDay, now: opts.now, timeZone: opts.timeZone }, db, pageSize)) {
      for (const i of page) {
        yield [
          i.number,
          labels.wf(`states.${i.status as State}`),
          i.customerName,
          i.customerPhone,
          i.subject ?? '',
          i.managerName ?? '',
          labels.wf(`pendingReasons.${i.reason as PendingReason}`),
          i.explanation,
          i.openedAt,
          i.approvedByName ?? '',
          i.lastContactAt,
          i.closedAt ? null : i.nextContactOn,
          i.contacts.map((c) => `${dt.format(c.at)} ${c.byName ?? ''}${labels.colon}${c.summary}`).join('\n'),
          i.closedAt,
          i.outcome ? labels.ledger(`outcomes.${i.outcome}`) : '',
        ] satisfies ExportValue[];
      }
    }
  }
  return {
    title: labels.ledger('title'),
    columns: ledgerCsvColumns.map((c) => ({ header: labels.ledger(`fields.${c}`), type: ledgerTypes[c] ?? 'text', width: c === 'contacts' || c === 'explanation' ? 40 : undefined })),
    rows: rows(),
    timeZone: opts.timeZone,
  };
}

/** An export carries customers' personal data out of the portal: who took what is on record. */
export async function recordListExport(
  user: Pick<StaffUser, 'id' | 'siteId'>,
  list: string,
  fileName: string,
  after: Record<string, unknown>,
  db?: Db,
): Promise<void> {
  await recordAudit(db ?? (await getDb()), {
    actorUserId: user.id,
    siteId: user.siteId,
    action: list === 'ledger' ? 'ledger.export' : 'list.export',
    targetType: list === 'ledger' ? 'ledger' : 'list',
    targetLabel: fileName,
    after,
  });
}
