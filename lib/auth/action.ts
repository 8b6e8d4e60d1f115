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
}

/** An error whose message is meant for the person who acted (already translated). */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}

/**
 * Field errors in the reader's language, each naming its field (the codes of fieldErrorsOf worded
 * by lib/validation/messages.ts); a bad character also names its field in the form's message.
 */
async function invalid(fieldErrors: Record<string, string[]>, fallback: string, labels?: readonly string[]): Promise<ActionState<never>> {
  const t = (await getTranslations()) as unknown as RootTranslator;
  return {
    ok: false,
    message: firstBadCharText(fieldErrors, t, labels) ?? fallback,
    fieldErrors: localizeFieldErrors(fieldErrors, t, labels),
    code: 'invalid_input',
  };
}

/**
 * Every server action is a public endpoint: this wrapper signs the caller in from the
 * session, checks the role, parses the input with the form's own zod schema, and turns
 * expected refusals into messages instead of 500s.
 */
export function staffAction<S extends z.ZodType, R>(
  /** labels: where the form's field names live, when not the complaint form's (e.g. the admin screens'). */
  options: { roles?: readonly Role[]; schema: S; labels?: readonly string[] },
  run: (input: z.infer<S>, user: StaffUser) => Promise<R>,
) {
  return async (input: unknown): Promise<ActionState<R>> => {
    const t = await getTranslations('common.errors');
    const user = await currentStaff();
    if (!user) return { ok: false, message: t('signedOut') };
    if (options.roles && !options.roles.includes(user.role)) return { ok: false, message: t('forbidden') };
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error), t('invalid'), options.labels);
    try {
      return { ok: true, data: await run(parsed.data, user) };
    } catch (err) {
      if (err instanceof UserFacingError) return { ok: false, message: err.message, fieldErrors: err.fieldErrors };
      if (err instanceof CommandError) {
        if (err.code === 'invalid_input' && err.fieldErrors) return invalid(err.fieldErrors, await commandErrorMessage(err), options.labels);
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
      log.error({ err, userId: user.id }, 'server action failed');
      throw new Error('Internal error: see the server log');
    }
  };
}
