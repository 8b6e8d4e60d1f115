import { currentStaff } from '@/lib/auth/session';
import { readEvidence } from '@/lib/complaints/attachments';
import { attachmentHeaders } from '@/lib/complaints/attachment-response';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const refusalHeaders = { 'content-security-policy': 'sandbox', 'x-content-type-options': 'nosniff' };

// Evidence is served only to staff who may see its form, and never rendered as a page (attachmentHeaders).
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!uuid.test(id)) return new Response('Not found', { status: 404, headers: refusalHeaders });
  const user = await currentStaff();
  if (!user) return new Response('Unauthorized', { status: 401, headers: refusalHeaders });
  const file = await readEvidence(user, id);
  if (!file) return new Response('Not found', { status: 404, headers: refusalHeaders });
  return new Response(new Uint8Array(file.bytes), { headers: attachmentHeaders(file) });
}
