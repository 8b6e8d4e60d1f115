import { addNote } from '@/lib/api/endpoints';

export const POST = (req: Request, ctx: { params: Promise<{ number: string }> }) => addNote(req, ctx);
