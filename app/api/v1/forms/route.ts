import { createForm, listForms } from '@/lib/api/endpoints';

// The JSON API (lib/api): list and search forms, create one.
export const GET = (req: Request) => listForms(req);
export const POST = (req: Request) => createForm(req);
