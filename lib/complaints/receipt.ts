import 'server-only';
import { getDb, type Db } from '@/db/client';
import type { StaffUser } from '@/db/queries/staff';
import { recordAudit } from '@/lib/admin/audit';
import { CommandError } from './errors';
import { changeForm } from './change';
import { publicBase, trackUrl } from './outbox';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { isComplaintNumber } from '@/lib/params';

/** What the walk-in customer's receipt (回执, DESIGN §2) shows. */
export interface Receipt {
  number: string;
  accessCode: string;
  trackUrl: string;
  /** The public page where the number and the code find the form. */
  lookupUrl: string;
  /** The receipt is the customer's: it is printed in their language. */
  customerLocale: Locale;
  receivedAt: Date;
  responseDueAt: Date;
  /** The desk's phone number (KESU_DESK_PHONE), or null when none is set. */
  deskPhone: string | null;
}

export type ReceiptViewer = Pick<StaffUser, 'id' | 'role' | 'name' | 'siteId' | 'departmentId' | 'groupWide'>;

/** The number the customer calls; one per installation, set by the administrator in the environment. */
export function deskPhone(): string | null {
  return process.env.KESU_DESK_PHONE?.trim() || null;
}

/**
 * Opens a form's receipt for the desk to hand over or reprint. The access code and the private
 * link are credentials, so every showing is recorded: a staff-only history row
 * `access_code_viewed` (like `access_code_reissued`, it never holds the code). Opening a page
 * changes nothing of the form: the row carries the version it was seen at and bumps none
 * (changeForm's atCurrentVersion), so a colleague's open form does not become stale. Only the desk: the code is theirs to hand out
 * (the same rule as reissuing it). A form the viewer may not open (another site, or one they
 * are involved in) does not exist for them.
 */
export async function openReceipt(db: Db, viewer: ReceiptViewer, number: string, now = new Date()): Promise<Receipt> {
  if (viewer.role !== 'desk') throw new CommandError('wrong_role');
  const { before: row } = await changeForm(db, { key: { number }, who: { viewer }, now }, async (tx, form) => ({
    event: { type: 'access_code_viewed', actor: viewer, payload: {}, customerVisible: false },
    atCurrentVersion: true,
    // Every showing of a credential is on the audit log too (never the code itself).
    effects: async () => {
      await recordAudit(tx, { actorUserId: viewer.id, siteId: form.siteId, action: 'access_code.view', targetType: 'complaint', targetId: form.id, targetLabel: form.number });
    },
  }));
  return {
    number: row.number,
    accessCode: row.accessCode,
    trackUrl: trackUrl(row.trackingToken),
    lookupUrl: `${publicBase()}/track`,
    customerLocale: isLocale(row.customerLocale) ? row.customerLocale : 'zh-CN',
    receivedAt: row.receivedAt,
    responseDueAt: row.responseDueAt,
    deskPhone: deskPhone(),
  };
}

/** openReceipt for the page: a form this desk user may not open is null (the page's 404). */
export async function loadReceipt(viewer: ReceiptViewer, number: string, db?: Db): Promise<Receipt | null> {
  if (!isComplaintNumber(number)) return null;
  try {
    return await openReceipt(db ?? (await getDb()), viewer, number);
  } catch (err) {
    if (err instanceof CommandError && err.code === 'not_found') return null;
    throw err;
  }
}
