import 'server-only';
import { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import { storeAttachment } from '@/lib/attachments';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { envLimit, hit, refund } from '@/lib/public/rate-limit';
import { inspectPhotos, submitDayMs, submitLimits, submitWindowMs, type UploadedPhoto } from '@/lib/public/submit';
import type { EvidenceFile } from '@/lib/workflow';
import { text } from '@/lib/workflow/customer-fields';
import { CustomerNoteError, recordCustomerNote } from './customer-note';

/** The tracking page's answer form (the server action validates with this same schema). */
export const customerAnswerSchema = z.strictObject({ text: text(4000) });

export type AnswerResult =
  | { kind: 'added' }
  | { kind: 'invalid'; fieldErrors: Record<string, string[]> }
  | { kind: 'closed' }
  | { kind: 'not_found' }
  | { kind: 'rate_limited'; scope: 'form' | 'address' | 'bytes'; retryAfterMs: number };

export function answerLimits() {
  return {
    /** Answers to one form in a day. */
    perForm: envLimit('KESU_ANSWER_FORM_LIMIT', 10),
    /** Answers (valid or not) from one address in an hour. */
    perAddress: envLimit('KESU_ANSWER_LIMIT', 20),
  };
}

/**
 * The customer answers on the tracking page: a message and photos, with the web form's limits
 * and checks (photos by content, at most `maxPhotos` of `maxPhotoBytes`, the same daily photo
 * byte budget per address), counted per form and per address; then recordCustomerNote.
 */
export async function answerOnTrackingPage(
  a: { token: string; fields: Record<string, unknown>; photos: UploadedPhoto[]; ip: string },
  now = new Date(),
  db?: Db,
): Promise<AnswerResult> {
  db ??= await getDb();
  const present = a.photos.filter((p) => p.bytes.length > 0);
  const bytes = present.reduce((n, p) => n + p.bytes.length, 0);
  const counted: { key: string; amount: number }[] = [];
  const count = async (scope: 'form' | 'address' | 'bytes', key: string, limit: number, windowMs: number, amount = 1) => {
    const r = await hit(db, key, limit, windowMs, now, amount);
    counted.push({ key, amount });
    return r.allowed ? null : ({ kind: 'rate_limited', scope, retryAfterMs: r.retryAfterMs } as const);
  };
  const limits = answerLimits();
  try {
    const byAddress = await count('address', `answer-ip:${a.ip}`, limits.perAddress, submitWindowMs);
    if (byAddress) return byAddress;
    const byForm = await count('form', `answer-form:${a.token.slice(0, 64)}`, limits.perForm, submitDayMs);
    if (byForm) return byForm;
    if (bytes > 0) {
      const byBytes = await count('bytes', `submit-bytes:${a.ip}`, Math.floor(submitLimits().bytesPerAddress / 1024), submitDayMs, Math.ceil(bytes / 1024));
      if (byBytes) return byBytes;
    }
    const parsed = customerAnswerSchema.safeParse(a.fields);
    const fieldErrors: Record<string, string[]> = parsed.success ? {} : fieldErrorsOf(parsed.error);
    const { photos, errors } = await inspectPhotos(present);
    if (errors.length) fieldErrors.photos = errors;
    if (!parsed.success || fieldErrors.photos) return { kind: 'invalid', fieldErrors };
    const files: EvidenceFile[] = [];
    for (const p of photos) files.push({ ...p.file, sha256: await storeAttachment(p.bytes) });
    await recordCustomerNote({ trackingToken: a.token }, { text: parsed.data.text, files, via: 'web' }, now, db);
    return { kind: 'added' };
  } catch (err) {
    if (err instanceof CustomerNoteError) return { kind: err.code };
    await Promise.all(counted.map((c) => refund(db, c.key, c.amount))).catch(() => {});
    throw err;
  }
}
