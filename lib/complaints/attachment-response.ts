import { extensionFor, isImageMime, storedFilename } from '@/lib/uploads';

/**
 * The headers of every attachment response. Images may show inline; anything else (PDF) is a
 * download. `sandbox` makes whatever the browser does render an opaque origin without scripts,
 * and nosniff stops it from guessing HTML inside a file declared as an image.
 */
export function attachmentHeaders(file: { mime: string; size: number; filename: string }): Record<string, string> {
  const disposition = isImageMime(file.mime) ? 'inline' : 'attachment';
  // Rows stored before names followed the type (e.g. invoice.html holding HEIC) are served by their type too.
  const ext = extensionFor(file.mime);
  const filename = ext ? storedFilename(file.filename, ext) : file.filename;
  // An ASCII fallback for old clients, then the UTF-8 name (RFC 6266 / 5987).
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    'content-type': file.mime,
    'content-length': String(file.size),
    'content-disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'content-security-policy': 'sandbox',
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=3600',
  };
}
