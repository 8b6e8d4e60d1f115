/**
 * The longest text a schema accepts at a field, read from the zod schema itself, so that the
 * form's `maxLength` and the server's check cannot drift apart. Pure: for client components.
 */
import type { z } from 'zod';

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; options?: z.ZodType[] };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema a field's value is finally checked against (through optional, default, preprocess, pipe). */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(s);
    if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) s = def.innerType;
    else if (def.type === 'pipe' && def.in && def.out) s = defOf(def.out).type === 'transform' ? def.in : maxOf(def.out) !== undefined ? def.out : def.in;
    else break;
  }
  return s;
}

function maxOf(schema: z.ZodType): number | undefined {
  const s = unwrap(schema);
  const def = defOf(s);
  if (def.type === 'string') {
    // zod's string schema exposes the limit of its .max() check.
    const max = (s as unknown as { maxLength?: number | null }).maxLength;
    return typeof max === 'number' && Number.isFinite(max) ? max : undefined;
  }
  if (def.type === 'union' && def.options) {
    const maxima = def.options.map(maxOf).filter((m): m is number => m !== undefined);
    return maxima.length ? Math.max(...maxima) : undefined;
  }
  return undefined;
}

function at(schema: z.ZodType, path: string): z.ZodType | undefined {
  let s: z.ZodType | undefined = schema;
  for (const key of path.split('.').filter(Boolean)) {
    if (!s) return undefined;
    const u = unwrap(s);
    const def = defOf(u);
    if (def.type === 'object' && def.shape) s = def.shape[key];
    else if (def.type === 'array' && def.element && /^\d+$/.test(key)) s = def.element;
    else if (def.type === 'array' && def.element) s = at(def.element, key); // a list field's items ("participants" lines)
    else return undefined;
  }
  return s;
}

/** The maximum length of the text at `path` ('remedy.description', 'accountability.0.reason'), if the schema sets one. */
export function maxLengthOf(schema: z.ZodType, path: string): number | undefined {
  const s = at(schema, path);
  if (!s) return undefined;
  const u = unwrap(s);
  // A list of lines: each line's limit.
  const def = defOf(u);
  if (def.type === 'array' && def.element) return maxOf(def.element);
  return maxOf(s);
}

/** Fields this long or longer get a character counter: a one-line name does not need one. */
export const counterFrom = 500;

/*
 * Request bodies and uploaded files: the one set of numbers that the proxy's buffer and its 413
 * (proxy.ts), the server-action limit (next.config.ts), the forms' own checks before sending and
 * the server's checks of each file all read, so that no layer cuts or refuses what another allows.
 */
export const MiB = 1024 * 1024;
/** One photo or PDF. */
export const maxFileBytes = 10 * MiB;
/** Photos on one web submission (/submit). */
export const maxPhotos = 3;
/** Files in one staff evidence upload. */
export const maxEvidenceFiles = 10;
/** All files of one request together: three full-size photos. */
export const maxFilesBytes = maxPhotos * maxFileBytes;
/**
 * Room for everything in a body besides the files' bytes: the text fields (the longest form,
 * /submit, is about 15,000 characters, at most 3 bytes each in UTF-8), the multipart framing and
 * the framework's own fields. tests pin that the submit form fits in it.
 */
export const formFieldsAllowance = MiB;
/** The largest request body the portal reads; a larger one is refused whole, before it is read. */
export const maxRequestBodyBytes = maxFilesBytes + formFieldsAllowance;

/** Whole megabytes (MiB), as the messages name the limits. */
export const inMegabytes = (bytes: number) => Math.floor(bytes / MiB);

export type FilesProblem = 'too_many' | 'too_large' | 'too_large_total';

/**
 * What is wrong with a set of chosen files, judged by their sizes alone (the form checks before
 * sending; the server checks the bytes again): too many, one over the per-file limit, or all
 * together over the per-request limit.
 */
export function filesProblem(sizes: readonly number[], maxFiles: number): FilesProblem | undefined {
  if (sizes.length > maxFiles) return 'too_many';
  if (sizes.some((s) => s > maxFileBytes)) return 'too_large';
  if (sizes.reduce((a, b) => a + b, 0) > maxFilesBytes) return 'too_large_total';
  return undefined;
}

/**
 * Whether a request's declared body is over the limit (Content-Length). A body without a length
 * (chunked) cannot be judged before it is read: see unmeasuredBody.
 */
export function bodyOverLimit(contentLength: string | null | undefined): boolean {
  if (!contentLength || !/^\d+$/.test(contentLength.trim())) return false;
  return Number(contentLength.trim()) > maxRequestBodyBytes;
}

/**
 * A body sent without a length (Transfer-Encoding: chunked). Browsers give every form and fetch
 * body a Content-Length; a chunked body over the limit would be cut by Next's buffer and fail as
 * a 500 later, so it is refused up front (411) instead.
 */
export function unmeasuredBody(contentLength: string | null | undefined, transferEncoding: string | null | undefined): boolean {
  return !contentLength && !!transferEncoding;
}
