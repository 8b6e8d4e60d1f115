import 'server-only';
import fs from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { attachments, complaints, type Complaint } from '@/db/schema';
import { attachmentPath, storeAttachment } from '@/lib/attachments';
import type { StaffUser } from '@/db/queries/staff';
import { evidenceMimes, isTerminal, maxEvidenceBytes, type EvidenceFile, type State } from '@/lib/workflow';
import { inspectUpload, storedFilename, type Inspection } from '@/lib/uploads';
import { applyEvent } from './commands';
import { CommandError } from './errors';
import { mayOpen, refuseUnseen } from './access';

export { maxEvidenceBytes };
export const evidenceAccept = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,application/pdf';

/** Photos and PDFs, recognised by their content (file-type), never by their name; images also by their dimensions. */
export async function sniffEvidence(buf: Uint8Array): Promise<string | null> {
  const r = await inspectUpload(buf, { allowed: evidenceMimes, maxBytes: maxEvidenceBytes });
  return r.ok ? r.mime : null;
}

/**
 * Staff evidence on a form: checked by content, stored by hash, then one `evidence_added`
 * event through the command layer, which refuses closed forms (archived, rejected,
 * withdrawn), involved parties and other departments, and writes the attachment rows and the
 * history row in one transaction.
 */
export async function uploadEvidence(
  args: { complaintId: string; user: StaffUser; files: { name: string; bytes: Uint8Array }[] },
  now = new Date(),
  db?: Db,
): Promise<{ count: number; complaint: Complaint }> {
  db ??= await getDb();
  const [form] = await db.select().from(complaints).where(eq(complaints.id, args.complaintId));
  if (!form) throw new CommandError('not_found');
  await refuseUnseen(db, args.user, form);
  const checked: { bytes: Uint8Array; file: Omit<EvidenceFile, 'sha256'> }[] = [];
  for (const file of args.files) {
    const r: Inspection = await inspectUpload(file.bytes, { allowed: evidenceMimes, maxBytes: maxEvidenceBytes });
    // Said to the uploader in their language, naming the file (commands.errors.upload_*).
    if (!r.ok) throw new CommandError(`upload_${r.refusal}`, { file: file.name.slice(0, 100) });
    checked.push({
      bytes: file.bytes,
      file: { filename: storedFilename(file.name, r.ext), mime: r.mime, size: file.bytes.length, ...(r.width ? { width: r.width, height: r.height } : {}) },
    });
  }
  // A closed form refuses before any byte is written; applyEvent checks again, under the row lock.
  if (isTerminal(form.status as State)) throw new CommandError('terminal', { event: 'evidence_added', state: form.status });
  const files: EvidenceFile[] = [];
  for (const c of checked) files.push({ ...c.file, sha256: await storeAttachment(c.bytes) });
  const input = { files };
  // An upload does not compete with the form's other events: retry on a concurrent change.
  for (let attempt = 0; ; attempt++) {
    const [current] = await db.select({ version: complaints.version }).from(complaints).where(eq(complaints.id, form.id));
    try {
      const { complaint } = await applyEvent({ complaintId: form.id, event: 'evidence_added', input, actor: args.user, expectedVersion: current.version }, { now }, db);
      return { count: files.length, complaint };
    } catch (err) {
      if (!(err instanceof CommandError && err.code === 'stale_version' && attempt < 3)) throw err;
    }
  }
}

/** uploadEvidence, counting the files recorded. */
export async function addEvidence(...args: Parameters<typeof uploadEvidence>): Promise<number> {
  return (await uploadEvidence(...args)).count;
}

/** The file of an attachment, only for staff who may see its form. */
export async function readEvidence(user: StaffUser, id: string, db?: Db) {
  db ??= await getDb();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [row] = await db
    .select({ attachment: attachments, siteId: complaints.siteId, departmentId: complaints.departmentId })
    .from(attachments)
    .innerJoin(complaints, eq(complaints.id, attachments.complaintId))
    .where(eq(attachments.id, id));
  if (!row || !(await mayOpen(db, user, { id: row.attachment.complaintId, siteId: row.siteId, departmentId: row.departmentId }))) return null;
  return { ...row.attachment, bytes: await fs.readFile(attachmentPath(row.attachment.sha256)) };
}
