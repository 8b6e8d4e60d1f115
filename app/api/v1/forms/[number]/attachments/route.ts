import { uploadAttachments } from '@/lib/api/endpoints';

export const POST = (req: Request, ctx: { params: Promise<{ number: string }> }) => uploadAttachments(req, ctx);
