import { getForm } from '@/lib/api/endpoints';

export const GET = (req: Request, ctx: { params: Promise<{ number: string }> }) => getForm(req, ctx);
