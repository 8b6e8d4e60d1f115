/**
 * What an uploaded file really is. The type comes from its content, recognised by the
 * maintained `file-type` library, never from its name; an image must also decode far enough
 * for `image-size` to read its pixel dimensions, within the limits below (a 400 kB PNG can
 * claim 12,000 × 12,000 pixels and exhaust whoever decodes it). The stored name gets the
 * extension of the detected type, so `invoice.html` holding HEIC bytes is kept as
 * `invoice.heic`, and served as image/heic — never as HTML.
 */
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { evidenceMimes, imageMimes, type EvidenceMime } from '@/lib/workflow';

/** Longest side of an accepted image, in pixels. A phone camera's photo is about 4,000–8,000. */
export const maxImageSide = 12_000;
/** Most pixels of an accepted image: 50 megapixels (a 200-megapixel sensor's photo is refused). */
export const maxImagePixels = 50_000_000;

export type UploadRefusal = 'empty' | 'too_large' | 'bad_type' | 'not_image' | 'too_many_pixels';

export type Inspection =
  | { ok: true; mime: EvidenceMime; ext: string; width?: number; height?: number }
  | { ok: false; refusal: UploadRefusal };

const extensionOf: Record<EvidenceMime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'application/pdf': 'pdf',
};
/** image-size's name of each image type (HEIF reports its brand instead: any of these). */
const sizeTypes: Record<string, readonly string[]> = {
  'image/jpeg': ['jpg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/heic': ['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1', 'heif'],
  'image/heif': ['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1', 'heif'],
};

/** The extension a file of this type is stored and served with, or null for a type never accepted. */
export function extensionFor(mime: string): string | null {
  return (extensionOf as Record<string, string>)[mime] ?? null;
}

export function isImageMime(mime: string): boolean {
  return (imageMimes as readonly string[]).includes(mime);
}

/**
 * Checks one file: its type by content among `allowed`, and for an image its dimensions.
 * Returns the detected type and extension, or why it is refused.
 */
export async function inspectUpload(
  bytes: Uint8Array,
  opts: { allowed?: readonly EvidenceMime[]; maxBytes: number },
): Promise<Inspection> {
  if (bytes.length === 0) return { ok: false, refusal: 'empty' };
  if (bytes.length > opts.maxBytes) return { ok: false, refusal: 'too_large' };
  const allowed = opts.allowed ?? evidenceMimes;
  const detected = await fileTypeFromBuffer(bytes);
  const mime = detected?.mime as EvidenceMime | undefined;
  if (!mime || !allowed.includes(mime)) return { ok: false, refusal: 'bad_type' };
  if (!isImageMime(mime)) return { ok: true, mime, ext: extensionOf[mime] };
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    return { ok: false, refusal: 'not_image' }; // a header that is not followed by a real image
  }
  const { width, height } = size;
  if (!width || !height || !size.type || !sizeTypes[mime].includes(size.type)) return { ok: false, refusal: 'not_image' };
  if (width > maxImageSide || height > maxImageSide || width * height > maxImagePixels) return { ok: false, refusal: 'too_many_pixels' };
  return { ok: true, mime, ext: extensionOf[mime], width, height };
}

/**
 * A file name safe to keep and show back: no path, no control or bidi-override characters,
 * and the extension of the detected type instead of whatever the sender wrote.
 */
export function storedFilename(name: string, ext: string, fallback = 'file'): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .toWellFormed()
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd]/g, '')
    .trim();
  const stem = base.replace(/\.[^.]*$/, '').replace(/[. ]+$/, '').slice(0, 180) || fallback;
  return `${stem}.${ext}`;
}
