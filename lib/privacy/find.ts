import 'server-only';
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { complaints } from '@/db/schema';
import type { StaffUser } from '@/db/queries/staff';
import { visibleTo } from '@/lib/complaints/access';
import { isTerminal, type State } from '@/lib/workflow';
import type { PersonKey } from './schemas';
import { recordPersonAct } from './mask';
import { mayHandlePersonData, requireRole } from './who';

/** One form that holds the person's data, as the person's-data page lists it. */
export interface PersonForm {
  id: string;
  number: string;
  status: State;
  customerName: string;
  receivedAt: Date;
  /** When the form closed (archived, rejected or withdrawn), else null: an open form cannot be erased. */
  closedAt: Date | null;
  legalHold: boolean;
}

/**
 * The key as a condition on `complaints` (served by complaints_phone_idx, complaints_email_idx,
 * complaints_customer_name_idx). Phones are stored in E.164 (lib/validation/phone.ts).
 */
export function matchesKey(key: PersonKey): SQL {
  if (key.kind === 'phone') return eq(complaints.customerPhone, key.value);
  if (key.kind === 'email') return sql`lower(${complaints.customerEmail}) = ${key.value}`;
  return eq(complaints.customerName, key.value);
}

/**
 * The forms of one person that `viewer` may see (site, department and involved-party rules of
 * visibleTo) and that still hold personal data. `lock`: FOR UPDATE, for an erasure.
 */
export async function personForms(db: Db | Tx, viewer: StaffUser, key: PersonKey, lock = false): Promise<PersonForm[]> {
  const q = db
    .select({
      id: complaints.id,
      number: complaints.number,
      status: complaints.status,
      customerName: complaints.customerName,
      receivedAt: complaints.receivedAt,
      stateEnteredAt: complaints.stateEnteredAt,
      legalHoldAt: complaints.legalHoldAt,
    })
    .from(complaints)
    .where(and(matchesKey(key), isNull(complaints.anonymisedAt), visibleTo(viewer)))
    .orderBy(asc(complaints.receivedAt), asc(complaints.id))
    .limit(500);
  const rows = lock ? await q.for('update') : await q;
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status as State,
    customerName: r.customerName,
    receivedAt: r.receivedAt,
    closedAt: isTerminal(r.status as State) ? r.stateEnteredAt : null,
    legalHold: r.legalHoldAt !== null,
  }));
}

/** Finds the person's forms, and records the look-up (who, the masked key, the forms) in the audit log. */
export async function findPerson(viewer: StaffUser, key: PersonKey, db?: Db): Promise<PersonForm[]> {
  db ??= await getDb();
  requireRole(viewer, mayHandlePersonData);
  return db.transaction(async (tx) => {
    const forms = await personForms(tx, viewer, key);
    await recordPersonAct(tx, viewer, 'person.find', key, { forms: forms.map((f) => f.number) });
    return forms;
  });
}
