import { z } from 'zod';
import { createComplaintSchema } from '@/lib/workflow/schemas';

/**
 * What a customer fills in on /submit: the staff intake schema's customer fields. The server
 * adds channel 'web' and the page's locale before handing it to createComplaint, which parses
 * it again with createComplaintSchema.
 */
export const publicSubmitSchema = createComplaintSchema
  .pick({
    customerName: true,
    customerPhone: true,
    customerEmail: true,
    subjectProduct: true,
    plate: true,
    categoryCode: true,
    description: true,
    customerRequest: true,
  })
  .extend({
    // Generated in the form: the same key twice is one form (double submit, retry).
    idempotencyKey: z.uuid(),
  });
export type PublicSubmitInput = z.input<typeof publicSubmitSchema>;
export const publicSubmitFields = ['customerName', 'customerPhone', 'customerEmail', 'subjectProduct', 'plate', 'categoryCode', 'description', 'customerRequest'] as const;

// The limits live with the request-body limit they must fit in (lib/validation/limits.ts).
export { maxPhotos, maxFileBytes as maxPhotoBytes } from '@/lib/validation/limits';
/** What the file picker offers; the server trusts only the content (magic bytes). */
export const photoAccept = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif';
/** The honeypot's field name: people never see it, form-filling robots fill it in. */
export const honeypotField = 'website';
