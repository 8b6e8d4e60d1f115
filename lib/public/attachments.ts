import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '@/db/client';

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic';

const heifBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'heif']);

/** The image type by the file's content (magic bytes), whatever its name says; null if not an accepted image. */
export function sniffImage(buf: Uint8Array): ImageMime | null {
  const ascii = (start: number, end: number) => Buffer.from(buf.subarray(start, end)).toString('latin1');
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => buf[i] === b)) return 'image/png';
  if (buf.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (buf.length >= 12 && ascii(4, 8) === 'ftyp') {
    // ISO base media file: the major brand, then compatible brands up to the box's size.
    const boxSize = Math.min(buf.length, Buffer.from(buf.subarray(0, 4)).readUInt32BE(0) || 0, 256);
    if (heifBrands.has(ascii(8, 12))) return 'image/heic';
    for (let i = 16; i + 4 <= boxSize; i += 4) if (heifBrands.has(ascii(i, i + 4))) return 'image/heic';
  }
  return null;
}

export function attachmentsDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.KESU_ATTACHMENTS_DIR || path.join(dataDir(), 'attachments'));
}

/** Where a file of this content lives: <dir>/<first 2 hex digits>/<sha256>. */
export function attachmentPath(sha256: string, dir = attachmentsDir()): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
  return path.join(dir, sha256.slice(0, 2), sha256);
}

/** Stores the bytes by content hash (the same photo twice is one file); returns the hash. */
export async function storeAttachment(buf: Uint8Array, dir = attachmentsDir()): Promise<string> {
  const sha256 = crypto.createHash('sha256').update(buf).digest('hex');
  const target = attachmentPath(sha256, dir);
  try {
    await fs.access(target);
    return sha256;
  } catch {
    /* not stored yet */
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, buf);
  await fs.rename(tmp, target); // atomic: a reader never sees half a file
  return sha256;
}

/** A file name safe to keep in the database and show back (no path, no control characters). */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'photo';
}
