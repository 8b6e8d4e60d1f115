'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { staffAction, UserFacingError } from '@/lib/auth/action';
import { defaultLabelNamespaces } from '@/lib/validation/messages';
import { setOwnAbsence } from '@/lib/cover/absence';
import { ownAbsenceSchema } from '@/lib/cover/schemas';
import { PromiseError } from '@/lib/promises/errors';

/** Any staff member marks their own absence (admins mark anyone on the staff screen). */
export const setOwnAbsenceAction = staffAction({ schema: ownAbsenceSchema, labels: ['promises.absence', ...defaultLabelNamespaces] }, async (input, user) => {
  try {
    const absentThrough = await setOwnAbsence(user, input);
    revalidatePath('/absence');
    return { absentThrough };
  } catch (err) {
    if (!(err instanceof PromiseError)) throw err;
    const message = (await getTranslations('promises.absence'))('past');
    throw new UserFacingError(message, { absentThrough: [message] }, err.code);
  }
});
