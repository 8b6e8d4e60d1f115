import { fireEvent, listEvents } from '@/lib/api/endpoints';

export const GET = (req: Request, ctx: { params: Promise<{ number: string }> }) => listEvents(req, ctx);
export const POST = (req: Request, ctx: { params: Promise<{ number: string }> }) => fireEvent(req, ctx);
