'use server';

import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/action';
import { privacyActionLabels, withPrivacyErrors } from '@/lib/privacy/action-errors';
import { clearLegalHold, legalHoldRoles, setLegalHold } from '@/lib/privacy';
import { clearLegalHoldSchema, legalHoldSchema } from '@/lib/privacy/schemas';

export const setLegalHoldAction = staffAction({ roles: legalHoldRoles, schema: legalHoldSchema, labels: privacyActionLabels }, async ({ number, reason }, user) => {
  await withPrivacyErrors(async () => setLegalHold(user, number, reason));
  revalidatePath('/holds');
  return { number };
});

export const clearLegalHoldAction = staffAction({ roles: legalHoldRoles, schema: clearLegalHoldSchema, labels: privacyActionLabels }, async ({ number }, user) => {
  await withPrivacyErrors(async () => clearLegalHold(user, number));
  revalidatePath('/holds');
  return { number };
});
