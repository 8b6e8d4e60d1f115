import { z } from 'zod';
import { safeText } from '@/lib/validation/text';

/** Free text: longer fields are multi-line (tab, CR, LF allowed); no NUL, lone surrogate or other control character. */
export const text = (max = 4000) => safeText({ multiline: max > 200 }).min(1).max(max);
export const shortText = (max = 200) => text(max);
/** Optional free text from a form: blank means absent. */
export const optionalText = (max = 4000) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text(max).optional());
export const id = () => safeText().min(1).max(100);

/**
 * The customer's fields of a complaint, except the phone number (lib/validation/phone.ts): its
 * metadata is heavy, and the customer's web form checks these fields in the browser without it
 * (lib/public/form-schema.ts). createComplaintSchema (./schemas.ts) is made of these and the phone.
 */
export const customerFields = {
  customerName: shortText(),
  customerEmail: z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v), safeText().pipe(z.email().max(254)).optional()),
  subjectProduct: optionalText(200),
  plate: optionalText(20),
  categoryCode: id(),
  description: safeText({ multiline: true }).min(5).max(10_000),
  customerRequest: optionalText(),
};
