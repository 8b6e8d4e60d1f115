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

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the endpoints parse with
 * (lib/api/schemas.ts, which reuses the UI's): no hand-written copy. Every route handler under
 * app/api/v1 has its operation here; tests/api/openapi.test.ts holds the two lists together.
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

function build() {
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
    401: problem('No API key, or an unknown or revoked one'),
    403: problem("The key's role may not do this"),
    404: problem('No such form, or not visible to the key'),
    429: problem('Too many calls for this key: wait for Retry-After seconds'),
  };
  const changes = {
    409: problem('Refused by the procedure, or the version sent in the body is stale'),
    412: problem('The version in If-Match is stale: someone else changed the form'),
    422: problem('Invalid input: `errors` holds the messages per field'),
  };
  const ifMatch = { 'If-Match': 'The ETag of the form as last read, e.g. "3" (or send `version` in the body)' };
  const etag = { ETag: "The form's version" };

  const specs: OperationSpec[] = [
    {
      method: 'get',
      path: '/api/v1/forms',
      operationId: 'listForms',
      summary: "List and search forms (the staff search's filters, newest first, keyset paging)",
      query: listQuerySchema,
      responses: { 200: { description: 'One page of forms', body: { schema: listPageSchema, name: 'FormList' } }, ...errors },
    },
    {
      method: 'post',
      path: '/api/v1/forms',
      operationId: 'createForm',
      summary: 'Create a form (the intake command: same fields, rules and repeat detection as the desk)',
      headers: { 'Idempotency-Key': 'Optional, up to 100 of A–Z a–z 0–9 . _ : -: the same key again returns the form made the first time' },
      body: { schema: createFormSchema, name: 'CreateForm', type: 'application/json' },
      responses: {
        201: { description: 'Created', body: Form, headers: { ...etag, Location: 'The new form' } },
        200: { description: 'Already created with this Idempotency-Key (Idempotent-Replayed: true)', body: Form },
        422: changes[422],
        ...errors,
      },
    },
    {
      method: 'get',
      path: '/api/v1/forms/{number}',
      operationId: 'getForm',
      summary: "One form with its history (customer-visible or full, by the key's scope)",
      params: true,
      responses: { 200: { description: 'The form', body: Form, headers: etag }, ...errors },
    },
    {
      method: 'get',
      path: '/api/v1/forms/{number}/events',
      operationId: 'listEvents',
      summary: "The form's history (customer-visible or full, by the key's scope)",
      params: true,
      responses: {
        200: { description: 'Oldest first', body: { schema: z.object({ items: z.array(historyEventSchema) }), name: 'History' }, headers: etag },
        ...errors,
      },
    },
    {
      method: 'post',
      path: '/api/v1/forms/{number}/events',
      operationId: 'fireEvent',
      summary: "Fire an event of the procedure (the workflow's guards and the version check)",
      params: true,
      headers: ifMatch,
      body: { schema: fireEventDocSchema, name: 'FireEvent', type: 'application/json' },
      responses: { 200: { description: 'Applied', body: Changed, headers: etag }, 428: problem('No version: send If-Match or `version`'), ...changes, ...errors },
    },
    {
      method: 'post',
      path: '/api/v1/forms/{number}/notes',
      operationId: 'addNote',
      summary: 'Add a note: internal, or a progress update the customer reads',
      params: true,
      headers: ifMatch,
      body: { schema: noteSchema, name: 'Note', type: 'application/json' },
      responses: { 201: { description: 'Added', body: Changed, headers: etag }, ...changes, ...errors },
    },
    {
      method: 'post',
      path: '/api/v1/forms/{number}/attachments',
      operationId: 'uploadAttachments',
      summary: 'Upload photos or PDFs as evidence (checked by their content, like every upload)',
      params: true,
      body: {
        schema: z.object({ files: z.array(z.string().meta({ contentMediaType: 'application/octet-stream' })).min(1).max(maxEvidenceFiles) }),
        type: 'multipart/form-data',
      },
      responses: { 201: { description: 'Recorded', body: { schema: uploadedSchema, name: 'Uploaded' }, headers: etag }, ...changes, ...errors },
    },
  ];

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of specs) {
    const parameters: JsonSchema[] = [];
    if (op.params) parameters.push({ name: 'number', in: 'path', required: true, schema: jsonSchema(formNumberParam, 'input'), description: 'The form number' });
    if (op.query) {
      const q = jsonSchema(op.query, 'input') as { properties: Record<string, JsonSchema> };
      for (const [name, schema] of Object.entries(q.properties)) parameters.push({ name, in: 'query', required: false, schema });
    }
    for (const [name, description] of Object.entries(op.headers ?? {})) parameters.push({ name, in: 'header', required: false, schema: { type: 'string' }, description });
    parameters.push({ name: 'Accept-Language', in: 'header', required: false, schema: { type: 'string' }, description: 'zh-CN or en: the language of the error messages' });
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
  const self: Operation = { method: 'get', path: '/api/v1/openapi.json', operationId: 'openapi', summary: 'This document (no key needed)' };
  paths[self.path] = { get: { operationId: self.operationId, summary: self.summary, security: [], responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } } };

  const document = {
    openapi: '3.1.0',
    info: {
      title: 'Kesu API',
      version: '1',
      description:
        "The complaint register as JSON: create, read, search and handle feedback-handling forms with an API key made in /admin/api-keys. Errors are application/problem+json with the portal's own messages in the language of Accept-Language.",
    },
    paths,
    components: {
      schemas: components,
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (kesu_…): it acts with its role and its department/site scope.' } },
    },
  };
  const operations: Operation[] = [...specs.map(({ method, path, operationId, summary }) => ({ method, path, operationId, summary })), self];
  return { document, operations };
}

let built: ReturnType<typeof build> | undefined;

/** The document (built once per process: the schemas do not change while it runs). */
export function openApiDocument() {
  return (built ??= build()).document;
}

export function apiOperations(): Operation[] {
  return (built ??= build()).operations;
}
