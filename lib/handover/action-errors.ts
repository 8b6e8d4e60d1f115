import 'server-only';
import { getTranslations } from 'next-intl/server';
import { UserFacingError } from '@/lib/auth/action';
import { HandoverError } from './errors';

/** The field names errors use for the hand-over forms (labels under handover.form.fields). */
export const handoverLabelNamespaces = ['handover.form.fields'] as const;

/** Runs a hand-over and turns its refusals into messages the person can act on. */
export async function handoverRefusals<R>(run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof HandoverError)) throw err;
    const t = await getTranslations('handover.errors');
    const message = t(err.code);
    const field = err.fieldErrors && Object.keys(err.fieldErrors)[0];
    throw new UserFacingError(message, field ? { [field]: [message] } : undefined, err.code);
  }
}
