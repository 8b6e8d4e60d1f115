import 'server-only';
import { getDb, type Db, type Tx } from '@/db/client';
import { attachments, type Complaint } from '@/db/schema';
import { openForChange, recordChange, type FormKey } from '@/lib/complaints/change';
import { evidencePayload } from '@/lib/complaints/commands';
import { surveyActorName } from '@/lib/complaints/survey';
import { eventSchemas, isTerminal, type EvidenceFile, type State } from '@/lib/workflow';

export type CustomerNoteVia = 'web' | 'email';

export class CustomerNoteError extends Error {
  constructor(readonly code: 'not_found' | 'closed') {
    super(code);
    this.name = 'CustomerNoteError';
  }
}

/**
 * The customer adds a message (and photos) to an open form: from the tracking page or by
 * replying to one of our e-mails. One transaction: a customer-visible `note` history row by the
 * customer (its payload names the way it came, `via`), the photos' attachment rows with their
 * `evidence_added` row, and a notice to the customer manager (the desk while there is none).
 * The state does not change. A closed form takes no more notes.
 */
export async function recordCustomerNote(
  key: FormKey,
  input: { text: string; files?: EvidenceFile[]; via: CustomerNoteVia },
  now = new Date(),
  db?: Db,
  /** Runs inside the note's transaction first (the mail importer records the message there); throwing rolls it all back. */
  alsoInTransaction?: (tx: Tx) => Promise<void>,
): Promise<{ complaint: Complaint; eventId: number }> {
  db ??= await getDb();
  const files = input.files?.length ? eventSchemas.evidence_added.parse({ files: input.files }).files : [];
  return db.transaction(async (tx) => {
    const form = await openForChange(tx, key, { customer: true }).catch((err) => {
      throw err?.code === 'not_found' ? new CustomerNoteError('not_found') : err;
    });
    if (isTerminal(form.status as State)) throw new CustomerNoteError('closed');
    await alsoInTransaction?.(tx);
    const actor = { id: null, role: 'customer', name: surveyActorName };
    const note = await recordChange(
      tx,
      form,
      {
        event: { type: 'note', actor, payload: { text: input.text, customerVisible: true, fromCustomer: true, via: input.via }, customerVisible: true },
        set: { lastCustomerUpdateAt: now },
        notices: [{ audience: 'customer_manager', template: 'customer_note', message: input.text }],
      },
      now,
    );
    if (!files.length) return { complaint: note.complaint, eventId: note.eventId! };
    const withFiles = await recordChange(
      tx,
      note.complaint,
      {
        event: { type: 'evidence_added', actor, payload: evidencePayload(files), customerVisible: true },
        effects: async () => {
          await tx.insert(attachments).values(
            files.map((f) => ({ complaintId: form.id, sha256: f.sha256, filename: f.filename, mime: f.mime, size: f.size, fromCustomer: true, createdAt: now })),
          );
        },
      },
      now,
    );
    return { complaint: withFiles.complaint, eventId: note.eventId! };
  });
}
