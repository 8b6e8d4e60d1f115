'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { findEarlierForms } from '@/lib/complaints/intake';

const schema = z.object({ phone: z.string().max(30).optional(), plate: z.string().max(20).optional() });

export const earlierFormsAction = staffAction({ roles: ['desk', 'admin'], schema }, async (key, user) => findEarlierForms(user, key));
