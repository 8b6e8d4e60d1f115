import { z } from 'zod';
import {
  changedSchema,
  createFormSchema,
  fireEventDocSchema,
  formNumberParam,
  formSchema,
  historyEventSchema,
  listPageSchema,
  listQuerySchema,
  noteSchema,
  problemSchema,
  uploadedSchema,
} from './schemas';
import { maxEvidenceFiles } from '@/lib/validation/limits';
import { createTranslator } from 'next-intl';
import type { Locale } from '@/lib/i18n/locales';
import { loadMessages } from '@/lib/i18n/messages';

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the endpoints parse with
 * (lib/api/schemas.ts, which reuses the UI's): no hand-written copy. Every route handler under
 * app/api/v1 has its operation here; tests/api/openapi.test.ts holds the two lists together.
 * Its words (summaries, descriptions) are messages (`api.openapi`), in zh-CN or en.
 */

export interface Operation {
  method: 'get' | 'post';
  /** OpenAPI form, e.g. /api/v1/forms/{number}. */
  path: string;
  operationId: string;
  summary: string;
}

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

/**
 * A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's own dialect), by zod 4's own converter:
 * requests as they may be sent (`input`: defaults optional), responses as they come (`output`).
 * Refinements that JSON Schema cannot say (e.g. the bad-character check) are left to the server.
 */
function jsonSchema(schema: z.ZodType, io: Io): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  void _dialect;
  return rest;
}

interface Body {
  schema: z.ZodType;
  /** A named component (components/schemas/<name>) rather than an inline schema. */
  name?: string;
}

interface OperationSpec extends Operation {
  description?: string;
  params?: boolean;
  query?: z.ZodObject;
  headers?: Record<string, string>;
  body?: Body & { type: string };
  responses: Record<number, { description: string; body?: Body; type?: string; headers?: Record<string, string> }>;
}

type Words = (key: string) => string;

/**
 * Field descriptions in the reader's language: the schemas' own `.describe()` marks which fields
 * have one, `api.openapi.fields.<name>` words it (in properties and in parameters alike).
 */
function wordFields(node: unknown, fields: Record<string, string>): void {
  if (Array.isArray(node)) return node.forEach((n) => wordFields(n, fields));
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.properties && typeof o.properties === 'object') {
    for (const [name, prop] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) {
      if (prop && typeof prop.description === 'string' && fields[name]) prop.description = fields[name];
    }
  }
  if (typeof o.name === 'string' && o.schema && typeof o.schema === 'object' && fields[o.name]) {
    const schema = o.schema as Record<string, unknown>;
    if (typeof schema.description === 'string') schema.description = fields[o.name];
    if (typeof o.description === 'string') o.description = fields[o.name];
  }
  for (const v of Object.values(o)) wordFields(v, fields);
}

