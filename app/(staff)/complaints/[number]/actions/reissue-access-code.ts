'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { reissueAccessCode } from '@/lib/complaints/access-code';
import { trackUrl } from '@/lib/complaints/outbox';
import { kickOutbox } from '@/lib/jobs';

const schema = z.object({
  complaintId: z.uuid(),
  number: z.string().regex(/^KS-\d{4}-\d{6}$/),
  expectedVersion: z.number().int().positive(),
});

/** The desk issues a new access code; the desk sees it once (to read out or reprint), the customer gets it by SMS/e-mail. */
export const reissueAccessCodeAction = staffAction({ roles: ['desk'], schema }, async ({ complaintId, number, expectedVersion }, user) => {
  const form = await reissueAccessCode({ complaintId, expectedVersion, actor: { ...user } });
  await kickOutbox();
  revalidatePath(`/complaints/${number}`);
  return { number: form.number, accessCode: form.accessCode, trackUrl: trackUrl(form.trackingToken), version: form.version };
});
