// Attachment storage by content hash, shared by staff evidence uploads and the public web form.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '@/db/client';

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
