'use server';

import { z } from 'zod';
import { safeText } from '@/lib/validation/text';
import { staffAction } from '@/lib/auth/action';
import { channels } from '@/lib/workflow';
import { suggestTriage } from '@/lib/triage/suggest';

const schema = z.object({
  text: safeText({ multiline: true }).max(10_000),
  request: safeText({ multiline: true }).max(10_000).optional(),
  channel: z.enum(channels).optional(),
});

/** The desk's triage suggestion while typing a new form (lib/triage/suggest.ts). */
export const suggestTriageAction = staffAction({ roles: ['desk', 'admin'], schema }, async (input, user) => suggestTriage(user, input));
