import 'server-only';
import { getTranslations } from 'next-intl/server';
import { UserFacingError } from '@/lib/auth/action';
import { PromiseError } from './errors';

/** The field names errors use for the promise forms (labels under promises.form.fields). */
export const promiseLabelNamespaces = ['promises.form.fields'] as const;

/** Runs a promise command and turns its refusals into messages the person can act on. */
export async function promiseRefusals<R>(run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof PromiseError)) throw err;
    const t = await getTranslations('promises.errors');
    const message = t(err.code);
    if (err.code === 'due_in_past') throw new UserFacingError(message, { dueOn: [message] }, err.code);
    throw new UserFacingError(message, undefined, err.code);
  }
}
