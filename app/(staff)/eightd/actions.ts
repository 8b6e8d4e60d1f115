'use server';

import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/action';
import { defaultLabelNamespaces } from '@/lib/validation/messages';
import { saveDiscipline, startEightD } from '@/lib/eightd/commands';
import { saveDisciplineSchema, startEightDSchema } from '@/lib/eightd/schemas';
import { eightdLabelNamespaces, eightdRefusals } from '@/lib/eightd/action-errors';

const labels = [...eightdLabelNamespaces, ...defaultLabelNamespaces];

/** The quality department or management start an 8D report on a form (or join the linked form's report). */
export const startEightDAction = staffAction({ roles: ['department', 'management'], schema: startEightDSchema, labels }, async (input, user) => {
  const { complaint, reportId } = await eightdRefusals(() => startEightD(input, { ...user }));
  revalidatePath(`/complaints/${complaint.number}`);
  return { reportId };
});

/** The quality department or management save one discipline of a report (D8 closes it). */
export const saveDisciplineAction = staffAction({ roles: ['department', 'management'], schema: saveDisciplineSchema, labels }, async (input, user) => {
  const result = await eightdRefusals(() => saveDiscipline(input, user));
  revalidatePath(`/eightd/${result.reportId}`);
  return result;
});
