import { getDb } from '@/db/client';
import { currentStaff } from '@/lib/auth/session';
import { readEvidence } from '@/lib/complaints/attachments';

// Evidence is served only to staff who may see its form, and never sniffed as HTML by the browser.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await currentStaff();
  if (!user) return new Response('Unauthorized', { status: 401 });
  const file = await readEvidence(await getDb(), user, (await params).id);
  if (!file) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'content-type': file.mime,
      'content-length': String(file.size),
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=3600',
    },
  });
}
