/**
 * The OpenAPI document of /api/v1: valid OpenAPI 3.1 (@readme/openapi-parser), and listing
 * exactly the operations the route files under app/api/v1 export — a new route without its
 * operation, or an operation without its route, fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileErrors, validate } from '@readme/openapi-parser';
import { apiOperations, openApiDocument } from '@/lib/api/openapi';

const root = path.join(process.cwd(), 'app/api/v1');

/** 'forms/[number]/events/route.ts' exporting GET and POST → ['get /api/v1/forms/{number}/events', 'post …']. */
function routeOperations(): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== 'route.ts') continue;
    const file = path.join(entry.parentPath, entry.name);
    const url = '/api/v1/' + path.relative(root, entry.parentPath).split(path.sep).join('/').replace(/\[(\w+)\]/g, '{$1}');
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm)) out.push(`${m[1].toLowerCase()} ${url}`);
  }
  return out.sort();
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    // The validator resolves $refs in place: give it a copy.
    const doc = structuredClone(openApiDocument());
    const result = await validate(doc as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(doc.openapi).toBe('3.1.0');
    // The validator does refuse a broken document (a response without its description).
    const broken = structuredClone(openApiDocument()) as { paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>> };
    delete broken.paths['/api/v1/forms'].get.responses['200'].description;
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it('lists every route of /api/v1 and nothing else', () => {
    const documented = Object.entries(openApiDocument().paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).sort();
    expect(documented).toEqual(routeOperations());
    expect(apiOperations().map((o) => `${o.method} ${o.path}`).sort()).toEqual(documented);
  });

  it("describes create with the intake form's schema and every event of the procedure", () => {
    const doc = openApiDocument();
    const create = doc.components.schemas.CreateForm as { required: string[]; properties: Record<string, unknown> };
    expect(create.required).toEqual(expect.arrayContaining(['channel', 'customerName', 'categoryCode', 'description']));
    // Required but for channel `email` with an address (a rule JSON Schema does not say: the server checks it).
    expect(create.required).not.toContain('customerPhone');
    expect(create.properties).toHaveProperty('customerPhone');
    const fire = doc.components.schemas.FireEvent as { oneOf?: unknown[]; anyOf?: unknown[] };
    expect((fire.oneOf ?? fire.anyOf)!.length).toBeGreaterThan(20);
  });
});
