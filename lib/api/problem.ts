import 'server-only';
import { createTranslator } from 'next-intl';
import { CommandError } from '@/lib/complaints/errors';
import { negotiateLocale, type Locale } from '@/lib/i18n/locales';
import { loadMessages } from '@/lib/i18n/messages';
import { localizeFieldErrors, type RootTranslator } from '@/lib/validation/messages';

/**
 * Errors of the JSON API as RFC 9457 problem details (`application/problem+json`), worded with
 * the UI's own messages in the language the request asks for (Accept-Language): the same
 * sentence a person at the desk would read for the same refusal.
 */
export const problemType = 'application/problem+json';

/** The root translator of a locale, outside any React render (route handlers, tests). */
export function translatorFor(locale: Locale): RootTranslator {
  return createTranslator({ locale, messages: loadMessages(locale) as Record<string, never> }) as unknown as RootTranslator;
}

export function requestLocale(req: Request): Locale {
  return negotiateLocale(req.headers.get('accept-language'));
}

/** An expected refusal of the API itself (not of the command layer), with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** A key under `api.problems` (its title), also the problem's `code`. */
    readonly code: string,
    readonly params: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: Record<string, string[]>;
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'Content-Type': `${problemType}; charset=utf-8`, 'Cache-Control': 'no-store', ...headers },
  });
}

const typeBase = '/api/v1/problems/';

/** Refusals of the procedure that say "not you" rather than "not now". */
const forbiddenCodes = new Set(['wrong_role', 'wrong_department', 'involved_party', 'needs_head']);

/** The HTTP status of a command-layer refusal. */
export function commandStatus(err: CommandError, viaIfMatch: boolean): number {
  if (err.code === 'not_found') return 404;
  if (err.code === 'stale_version') return viaIfMatch ? 412 : 409;
  if (err.code === 'invalid_input' || err.code === 'unknown_reference' || err.code.startsWith('upload_') || err.code === 'department_unstaffed') return 422;
  if (forbiddenCodes.has(err.code)) return 403;
  return 409;
}

function commandText(t: RootTranslator, err: CommandError): string {
  for (const key of [`commands.errors.${err.code}`, `workflow.refusals.${err.code}`]) if (t.has(key)) return t(key, err.params);
  return err.code;
}

/** A command-layer refusal as a problem, in `locale`, with its field errors worded like the forms'. */
export function commandProblem(err: CommandError, locale: Locale, viaIfMatch = false): Problem {
  const t = translatorFor(locale);
  const status = commandStatus(err, viaIfMatch);
  const errors = localizeFieldErrors(err.fieldErrors, t);
  const title = err.code === 'invalid_input' ? t('common.errors.invalid') : commandText(t, err);
  const first = errors ? Object.values(errors)[0]?.[0] : undefined;
  return { type: typeBase + err.code, title, status, code: err.code, ...(first && first !== title ? { detail: first } : {}), ...(errors ? { errors } : {}) };
}

/** An API refusal as a problem, in `locale`. */
export function apiProblem(err: ApiError, locale: Locale): Problem {
  const t = translatorFor(locale);
  return { type: typeBase + err.code, title: t(`api.problems.${err.code}`, err.params), status: err.status, code: err.code };
}
