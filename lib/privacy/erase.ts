import 'server-only';
import { getDb, type Db } from '@/db/client';
import type { StaffUser } from '@/db/queries/staff';
import type { PersonKey } from './schemas';
import { personForms } from './find';
import { anonymiseInTransaction, anonymiseForms } from './anonymise';
import { PrivacyError } from './errors';
import { recordPersonAct } from './mask';
import { mayHandlePersonData, requireRole } from './who';

/**
 * Erases one person's data on their request: every form of theirs that `viewer` may see is
 * anonymised (lib/privacy/anonymise.ts), in one transaction with its audit row.
 *
 * Refused, with nothing changed, when:
 * - the forms found are not exactly `confirmed` (a form came in or went since the person looked);
 * - any of them is still open (the complaint is being handled: erase after it closes);
 * - any of them is under legal hold.
 */
export async function erasePerson(viewer: StaffUser, key: PersonKey, confirmed: readonly string[], now = new Date(), db?: Db) {
  db ??= await getDb();
  requireRole(viewer, mayHandlePersonData);
  const result = await anonymiseInTransaction(db, async (tx) => {
    const forms = await personForms(tx, viewer, key, true);
    const numbers = forms.map((f) => f.number);
    if (!forms.length) throw new PrivacyError('not_found');
    if ([...numbers].sort().join() !== [...new Set(confirmed)].sort().join()) throw new PrivacyError('changed');
    const open = forms.filter((f) => f.closedAt === null).map((f) => f.number);
    if (open.length) throw new PrivacyError('open_forms', { numbers: open.join(', ') });
    const held = forms.filter((f) => f.legalHold).map((f) => f.number);
    if (held.length) throw new PrivacyError('on_hold', { numbers: held.join(', ') });
    const done = await anonymiseForms(tx, forms.map((f) => f.id), now);
    await recordPersonAct(tx, viewer, 'person.erase', key, { forms: done.forms.map((f) => f.number).sort(), files: done.files.length });
    return done;
  });
  return { forms: result.forms.map((f) => f.number).sort(), files: result.files.length };
}
