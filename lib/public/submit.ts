import 'server-only';
import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { categories, complaints } from '@/db/schema';
import { createComplaint, formatNumber, newAccessCode } from '@/lib/complaints/commands';
import { CommandError } from '@/lib/complaints/errors';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { imageMimes, type EvidenceFile } from '@/lib/workflow';
import { inspectUpload, storedFilename } from '@/lib/uploads';
import { storeAttachment } from '@/lib/attachments';
import { envLimit, hit, refund } from './rate-limit';
import { maxPhotoBytes, maxPhotos, publicSubmitSchema } from './schemas';

/** The web form's category choices (those in use) in the page's locale, alphabetical with 'other' last. */
export async function loadPublicCategories(locale: 'zh-CN' | 'en', db?: Db): Promise<{ code: string; label: string }[]> {
  const d = db ?? (await getDb());
  const rows = await d.select({ code: categories.code, name: categories.name, nameEn: categories.nameEn }).from(categories).where(eq(categories.active, true)).orderBy(asc(categories.name));
  return rows
    .map((c) => ({ code: c.code, label: locale === 'en' ? c.nameEn : c.name }))
    .sort((a, b) => (a.code === 'other' ? 1 : b.code === 'other' ? -1 : a.label.localeCompare(b.label, locale)));
}

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
  /** Which limit: submissions from the address, to the phone number, or photo bytes from the address. */
  | { kind: 'rate_limited'; scope: SubmitLimitScope; retryAfterMs: number };

export type SubmitLimitScope = 'address' | 'phone' | 'bytes';

export const submitWindowMs = 3_600_000;
export const submitDayMs = 24 * 3_600_000;

/** Every limit on web submissions, each from its environment variable (see the README). */
export function submitLimits() {
  return {
    /** Submissions (valid or not) from one address in an hour. */
    perAddress: envLimit('KESU_SUBMIT_LIMIT', 10),
    /** Accepted submissions for one phone number in a day. */
    perPhone: envLimit('KESU_SUBMIT_PHONE_LIMIT', 5),
    /** Uploaded photo bytes (accepted or not) from one address in a day. */
    bytesPerAddress: envLimit('KESU_SUBMIT_BYTES_PER_DAY', 60 * 1024 * 1024),
  };
}

/** The phone number as the limit counts it: digits only, so spacing does not make it new. */
const phoneKey = (v: unknown) => (typeof v === 'string' ? v.replace(/\D+/g, '').slice(0, 20) : '');

/**
 * A customer's complaint from the web form. Counted first, per address: the submission (valid
 * or not, KESU_SUBMIT_LIMIT an hour) and its photos' bytes (KESU_SUBMIT_BYTES_PER_DAY); then the
 * fields and photos are checked (photos by content); a valid one counts against its phone
 * number (KESU_SUBMIT_PHONE_LIMIT a day); then createComplaint (channel 'web', the page's
 * locale; its idempotency key makes a double submit one form, uncounted) and the photos'
 * attachment rows. A failure on the server's side gives every count back. A filled honeypot
 * gets a success that creates nothing.
 */
export async function submitPublicComplaint(s: PublicSubmission, now = new Date(), db?: Db): Promise<SubmitResult> {
  db ??= await getDb();
  const limits = submitLimits();
  const parsed = publicSubmitSchema.safeParse(s.fields);
  // A repeated submit of a form that already went through answers with that form, uncounted.
  if (parsed.success) {
    const again = await findByIdempotencyKey(db, parsed.data.idempotencyKey);
    if (again) return again;
  }

  const present = s.photos.filter((p) => p.bytes.length > 0);
  const bytes = present.reduce((n, p) => n + p.bytes.length, 0);
  const counted: { key: string; amount: number }[] = [];
  const count = async (scope: SubmitLimitScope, key: string, limit: number, windowMs: number, amount = 1) => {
    const r = await hit(db, key, limit, windowMs, now, amount);
    counted.push({ key, amount });
    return r.allowed ? null : ({ kind: 'rate_limited', scope, retryAfterMs: r.retryAfterMs } as const);
  };
  const giveBack = () => Promise.all(counted.map((c) => refund(db, c.key, c.amount)));

  try {
    const byAddress = await count('address', `submit-ip:${s.ip}`, limits.perAddress, submitWindowMs);
    if (byAddress) return byAddress;
    if (bytes > 0) {
      // Counted in KiB so that the integer counter cannot overflow however high the budget is set.
      const byBytes = await count('bytes', `submit-bytes:${s.ip}`, Math.floor(limits.bytesPerAddress / 1024), submitDayMs, Math.ceil(bytes / 1024));
      if (byBytes) return byBytes;
    }
    if (s.honeypot.trim() !== '') return decoy(now);

    const fieldErrors: Record<string, string[]> = parsed.success ? {} : fieldErrorsOf(parsed.error);
    const { photos, errors } = await inspectPhotos(present);
    if (errors.length) fieldErrors.photos = errors;
    if (!parsed.success || fieldErrors.photos) return { kind: 'invalid', fieldErrors };
    const { idempotencyKey, ...fields } = parsed.data;

    const byPhone = await count('phone', `submit-phone:${phoneKey(fields.customerPhone)}`, limits.perPhone, submitDayMs);
    if (byPhone) return byPhone;

    const customerEvidence: EvidenceFile[] = [];
    for (const p of photos) customerEvidence.push({ ...p.file, sha256: await storeAttachment(p.bytes) });
    // The photos are attached in createComplaint's transaction, with their evidence_added history row.
    const { complaint } = await createComplaint({ ...fields, channel: 'web', customerLocale: s.locale }, null, { idempotencyKey, now, customerEvidence }, db);
    return { kind: 'created', number: complaint.number, accessCode: complaint.accessCode, trackingToken: complaint.trackingToken };
  } catch (err) {
    if (err instanceof CommandError && err.fieldErrors) return { kind: 'invalid', fieldErrors: err.fieldErrors };
    // Our failure, not the customer's: it does not count against them.
    await giveBack().catch(() => {});
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

/**
 * A customer's photos (the web form, an answer on the tracking page), checked by content
 * (file-type) and pixel dimensions (image-size): the accepted ones, named by the detected
 * extension, and a field error code for each refused one.
 */
export async function inspectPhotos(present: UploadedPhoto[]): Promise<{ photos: { bytes: Uint8Array; file: Omit<EvidenceFile, 'sha256'> }[]; errors: string[] }> {
  const photos: { bytes: Uint8Array; file: Omit<EvidenceFile, 'sha256'> }[] = [];
  const errors: string[] = present.length > maxPhotos ? ['too_many'] : [];
  for (const p of present.slice(0, maxPhotos)) {
    const r = await inspectUpload(p.bytes, { allowed: imageMimes, maxBytes: maxPhotoBytes });
    if (!r.ok) errors.push(r.refusal === 'too_large' ? 'too_large' : r.refusal === 'too_many_pixels' ? 'too_many_pixels' : 'bad_type');
    else photos.push({ bytes: p.bytes, file: { filename: storedFilename(p.name, r.ext, 'photo'), mime: r.mime, size: p.bytes.length, width: r.width, height: r.height } });
  }
  return { photos, errors };
}
