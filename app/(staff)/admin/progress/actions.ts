'use server';

import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/action';
import { defaultLabelNamespaces } from '@/lib/validation/messages';
import { saveProgressSettings } from '@/lib/promises/settings';
import { progressSettingsSchema } from '@/lib/promises/schemas';

export const saveProgressSettingsAction = staffAction(
  { roles: ['admin'], schema: progressSettingsSchema, labels: ['promises.admin', ...defaultLabelNamespaces], sentences: 'promises.errors.fields' },
  async (input, user) => {
    const saved = await saveProgressSettings(user, input);
    revalidatePath('/admin/progress');
    return saved;
  },
);
