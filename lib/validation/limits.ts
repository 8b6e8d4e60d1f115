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
