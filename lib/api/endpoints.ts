import 'server-only';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { complaints } from '@/db/schema';
import { applyEvent, createComplaint } from '@/lib/complaints/commands';
import { uploadEvidence } from '@/lib/complaints/attachments';
import { CommandError } from '@/lib/complaints/errors';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { kickOutbox } from '@/lib/jobs';
import { maxEvidenceFiles } from '@/lib/validation/limits';
import { endpoint, etag, expectedVersion, json, jsonBody, type EndpointContext } from './endpoint';
import { findFormFor, formOut, historyFor, listFormsFor, readFormFor } from './forms';
import { ApiError } from './problem';
import { fireEventSchema, noteSchema } from './schemas';

/**
 * The endpoints of /api/v1, one function each; the route files under app/api/v1 only hand them
 * the request. Every change goes through the command layer (createComplaint, applyEvent,
 * uploadEvidence) with the key's staff identity, exactly as the desk's and the form page's
 * server actions do.
 */

type NumberParams = { number: string };

async function formOf(c: EndpointContext<NumberParams>) {
  const form = await findFormFor(c.caller, c.params.number, c.db);
  if (!form) throw new CommandError('not_found');
  return form;
}

/** A body that failed the API's own schema: field errors worded like the forms' (commands' invalid_input). */
function invalid(error: z.ZodError): never {
  throw new CommandError('invalid_input', {}, fieldErrorsOf(error));
}

// ---- /forms ---------------------------------------------------------------------------------

export const listForms = endpoint({}, async (c) => json(await listFormsFor(c.caller, new URL(c.req.url).searchParams, c.db, c.now)));

const idempotencyKeyPattern = /^[A-Za-z0-9._:-]{1,100}$/;

/** The intake command with the key's identity: same fields, rules and repeat detection as the desk. */
export const createForm = endpoint({ roles: ['desk', 'admin'] }, async (c) => {
  const key = c.req.headers.get('idempotency-key');
  if (key !== null && !idempotencyKeyPattern.test(key)) throw new ApiError(400, 'badIdempotencyKey');
  const input = await jsonBody(c.req);
  // Namespaced by the API key: another key's Idempotency-Key never finds this key's form.
  const { complaint, created } = await createComplaint(input, c.caller.user, { ...(key ? { idempotencyKey: `api:${c.caller.keyId}:${key}` } : {}), now: c.now }, c.db);
  if (created) await kickOutbox();
  // A form this key created is one it may open; a replay reads it like any other.
  const form = created ? await formOut(c.caller, complaint, c.db) : await readFormFor(c.caller, complaint.number, c.db);
  if (!form) throw new CommandError('not_found');
  return json(form, created ? 201 : 200, {
    Location: `/api/v1/forms/${complaint.number}`,
    ETag: etag(complaint.version),
    ...(created ? {} : { 'Idempotent-Replayed': 'true' }),
  });
});

// ---- /forms/{number} ------------------------------------------------------------------------

export const getForm = endpoint<NumberParams>({}, async (c) => {
  const form = await readFormFor(c.caller, c.params.number, c.db);
  if (!form) throw new CommandError('not_found');
  return json(form, 200, { ETag: etag(form.version) });
});

export const listEvents = endpoint<NumberParams>({}, async (c) => {
  const form = await formOf(c);
  return json({ items: await historyFor(c.caller, form.id, c.db) }, 200, { ETag: etag(form.version) });
});

/** One event of the procedure: the workflow's guards and the optimistic version check, in the command layer. */
export const fireEvent = endpoint<NumberParams>({}, async (c) => {
  const parsed = fireEventSchema.safeParse(await jsonBody(c.req));
  if (!parsed.success) invalid(parsed.error);
  const version = expectedVersion(c, parsed.data.version);
  if (version === undefined) throw new ApiError(428, 'versionRequired');
  const form = await formOf(c);
  const { complaint } = await applyEvent({ complaintId: form.id, event: parsed.data.event, input: parsed.data.input, actor: c.caller.user, expectedVersion: version }, { now: c.now }, c.db);
  await kickOutbox();
  return json({ number: complaint.number, status: complaint.status, version: complaint.version }, 200, { ETag: etag(complaint.version) });
});

/**
 * A note (internal, or a progress update the customer reads). With a version (If-Match or
 * `version`) it is checked like any event; without one it is added to the current version, as a
 * note competes with no other change.
 */
export const addNote = endpoint<NumberParams>({}, async (c) => {
  const parsed = noteSchema.safeParse(await jsonBody(c.req));
  if (!parsed.success) invalid(parsed.error);
  const { version, ...input } = parsed.data;
  const given = expectedVersion(c, version);
  const form = await formOf(c);
  for (let attempt = 0; ; attempt++) {
    const [current] = await c.db.select({ version: complaints.version }).from(complaints).where(eq(complaints.id, form.id));
    try {
      const { complaint } = await applyEvent({ complaintId: form.id, event: 'note', input, actor: c.caller.user, expectedVersion: given ?? current.version }, { now: c.now }, c.db);
      if (input.customerVisible) await kickOutbox();
      return json({ number: complaint.number, status: complaint.status, version: complaint.version }, 201, { ETag: etag(complaint.version) });
    } catch (err) {
      if (given !== undefined || !(err instanceof CommandError && err.code === 'stale_version' && attempt < 3)) throw err;
    }
  }
});

/** Photos and PDFs as multipart `files`: the content checks of every upload, then one evidence event. */
export const uploadAttachments = endpoint<NumberParams>({}, async (c) => {
  if (!/^multipart\/form-data\b/i.test(c.req.headers.get('content-type') ?? '')) throw new ApiError(415, 'unsupportedMediaType');
  let data: FormData;
  try {
    data = await c.req.formData();
  } catch {
    throw new ApiError(400, 'badMultipart');
  }
  const files = data.getAll('files').filter((f): f is File => typeof f !== 'string');
  if (files.length < 1 || files.length > maxEvidenceFiles) throw new ApiError(422, 'fileCount', { max: String(maxEvidenceFiles) });
  const form = await formOf(c);
  const loaded = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  const { count, complaint } = await uploadEvidence({ complaintId: form.id, user: c.caller.user, files: loaded }, c.now, c.db);
  await kickOutbox();
  return json({ number: complaint.number, status: complaint.status, version: complaint.version, count }, 201, { ETag: etag(complaint.version) });
});
