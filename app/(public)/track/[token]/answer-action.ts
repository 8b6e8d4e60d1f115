'use server';

import { z } from 'zod';
import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { publicAction, UserFacingError } from '@/lib/auth/action';
import { answerOnTrackingPage } from '@/lib/channels/answer';
import { log } from '@/lib/log';
import { clientAddress } from '@/lib/net/client-address';
import { maxPhotoBytes } from '@/lib/public/form-schema';
import type { UploadedPhoto } from '@/lib/public/submit';

/** As posted; answerOnTrackingPage checks the text (customerAnswerSchema) and the photos once the attempt is counted. */
const postedAnswerSchema = z.object({ token: z.string().max(200).default(''), text: z.string().max(20_000).default('') });

/** The customer adds a message and photos to an open form from the tracking page. */
export const answerAction = publicAction({ schema: postedAnswerSchema, keep: ['text'] }, async ({ token, text }, form) => {
  const t = await getTranslations('channels.answer');
  const photos: UploadedPhoto[] = [];
  for (const entry of form.getAll('photos')) {
    if (typeof entry === 'string' || entry.size === 0) continue;
    photos.push({ name: entry.name, bytes: entry.size > maxPhotoBytes ? new Uint8Array(entry.size) : new Uint8Array(await entry.arrayBuffer()) });
  }
  let result: Awaited<ReturnType<typeof answerOnTrackingPage>>;
  try {
    result = await answerOnTrackingPage({ token, fields: { text }, photos, ip: clientAddress(await headers()) });
  } catch (err) {
    log.error({ err }, 'tracking page answer failed');
    throw err;
  }
  switch (result.kind) {
    case 'added':
      revalidatePath(`/track/${token}`);
      return { added: true };
    case 'invalid': {
      const fieldErrors: Record<string, string[]> = {};
      if (result.fieldErrors.text) fieldErrors.text = [t('invalid')];
      if (result.fieldErrors.photos) fieldErrors.photos = result.fieldErrors.photos.map((c) => (t.has(`photoErrors.${c}`) ? t(`photoErrors.${c}` as 'photoErrors.bad_type') : t('invalid')));
      throw new UserFacingError(fieldErrors.photos?.[0] ?? t('invalid'), fieldErrors, 'invalid_input');
    }
    case 'rate_limited':
      throw new UserFacingError(t('limited', { minutes: Math.max(1, Math.ceil(result.retryAfterMs / 60_000)) }), undefined, 'rate_limited');
    case 'closed':
      throw new UserFacingError(t('closed'), undefined, 'closed');
    case 'not_found':
      throw new UserFacingError(t('notFound'), undefined, 'not_found');
  }
});
