'use server';

import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/action';
import { defaultLabelNamespaces } from '@/lib/validation/messages';
import { getJobRunner, TRIAGE_TRAIN_JOB } from '@/lib/jobs';
import { recordRetrainRequest, saveTriageSettings } from '@/lib/triage/admin';
import { triageSettingsSchema } from '@/lib/triage/settings-schema';

export const saveTriageSettingsAction = staffAction(
  { roles: ['admin'], schema: triageSettingsSchema, labels: ['triage.admin', ...defaultLabelNamespaces] },
  async (input, user) => {
    const saved = await saveTriageSettings(user, input);
    revalidatePath('/admin/triage');
    return saved;
  },
);

/** Queues the training job now (the nightly one, lib/triage/training.ts); false when no job runner runs here. */
export const retrainTriageAction = staffAction({ roles: ['admin'], schema: z.object({}) }, async (_input, user) => {
  const runner = await getJobRunner();
  if (!runner) return { queued: false };
  await runner.trigger(TRIAGE_TRAIN_JOB);
  await recordRetrainRequest(user);
  return { queued: true };
});
