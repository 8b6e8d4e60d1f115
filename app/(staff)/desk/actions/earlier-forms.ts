'use server';

import { z } from 'zod';
import { safeText } from '@/lib/validation/text';
import { staffAction } from '@/lib/auth/action';
import { findEarlierForms } from '@/lib/complaints/intake';

const schema = z.object({
  phone: safeText().max(40).optional(),
  plate: safeText().max(20).optional(),
  categoryCode: safeText().max(100).optional(),
  description: safeText({ multiline: true }).max(10_000).optional(),
});

export const earlierFormsAction = staffAction({ roles: ['desk', 'admin'], schema }, async (key, user) => findEarlierForms(user, key));
