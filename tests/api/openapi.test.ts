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

  it('speaks the reader\'s language: every summary and description of the zh-CN document is Chinese, from the messages', async () => {
    const zh = openApiDocument('zh-CN');
    expect((await validate(structuredClone(zh) as never)).valid).toBe(true);
    const words = (node: unknown, out: string[] = []): string[] => {
      if (Array.isArray(node)) node.forEach((n) => words(n, out));
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if ((k === 'summary' || k === 'description') && typeof v === 'string') out.push(v);
          else words(v, out);
        }
      }
      return out;
    };
    const zhWords = words(zh);
    expect(zhWords.length).toBeGreaterThan(60);
    expect(zhWords.filter((w) => !/[\u4e00-\u9fff]/.test(w))).toEqual([]);
    const createSummary = (doc: unknown) => (doc as { paths: Record<string, Record<string, { summary: string }>> }).paths['/api/v1/forms'].post.summary;
    expect(createSummary(zh)).toBe('新建处理单（受理命令：字段、规则和重复投诉识别与前台相同）');
    const en = openApiDocument('en');
    expect(createSummary(en)).toBe('Create a form (the intake command: same fields, rules and repeat detection as the desk)');
    expect(words(en).filter((w) => /[\u4e00-\u9fff]/.test(w))).toEqual([]);
    // Field descriptions too (the schemas' .describe() marks them, the messages word them).
    const create = zh.components.schemas.CreateForm as { properties: Record<string, { description?: string }> };
    expect(create.properties.customerPhone.description).toMatch(/^E\.164 格式/);
  });

  it('is served in the language asked for', async () => {
    const { GET } = await import('@/app/api/v1/openapi.json/route');
    const summary = async (init: { lang?: string; header?: string }) => {
      const res = GET(new Request(`http://kesu.test/api/v1/openapi.json${init.lang ? `?lang=${init.lang}` : ''}`, { headers: init.header ? { 'Accept-Language': init.header } : {} }));
      return { lang: res.headers.get('content-language'), summary: (await res.json()).paths['/api/v1/forms'].get.summary as string };
    };
    expect(await summary({ lang: 'en', header: 'zh-CN' })).toMatchObject({ lang: 'en', summary: expect.stringMatching(/^List and search/) });
    expect(await summary({ header: 'zh-CN,zh;q=0.9' })).toMatchObject({ lang: 'zh-CN', summary: expect.stringMatching(/^列出和搜索/) });
    expect(await summary({ header: 'en-US' })).toMatchObject({ lang: 'en' });
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
