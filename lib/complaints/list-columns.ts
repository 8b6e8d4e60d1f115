import 'server-only';
/**
 * What a list row says about a complaint (issue 17): its category and the first line of the
 * customer's words, beside number, customer and deadline. The same columns for the queues and
 * the search, computed in the page's one query (a join on the small categories table and an
 * expression on the row: no query per row, and only a short text leaves the database).
 */
import { eq, sql } from 'drizzle-orm';
import { categories, complaints, departments } from '@/db/schema';
import { isOverdue, type State } from '@/lib/workflow';
import { isRepeatSql } from './repeats';

/** Characters of the first line a list shows (a full line is on the form page). */
export const firstLineLength = 60;

export const aboutColumns = {
  categoryName: categories.name,
  categoryNameEn: categories.nameEn,
  // One character beyond the cut tells the page to add an ellipsis.
  firstLine: sql<string>`left(split_part(btrim(${complaints.description}, E' \\t\\r\\n'), E'\\n', 1), ${firstLineLength + 1})`,
};

export const categoryJoin = [categories, eq(categories.id, complaints.categoryId)] as const;

export interface AboutFields {
  categoryName: string | null;
  categoryNameEn: string | null;
  /** The first line of the customer's words, at most firstLineLength characters (+1 when cut). */
  firstLine: string;
}

/** The columns every list row of forms carries (queues and search), with `listRowJoins`. */
export const listRowColumns = {
  id: complaints.id,
  number: complaints.number,
  status: complaints.status,
  severity: complaints.severity,
  customerName: complaints.customerName,
  customerPhone: complaints.customerPhone,
  plate: complaints.plate,
  product: complaints.subjectProduct,
  departmentName: departments.name,
  departmentNameEn: departments.nameEn,
  ...aboutColumns,
  stepDueAt: complaints.stepDueAt,
  major: complaints.major,
  // Evaluated for the page's rows only, each one probe of complaint_links' primary key.
  repeat: isRepeatSql,
  // The stored crisis flag (lib/triage/crisis.ts): the crisis badge.
  crisis: complaints.crisis,
};

export const departmentJoin = [departments, eq(departments.id, complaints.departmentId)] as const;

/** A row of a list of forms (queues and search), as the pages show it. */
export interface ListRow extends AboutFields {
  id: string;
  number: string;
  status: State;
  severity: string;
  customerName: string;
  customerPhone: string;
  /** Plate and product, as one text. */
  subject: string | null;
  departmentName: string | null;
  departmentNameEn: string | null;
  major: boolean;
  /** Linked at intake to an earlier form of the same customer (the 重复 mark). */
  repeat: boolean;
  stepDueAt: Date | null;
  overdue: boolean;
  /** Flagged as a public-opinion crisis (the crisis badge). */
  crisis: boolean;
}

/** What `listRowColumns` selects. */
type ListRowRecord = {
  id: string; number: string; status: string; severity: string; customerName: string; customerPhone: string;
  plate: string | null; product: string | null; departmentName: string | null; departmentNameEn: string | null;
  categoryName: string | null; categoryNameEn: string | null; firstLine: string; major: boolean; repeat: boolean; stepDueAt: Date | null; crisis: boolean;
};

/** A list row from what `listRowColumns` selected. */
export function toListRow(r: ListRowRecord, now: Date): ListRow {
  return {
    id: r.id,
    number: r.number,
    status: r.status as State,
    severity: r.severity,
    customerName: r.customerName,
    customerPhone: r.customerPhone,
    subject: [r.plate, r.product].filter(Boolean).join(' · ') || null,
    departmentName: r.departmentName,
    departmentNameEn: r.departmentNameEn,
    categoryName: r.categoryName,
    categoryNameEn: r.categoryNameEn,
    firstLine: r.firstLine,
    major: r.major,
    repeat: r.repeat,
    stepDueAt: r.stepDueAt,
    overdue: isOverdue({ status: r.status as State, stepDueAt: r.stepDueAt }, now),
    crisis: r.crisis,
  };
}
