'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { complaintNumberSchema } from '@/lib/params';
import { reissueAccessCode } from '@/lib/complaints/access-code';
import { trackUrl } from '@/lib/complaints/outbox';
import { kickOutbox } from '@/lib/jobs';

const schema = z.object({
  complaintId: z.uuid(),
  number: complaintNumberSchema,
  expectedVersion: z.number().int().positive(),
});

/** The desk issues a new access code; the desk sees it once (to read out or reprint), the customer gets it by SMS/e-mail. */
export const reissueAccessCodeAction = staffAction({ roles: ['desk'], schema }, async ({ complaintId, expectedVersion }, user) => {
  const form = await reissueAccessCode({ complaintId, expectedVersion, actor: { ...user } });
  await kickOutbox();
  revalidatePath(`/complaints/${form.number}`);
  return { number: form.number, accessCode: form.accessCode, trackUrl: trackUrl(form.trackingToken), version: form.version };
});
