'use server';

import { getTranslations } from 'next-intl/server';
import { staffAction, UserFacingError } from '@/lib/auth/action';
import { privacyActionLabels, withPrivacyErrors } from '@/lib/privacy/action-errors';
import { erasePerson, findPerson, personDataRoles } from '@/lib/privacy';
import { erasePersonSchema, personKeySchema } from '@/lib/privacy/schemas';

// A server action, not a GET page: the phone, e-mail or name looked up stays out of URLs,
// browser history and access logs. Every look-up is in the audit log (lib/privacy/find.ts).
export const findPersonAction = staffAction({ roles: personDataRoles, schema: personKeySchema, labels: privacyActionLabels }, async (key, user) => {
  const forms = await withPrivacyErrors(async () => findPerson(user, key));
  return {
    forms: forms.map((f) => ({
      number: f.number,
      status: f.status,
      receivedAt: f.receivedAt.toISOString(),
      closedAt: f.closedAt?.toISOString() ?? null,
      legalHold: f.legalHold,
    })),
  };
});

export const erasePersonAction = staffAction({ roles: personDataRoles, schema: erasePersonSchema, labels: privacyActionLabels }, async (input, user) => {
  const key = personKeySchema.safeParse({ kind: input.kind, value: input.value });
  const t = await getTranslations('privacy.errors');
  if (!key.success) throw new UserFacingError(t('changed'));
  return withPrivacyErrors(async () => erasePerson(user, key.data, input.numbers));
});
