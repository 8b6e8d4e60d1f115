/**
 * The web form's constants that its client component needs at first load. Kept apart from
 * ./form-schema.ts (zod) so that importing them does not put zod into the page's first scripts:
 * the form's rules load when the customer first touches the form (./form-resolver.ts).
 */
/** The honeypot's field name: people never see it, form-filling robots fill it in. */
export const honeypotField = 'website';
/** What the file picker offers; the server trusts only the content (magic bytes). */
export const photoAccept = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif';
// The limits live with the request-body limit they must fit in (lib/validation/limits.ts).
export { maxPhotos, maxFileBytes as maxPhotoBytes } from '@/lib/validation/limits';
