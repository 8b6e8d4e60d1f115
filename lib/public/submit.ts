import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { attachments, complaints } from '@/db/schema';
import { createComplaint, formatNumber, newAccessCode } from '@/lib/complaints/commands';
import { CommandError } from '@/lib/complaints/errors';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { cleanFilename, sniffImage, storeAttachment, type ImageMime } from './attachments';
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
  const photos: { name: string; bytes: Uint8Array; mime: ImageMime }[] = [];
  const present = s.photos.filter((p) => p.bytes.length > 0);
  if (present.length > maxPhotos) fieldErrors.photos = ['too_many'];
  for (const p of present.slice(0, maxPhotos)) {
    const mime = sniffImage(p.bytes);
    if (p.bytes.length > maxPhotoBytes) (fieldErrors.photos ??= []).push('too_large');
    else if (!mime) (fieldErrors.photos ??= []).push('bad_type');
    else photos.push({ name: cleanFilename(p.name), bytes: p.bytes, mime });
  }
  if (!parsed.success || fieldErrors.photos) return { kind: 'invalid', fieldErrors };
  const { idempotencyKey, ...fields } = parsed.data;

  // A repeated submit of a form that already went through answers with that form, uncounted.
  const again = await findByIdempotencyKey(db, idempotencyKey);
  if (again) return again;
  const counted = await hit(db, `submit-ip:${s.ip}`, envLimit('KESU_SUBMIT_LIMIT', 5), submitWindowMs, now);
  if (!counted.allowed) return { kind: 'rate_limited', retryAfterMs: counted.retryAfterMs };
  const stored = [];
  for (const p of photos) stored.push({ ...p, sha256: await storeAttachment(p.bytes) });
  try {
    const { complaint, created } = await createComplaint(db, { ...fields, channel: 'web', customerLocale: s.locale }, null, { idempotencyKey, now });
    if (created && stored.length) {
      await db.insert(attachments).values(
        stored.map((p) => ({ complaintId: complaint.id, sha256: p.sha256, filename: p.name, mime: p.mime, size: p.bytes.length, fromCustomer: true, createdAt: now })),
      );
    }
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
