'use server';

import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { staffAction, UserFacingError } from '@/lib/auth/action';
import { defaultLabelNamespaces } from '@/lib/validation/messages';
import { erasePerson, findPerson, personDataRoles, PrivacyError } from '@/lib/privacy';
import { erasePersonSchema, personKeySchema } from '@/lib/privacy/schemas';

const labels = ['privacy.fields', ...defaultLabelNamespaces] as const;

/** A PrivacyError in the reader's language (privacy.errors). */
async function refusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof PrivacyError)) throw err;
    const t = await getTranslations('privacy.errors');
    throw new UserFacingError(t(err.code, err.params));
  }
}

// A server action, not a GET page: the phone, e-mail or name looked up stays out of URLs,
// browser history and access logs. Every look-up is in the audit log (lib/privacy/find.ts).
export const findPersonAction = staffAction({ roles: personDataRoles, schema: personKeySchema, labels }, async (key, user) => {
  const forms = await refusals(async () => findPerson(await getDb(), user, key));
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

export const erasePersonAction = staffAction({ roles: personDataRoles, schema: erasePersonSchema, labels }, async (input, user) => {
  const key = personKeySchema.safeParse({ kind: input.kind, value: input.value });
  const t = await getTranslations('privacy.errors');
  if (!key.success) throw new UserFacingError(t('changed'));
  return refusals(async () => erasePerson(await getDb(), user, key.data, input.numbers));
});
