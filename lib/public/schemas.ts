import { z } from 'zod';
import { phoneField } from '@/lib/validation/phone';
import { publicFormSchema } from './form-schema';

/**
 * What a customer fills in on /submit, as the server checks it: the staff intake schema's
 * customer fields (the browser checks the same but the phone's validity: ./form-schema.ts).
 * The server adds channel 'web' and the page's locale before handing it to createComplaint,
 * which parses it again with createComplaintSchema. The phone is required here, as at the desk.
 */
export const publicSubmitSchema = publicFormSchema.extend({ customerPhone: phoneField() });
export type PublicSubmitInput = z.input<typeof publicSubmitSchema>;
export { honeypotField, maxPhotoBytes, maxPhotos, photoAccept, publicSubmitFields } from './form-schema';
