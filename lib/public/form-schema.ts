import { z } from 'zod';
import { customerFields } from '@/lib/workflow/customer-fields';
import { safeText } from '@/lib/validation/text';
import { honeypotField } from './form-constants';

/**
 * What the customer's web form checks in the browser: the fields of publicSubmitSchema
 * (./schemas.ts), whose rules these are, but the phone number, which is only required here.
 * Its validity (lib/validation/phone.ts) is checked by the server alone: the number's metadata
 * would weigh more than the rest of the page's scripts, and the server's answer stands next to
 * the field all the same (with or without JavaScript).
 */
const { customerName, ...otherFields } = customerFields;
export const publicFormSchema = z.strictObject({
  customerName,
  customerPhone: safeText().min(1).max(40),
  ...otherFields,
  // Generated in the form: the same key twice is one form (double submit, retry).
  idempotencyKey: z.uuid(),
});
export type PublicFormInput = z.input<typeof publicFormSchema>;
export const publicSubmitFields = ['customerName', 'customerPhone', 'customerEmail', 'subjectProduct', 'plate', 'categoryCode', 'description', 'customerRequest'] as const;
// Zod-free, for the form's first load (./form-constants.ts); re-exported for the server's imports.
export { honeypotField, maxPhotos, maxPhotoBytes, photoAccept } from './form-constants';

/**
 * The web form as posted (its text; the photos are files): checked by submitPublicComplaint only
 * once the attempt is counted against the address, since an invalid attempt counts too.
 */
export const postedSubmitSchema = z.object({
  ...Object.fromEntries(publicSubmitFields.map((name) => [name, z.string().optional()])) as Record<(typeof publicSubmitFields)[number], z.ZodOptional<z.ZodString>>,
  idempotencyKey: z.string().optional(),
  [honeypotField]: z.string().optional(),
});
