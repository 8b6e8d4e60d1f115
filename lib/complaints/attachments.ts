import fs from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { attachments, complaints } from '@/db/schema';
import { attachmentPath, cleanFilename, sniffImage, storeAttachment } from '@/lib/public/attachments';
import type { StaffUser } from '@/db/queries/staff';
import { CommandError } from './errors';
import { canSee, partiesOf, refuseInvolved } from './form-view';

export const maxEvidenceBytes = 10 * 1024 * 1024;
export const evidenceAccept = 'image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf';

/** Photos and PDFs, recognised by their content, never by their name. */
export function sniffEvidence(buf: Uint8Array): string | null {
  const image = sniffImage(buf);
  if (image) return image;
  const pdf = buf.length >= 5 && Buffer.from(buf.subarray(0, 5)).toString('latin1') === '%PDF-';
  return pdf ? 'application/pdf' : null;
}

/** Staff evidence on a form: anybody who may see the form and is not an involved party. */
export async function addEvidence(
  db: Db,
  args: { complaintId: string; user: StaffUser; files: { name: string; bytes: Uint8Array }[] },
  now = new Date(),
): Promise<number> {
  const [form] = await db.select().from(complaints).where(eq(complaints.id, args.complaintId));
  if (!form) throw new CommandError('not_found');
  await refuseInvolved(db, form.id, args.user.id);
  // Involved parties were refused just above, with their own message.
  if (!canSee(args.user, { ...form, partyUserIds: [] })) throw new CommandError('not_found');
  const checked = args.files.map((file) => {
    if (file.bytes.length === 0 || file.bytes.length > maxEvidenceBytes) {
      throw new CommandError('invalid_input', {}, { files: [`${file.name}: 1 byte – 10 MB`] });
    }
    const mime = sniffEvidence(file.bytes);
    if (!mime) throw new CommandError('invalid_input', {}, { files: [`${file.name}: JPEG, PNG, WebP, HEIC, PDF`] });
    return { ...file, mime };
  });
  for (const file of checked) {
    const sha256 = await storeAttachment(file.bytes);
    await db.insert(attachments).values({
      complaintId: form.id,
      sha256,
      filename: cleanFilename(file.name),
      mime: file.mime,
      size: file.bytes.length,
      uploadedById: args.user.id,
      fromCustomer: false,
      createdAt: now,
    });
  }
  return checked.length;
}

/** The file of an attachment, only for staff who may see its form. */
export async function readEvidence(db: Db, user: StaffUser, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db
    .select({ attachment: attachments, siteId: complaints.siteId, departmentId: complaints.departmentId })
    .from(attachments)
    .innerJoin(complaints, eq(complaints.id, attachments.complaintId))
    .where(eq(attachments.id, id));
  if (!row || !canSee(user, { ...row, partyUserIds: await partiesOf(db, row.attachment.complaintId) })) return null;
  return { ...row.attachment, bytes: await fs.readFile(attachmentPath(row.attachment.sha256)) };
}
