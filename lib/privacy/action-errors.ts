import { getTranslations } from 'next-intl/server';
import { UserFacingError } from '@/lib/auth/action';
import { defaultLabelNamespaces } from '@/lib/validation/messages';
import { PrivacyError } from './errors';

/** The field labels of the privacy forms' actions. */
export const privacyActionLabels = ['privacy.fields', ...defaultLabelNamespaces] as const;

/** Runs a privacy command; a PrivacyError becomes a message in the reader's language (privacy.errors). */
export async function withPrivacyErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof PrivacyError)) throw err;
    const t = await getTranslations('privacy.errors');
    throw new UserFacingError(t(err.code, err.params));
  }
}
