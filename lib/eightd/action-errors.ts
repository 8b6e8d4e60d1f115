import 'server-only';
import { getTranslations } from 'next-intl/server';
import { UserFacingError } from '@/lib/auth/action';
import { EightDError } from './errors';

/** The field names errors use for the 8D forms (labels under eightd.fields). */
export const eightdLabelNamespaces = ['eightd.fields'] as const;

/** Runs an 8D command and turns its refusals into messages the person can act on. */
export async function eightdRefusals<R>(run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof EightDError)) throw err;
    const t = await getTranslations('eightd.errors');
    throw new UserFacingError(t(err.code), undefined, err.code);
  }
}
