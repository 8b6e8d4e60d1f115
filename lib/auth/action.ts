import 'server-only';
import { z } from 'zod';
import { getTranslations } from 'next-intl/server';
import { currentStaff, type StaffUser } from './session';
import type { Role } from '@/lib/workflow';
import { fieldErrorsOf } from '@/lib/complaints/validation';
import { CommandError } from '@/lib/complaints/errors';
import { unstable_rethrow } from 'next/navigation';
import { log } from '@/lib/log';
import { firstBadCharText, localizeFieldErrors, type RootTranslator } from '@/lib/validation/messages';
import { decodeIssue } from '@/lib/validation/issues';

/** A command layer refusal in the reader's language. */
export async function commandErrorMessage(err: CommandError): Promise<string> {
  const commands = await getTranslations('commands.errors');
  if (commands.has(err.code)) return commands(err.code, err.params);
  const workflow = await getTranslations('workflow.refusals');
  return workflow.has(err.code) ? workflow(err.code, err.params) : err.code;
}

export interface ActionState<T = unknown> {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  data?: T;
  /** The refusal code, e.g. 'stale_version', for forms that react to a particular refusal. */
  code?: string;
  /** What was typed, given back by a refused public action (publicAction's `keep`). */
  values?: Record<string, string>;
}

/** An error whose message is meant for the person who acted (already translated). */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
    /** For forms that react to a particular refusal (ActionState.code). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * Runs a module's command and words its refusals (instances of `ErrorClass`, each with a `code`)
 * from the `namespace` messages in the reader's language; `fieldOf` names the field a refusal is
 * about, where it is about one.
 */
export async function wordRefusals<R, E extends Error & { code: string }>(
  ErrorClass: abstract new (...args: never[]) => E,
  namespace: string,
  run: () => Promise<R>,
  fieldOf?: (err: E) => string | undefined,
): Promise<R> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof ErrorClass)) throw err;
    const t = await getTranslations(namespace);
    const message = t(err.code);
    const field = fieldOf?.(err);
    throw new UserFacingError(message, field ? { [field]: [message] } : undefined, err.code);
  }
}

/**
 * Field errors in the reader's language, each naming its field (the codes of fieldErrorsOf worded
 * by lib/validation/messages.ts); a bad character also names its field in the form's message.
 * `sentences`: where a form keeps its own sentence per field (`<sentences>.<field>`, or per
 * refusal code `<sentences>.<field>.<code>`), said instead for any problem but a bad character.
 */
async function invalid(fieldErrors: Record<string, string[]>, fallback: string, labels?: readonly string[], sentences?: string): Promise<ActionState<never>> {
  const t = (await getTranslations()) as unknown as RootTranslator;
  const worded = localizeFieldErrors(fieldErrors, t, labels)!;
  if (sentences) {
    for (const [field, codes] of Object.entries(fieldErrors)) {
      if (codes.some((c) => decodeIssue(c)?.kind === 'badChar')) continue;
      worded[field] = codes.map((c, i) => {
        for (const key of [`${sentences}.${field}.${c}`, `${sentences}.${field}`]) if (t.has(key) && typeof t(key) === 'string') return t(key);
        return worded[field][i];
      });
    }
  }
  return { ok: false, message: firstBadCharText(fieldErrors, t, labels) ?? fallback, fieldErrors: worded, code: 'invalid_input' };
}

/** The schema, and where its fields' names live when not the complaint form's (e.g. the admin screens'). */
interface ParseOptions<S extends z.ZodType> {
  schema: S;
  labels?: readonly string[];
  /** Where the form keeps its own sentence per field (see invalid). */
  sentences?: string;
}

/**
 * What every action does once it knows who calls: parse the input with the form's own zod schema,
 * run, and turn expected refusals into messages instead of 500s. `who` goes into the log line of
 * an unexpected failure (never the input: it holds the customer's data).
 */
async function parseAndRun<S extends z.ZodType, R>(
  options: ParseOptions<S>,
  input: unknown,
  run: (input: z.infer<S>) => Promise<R>,
  who: Record<string, unknown>,
): Promise<ActionState<R>> {
  const parsed = options.schema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error), (await getTranslations('common.errors'))('invalid'), options.labels, options.sentences);
  try {
    return { ok: true, data: await run(parsed.data) };
  } catch (err) {
    // Only the keys that are set: the wire format would carry an unset one as the string "$undefined".
    if (err instanceof UserFacingError) return { ok: false, message: err.message, ...(err.fieldErrors && { fieldErrors: err.fieldErrors }), ...(err.code && { code: err.code }) };
    if (err instanceof CommandError) {
      if (err.code === 'invalid_input' && err.fieldErrors) return invalid(err.fieldErrors, await commandErrorMessage(err), options.labels, options.sentences);
      if (err.fieldErrors) {
        // A refused choice (unknown_reference): the field's own sentence, naming the field, leads.
        const fieldErrors = localizeFieldErrors(err.fieldErrors, (await getTranslations()) as unknown as RootTranslator, options.labels)!;
        const first = err.code === 'unknown_reference' ? Object.values(fieldErrors)[0]?.[0] : undefined;
        return { ok: false, message: first ?? (await commandErrorMessage(err)), fieldErrors, code: err.code };
      }
      return { ok: false, message: await commandErrorMessage(err), code: err.code };
    }
    unstable_rethrow(err); // redirect() / notFound() pass through
    // Next would log the error as it is: a failed query's message carries the customer's data.
    log.error({ err, ...who }, 'server action failed');
    throw new Error('Internal error: see the server log');
  }
}

/**
 * Every server action is a public endpoint: this wrapper signs the caller in from the
 * session, checks the role, then parses and runs (parseAndRun).
 */
export function staffAction<S extends z.ZodType, R>(
  options: ParseOptions<S> & { roles?: readonly Role[] },
  run: (input: z.infer<S>, user: StaffUser) => Promise<R>,
) {
  return async (input: unknown): Promise<ActionState<R>> => {
    const t = await getTranslations('common.errors');
    const user = await currentStaff();
    if (!user) return { ok: false, message: t('signedOut') };
    if (options.roles && !options.roles.includes(user.role)) return { ok: false, message: t('forbidden') };
    return parseAndRun(options, input, (parsed) => run(parsed, user), { userId: user.id });
  };
}

/** The text fields of a posted form, each name once (its first value); files are the action's own business. */
function textFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === 'string' && !(name in out)) out[name] = value;
  return out;
}

/** A given-back value is bounded: it travels back in the page. */
const maxKeptChars = 10_000;

/**
 * The actions of the pages anyone may use (the web form, the survey, the sign-in): no session
 * to check, so they are parsed and run like a staff action as they come. They take the posted
 * form (useActionState), so that they work without JavaScript too; `keep` names the fields whose
 * typed text a refusal gives back (ActionState.values), so that a form answered by a new page (no
 * JavaScript) or reset by React after its action shows it again. Limits per address stay with
 * the command they protect (they must count refused attempts too).
 */
export function publicAction<S extends z.ZodType, R>(
  options: ParseOptions<S> & { keep?: readonly string[] },
  run: (input: z.infer<S>, form: FormData) => Promise<R>,
) {
  return async (_previous: ActionState<R>, form: FormData): Promise<ActionState<R>> => {
    const fields = textFields(form);
    const state = await parseAndRun(options, fields, (parsed) => run(parsed, form), {});
    if (state.ok || !options.keep?.length) return state;
    const values: Record<string, string> = {};
    for (const name of options.keep) if (fields[name]) values[name] = fields[name].slice(0, maxKeptChars);
    return { ...state, values };
  };
}
