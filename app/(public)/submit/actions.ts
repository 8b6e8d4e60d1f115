'use server';

import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { log } from '@/lib/log';
import { publicAction, UserFacingError } from '@/lib/auth/action';
import { CommandError } from '@/lib/complaints/errors';
import { trackUrl } from '@/lib/complaints/outbox';
import { getFormat } from '@/lib/i18n/get-format';
import { isLocale } from '@/lib/i18n/locales';
import { clientAddress } from '@/lib/net/client-address';
import { maxPhotoBytes, postedSubmitSchema, publicSubmitFields } from '@/lib/public/form-schema';
import { submitPublicComplaint, type UploadedPhoto } from '@/lib/public/submit';

/** What the customer keeps of a web submission. */
export interface SubmitReceipt {
  number: string;
  accessCode: string;
  trackPath: string;
  trackUrl: string;
}

/**
 * The customer's web form: a public endpoint, so everything is checked again here. Its fields are
 * checked by submitPublicComplaint once the attempt is counted against the address (an invalid
 * attempt counts too); its refusals come back worded in the form's own sentences.
 */
export const submitComplaintAction = publicAction(
  { schema: postedSubmitSchema, keep: publicSubmitFields, sentences: 'public.submit.errors', labels: ['public.submit.fields'] },
  async ({ website, ...fields }, form): Promise<SubmitReceipt> => {
    const t = await getTranslations('public.submit.errors');
    const photos: UploadedPhoto[] = [];
    for (const entry of form.getAll('photos')) {
      if (typeof entry === 'string' || entry.size === 0) continue;
      // Reading more than the limit is pointless: a too-large file is refused either way.
      photos.push({ name: entry.name, bytes: entry.size > maxPhotoBytes ? new Uint8Array(entry.size) : new Uint8Array(await entry.arrayBuffer()) });
    }
    const locale = await getLocale();
    let result: Awaited<ReturnType<typeof submitPublicComplaint>>;
    try {
      result = await submitPublicComplaint({ fields, photos, honeypot: website ?? '', ip: clientAddress(await headers()), locale: isLocale(locale) ? locale : 'zh-CN' });
    } catch (err) {
      log.error({ err }, 'web submission failed'); // sanitized: a failed query's message holds the customer's data
      throw new UserFacingError(t('failed'), undefined, 'failed');
    }
    if (result.kind === 'invalid') throw new CommandError('invalid_input', {}, result.fieldErrors);
    if (result.kind === 'rate_limited') {
      // Which limit was reached, and when it frees up, in words the customer can act on.
      const until = (await getFormat()).dateTime(new Date(Date.now() + result.retryAfterMs));
      const message =
        result.scope === 'phone' ? t('rateLimitedPhone', { until })
        : result.scope === 'bytes' ? t('rateLimitedBytes', { until })
        : t('rateLimited', { minutes: Math.max(1, Math.ceil(result.retryAfterMs / 60_000)) });
      throw new UserFacingError(message, undefined, 'rate_limited');
    }
    return { number: result.number, accessCode: result.accessCode, trackPath: `/track/${result.trackingToken}`, trackUrl: trackUrl(result.trackingToken) };
  },
);
