import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { complaints } from '@/db/schema';
import { createComplaint, formatNumber, newAccessCode } from '@/lib/complaints/commands';
import { CommandError } from '@/lib/complaints/errors';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { imageMimes, type EvidenceFile } from '@/lib/workflow';
import { inspectUpload, storedFilename } from '@/lib/uploads';
import { storeAttachment } from './attachments';
import { envLimit, hit } from './rate-limit';
import { maxPhotoBytes, maxPhotos, publicSubmitSchema } from './schemas';

export interface UploadedPhoto {
  name: string;
  bytes: Uint8Array;
}

export interface PublicSubmission {
  fields: Record<string, unknown>;
  photos: UploadedPhoto[];
  /** The honeypot field's value: anything in it means a robot. */
  honeypot: string;
  ip: string;
  locale: 'zh-CN' | 'en';
}

export type SubmitResult =
  | { kind: 'created'; number: string; accessCode: string; trackingToken: string }
  | { kind: 'invalid'; fieldErrors: Record<string, string[]> }
  | { kind: 'rate_limited'; retryAfterMs: number };

export const submitWindowMs = 3_600_000;

/**
 * A customer's complaint from the web form: validated fields and photos (checked by content),
 * the per-IP limit (KESU_SUBMIT_LIMIT a hour, default 5), then createComplaint (channel 'web',
 * the page's locale; its idempotency key makes a double submit one form) and the photos'
 * attachment rows. A filled honeypot gets a success that creates nothing.
 */
export async function submitPublicComplaint(db: Db, s: PublicSubmission, now = new Date()): Promise<SubmitResult> {
  if (s.honeypot.trim() !== '') return decoy(now);
  const parsed = publicSubmitSchema.safeParse(s.fields);
  const fieldErrors: Record<string, string[]> = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const photos: { bytes: Uint8Array; file: Omit<EvidenceFile, 'sha256'> }[] = [];
  const present = s.photos.filter((p) => p.bytes.length > 0);
  if (present.length > maxPhotos) fieldErrors.photos = ['too_many'];
  for (const p of present.slice(0, maxPhotos)) {
    // By content (file-type) and pixel dimensions (image-size); the stored name takes the detected extension.
    const r = await inspectUpload(p.bytes, { allowed: imageMimes, maxBytes: maxPhotoBytes });
    if (!r.ok) (fieldErrors.photos ??= []).push(r.refusal === 'too_large' ? 'too_large' : r.refusal === 'too_many_pixels' ? 'too_many_pixels' : 'bad_type');
    else photos.push({ bytes: p.bytes, file: { filename: storedFilename(p.name, r.ext, 'photo'), mime: r.mime, size: p.bytes.length, width: r.width, height: r.height } });
  }
  if (!parsed.success || fieldErrors.photos) return { kind: 'invalid', fieldErrors };
  const { idempotencyKey, ...fields } = parsed.data;

  // A repeated submit of a form that already went through answers with that form, uncounted.
  const again = await findByIdempotencyKey(db, idempotencyKey);
  if (again) return again;
  const counted = await hit(db, `submit-ip:${s.ip}`, envLimit('KESU_SUBMIT_LIMIT', 5), submitWindowMs, now);
  if (!counted.allowed) return { kind: 'rate_limited', retryAfterMs: counted.retryAfterMs };
  const customerEvidence: EvidenceFile[] = [];
  for (const p of photos) customerEvidence.push({ ...p.file, sha256: await storeAttachment(p.bytes) });
  try {
    // The photos are attached in createComplaint's transaction, with their evidence_added history row.
    const { complaint } = await createComplaint(db, { ...fields, channel: 'web', customerLocale: s.locale }, null, { idempotencyKey, now, customerEvidence });
    return { kind: 'created', number: complaint.number, accessCode: complaint.accessCode, trackingToken: complaint.trackingToken };
  } catch (err) {
    if (err instanceof CommandError && err.fieldErrors) return { kind: 'invalid', fieldErrors: err.fieldErrors };
    throw err;
  }
}

async function findByIdempotencyKey(db: Db, idempotencyKey: string): Promise<SubmitResult | null> {
  const [existing] = await db.select().from(complaints).where(eq(complaints.idempotencyKey, idempotencyKey));
  return existing ? { kind: 'created', number: existing.number, accessCode: existing.accessCode, trackingToken: existing.trackingToken } : null;
}

/** What a robot that filled the honeypot sees: a plausible answer, nothing stored. */
function decoy(now: Date): SubmitResult {
  return {
    kind: 'created',
    number: formatNumber(now.getUTCFullYear(), 1 + crypto.randomInt(999_999)),
    accessCode: newAccessCode(),
    trackingToken: crypto.randomBytes(24).toString('base64url'),
  };
}
