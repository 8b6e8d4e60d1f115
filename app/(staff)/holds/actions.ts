'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { staffAction, UserFacingError } from '@/lib/auth/action';
import { defaultLabelNamespaces } from '@/lib/validation/messages';
import { clearLegalHold, legalHoldRoles, PrivacyError, setLegalHold } from '@/lib/privacy';
import { clearLegalHoldSchema, legalHoldSchema } from '@/lib/privacy/schemas';

const labels = ['privacy.fields', ...defaultLabelNamespaces] as const;

async function refusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof PrivacyError)) throw err;
    const t = await getTranslations('privacy.errors');
    throw new UserFacingError(t(err.code, err.params));
  }
}

export const setLegalHoldAction = staffAction({ roles: legalHoldRoles, schema: legalHoldSchema, labels }, async ({ number, reason }, user) => {
  await refusals(async () => setLegalHold(await getDb(), user, number, reason));
  revalidatePath('/holds');
  return { number };
});

export const clearLegalHoldAction = staffAction({ roles: legalHoldRoles, schema: clearLegalHoldSchema, labels }, async ({ number }, user) => {
  await refusals(async () => clearLegalHold(await getDb(), user, number));
  revalidatePath('/holds');
  return { number };
});
