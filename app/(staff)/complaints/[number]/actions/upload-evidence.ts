'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { complaintNumberSchema } from '@/lib/params';
import { uploadEvidence } from '@/lib/complaints/attachments';
import { maxEvidenceFiles } from '@/lib/validation/limits';

const schema = z
  .instanceof(FormData)
  .transform((fd) => ({ complaintId: fd.get('complaintId'), number: fd.get('number'), files: fd.getAll('files') }))
  .pipe(
    z.object({
      complaintId: z.uuid(),
      number: complaintNumberSchema,
      // Each file's size is checked by content (uploadEvidence); all together are bounded by the
      // request-body limit, which proxy.ts enforces before this runs.
      files: z.array(z.instanceof(File)).min(1).max(maxEvidenceFiles),
    }),
  );

export const uploadEvidenceAction = staffAction({ schema }, async ({ complaintId, files }, user) => {
  const loaded = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  const { count, complaint } = await uploadEvidence({ complaintId, user, files: loaded });
  revalidatePath(`/complaints/${complaint.number}`);
  return { count };
});
