import { openApiDocument } from '@/lib/api/openapi';

// The API's description, generated from its zod schemas; public like any published API reference.
export const GET = () =>
  new Response(JSON.stringify(openApiDocument()), { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' } });