function build(locale: Locale) {
  const messages = loadMessages(locale) as { api: { openapi: { fields: Record<string, string> } } };
  const t: Words = createTranslator({ locale, messages: messages as unknown as Record<string, never>, namespace: 'api.openapi' as never }) as unknown as Words;
  const components: Record<string, JsonSchema> = {};
  const ref = (b: Body, io: Io): JsonSchema => {
    if (!b.name) return jsonSchema(b.schema, io);
    components[b.name] ??= jsonSchema(b.schema, io);
    return { $ref: `#/components/schemas/${b.name}` };
  };
  const Problem: Body = { schema: problemSchema, name: 'Problem' };
  const Form: Body = { schema: formSchema, name: 'Form' };
  const Changed: Body = { schema: changedSchema, name: 'Changed' };
  const problem = (description: string) => ({ description, body: Problem, type: 'application/problem+json' });
  const errors = {
    401: problem(t('responses.unauthenticated')),
    403: problem(t('responses.forbidden')),
    404: problem(t('responses.notFound')),
    429: problem(t('responses.rateLimited')),
  };
  const changes = {
    409: problem(t('responses.refused')),
    412: problem(t('responses.stale')),
    422: problem(t('responses.invalid')),
  };
  const ifMatch = { 'If-Match': t('headers.ifMatch') };
  const etag = { ETag: t('headers.etag') };

  const specs: OperationSpec[] = [
    {
      method: 'get',
      path: '/api/v1/forms',
      operationId: 'listForms',
      summary: t('summaries.listForms'),
      query: listQuerySchema,
      responses: { 200: { description: t('responses.page'), body: { schema: listPageSchema, name: 'FormList' } }, ...errors },
    },
    {
      method: 'post',
      path: '/api/v1/forms',
      operationId: 'createForm',
      summary: t('summaries.createForm'),
      headers: { 'Idempotency-Key': t('headers.idempotencyKey') },
      body: { schema: createFormSchema, name: 'CreateForm', type: 'application/json' },
      responses: {
        201: { description: t('responses.created'), body: Form, headers: { ...etag, Location: t('headers.location') } },
        200: { description: t('responses.replayed'), body: Form },
        422: changes[422],
        ...errors,
      },
    },
    {
      method: 'get',
      path: '/api/v1/forms/{number}',
      operationId: 'getForm',
      summary: t('summaries.getForm'),
      params: true,
      responses: { 200: { description: t('responses.form'), body: Form, headers: etag }, ...errors },
    },
    {
      method: 'get',
      path: '/api/v1/forms/{number}/events',
      operationId: 'listEvents',
      summary: t('summaries.listEvents'),
      params: true,
      responses: {
        200: { description: t('responses.history'), body: { schema: z.object({ items: z.array(historyEventSchema) }), name: 'History' }, headers: etag },
        ...errors,
      },
    },
    {
      method: 'post',
      path: '/api/v1/forms/{number}/events',
      operationId: 'fireEvent',
      summary: t('summaries.fireEvent'),
      params: true,
      headers: ifMatch,
      body: { schema: fireEventDocSchema, name: 'FireEvent', type: 'application/json' },
      responses: { 200: { description: t('responses.applied'), body: Changed, headers: etag }, 428: problem(t('responses.versionRequired')), ...changes, ...errors },
    },
    {
      method: 'post',
      path: '/api/v1/forms/{number}/notes',
      operationId: 'addNote',
      summary: t('summaries.addNote'),
      params: true,
      headers: ifMatch,
      body: { schema: noteSchema, name: 'Note', type: 'application/json' },
      responses: { 201: { description: t('responses.added'), body: Changed, headers: etag }, ...changes, ...errors },
    },
    {
      method: 'post',
      path: '/api/v1/forms/{number}/attachments',
      operationId: 'uploadAttachments',
      summary: t('summaries.uploadAttachments'),
      params: true,
      body: {
        schema: z.object({ files: z.array(z.string().meta({ contentMediaType: 'application/octet-stream' })).min(1).max(maxEvidenceFiles) }),
        type: 'multipart/form-data',
      },
      responses: { 201: { description: t('responses.recorded'), body: { schema: uploadedSchema, name: 'Uploaded' }, headers: etag }, ...changes, ...errors },
    },
  ];

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of specs) {
    const parameters: JsonSchema[] = [];
    if (op.params) parameters.push({ name: 'number', in: 'path', required: true, schema: jsonSchema(formNumberParam, 'input'), description: t('fields.number') });
    if (op.query) {
      const q = jsonSchema(op.query, 'input') as { properties: Record<string, JsonSchema> };
      for (const [name, schema] of Object.entries(q.properties)) parameters.push({ name, in: 'query', required: false, schema });
    }
    for (const [name, description] of Object.entries(op.headers ?? {})) parameters.push({ name, in: 'header', required: false, schema: { type: 'string' }, description });
    parameters.push({ name: 'Accept-Language', in: 'header', required: false, schema: { type: 'string' }, description: t('headers.acceptLanguage') });
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.body ? { content: { [r.type ?? 'application/json']: { schema: ref(r.body, 'output') } } } : {}),
        ...(r.headers ? { headers: Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) } : {}),
      };
    }
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      security: [{ apiKey: [] }],
      parameters,
      ...(op.body ? { requestBody: { required: true, content: { [op.body.type]: { schema: ref(op.body, 'input') } } } } : {}),
      responses,
    };
  }
  const self: Operation = { method: 'get', path: '/api/v1/openapi.json', operationId: 'openapi', summary: t('summaries.openapi') };
  paths[self.path] = { get: { operationId: self.operationId, summary: self.summary, security: [], responses: { 200: { description: t('responses.document'), content: { 'application/json': { schema: { type: 'object' } } } } } } };

  const document = {
    openapi: '3.1.0',
    info: {
      title: 'Kesu API',
      version: '1',
      description: t('info'),
    },
    paths,
    components: {
      schemas: components,
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: t('security') } },
    },
  };
  wordFields(document, messages.api.openapi.fields);
  const operations: Operation[] = [...specs.map(({ method, path, operationId, summary }) => ({ method, path, operationId, summary })), self];
  return { document, operations };
}

const built = new Map<Locale, ReturnType<typeof build>>();
function builtFor(locale: Locale) {
  let b = built.get(locale);
  if (!b) built.set(locale, (b = build(locale)));
  return b;
}

/** The document in `locale` (built once per process and language: the schemas do not change while it runs). */
export function openApiDocument(locale: Locale = 'en') {
  return builtFor(locale).document;
}

export function apiOperations(locale: Locale = 'en'): Operation[] {
  return builtFor(locale).operations;
}
