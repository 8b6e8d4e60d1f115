'use server';

import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/action';
import { defaultLabelNamespaces } from '@/lib/validation/messages';
import { saveRetentionYears } from '@/lib/privacy';
import { retentionSchema } from '@/lib/privacy/schemas';

export const saveRetentionAction = staffAction({ roles: ['admin'], schema: retentionSchema, labels: ['privacy.fields', ...defaultLabelNamespaces] }, async ({ years }, user) => {
  await saveRetentionYears(user, years);
  revalidatePath('/admin/retention');
  return { years };
});
