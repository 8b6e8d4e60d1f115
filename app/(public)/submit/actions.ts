'use server';

import { headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { log } from '@/lib/log';
import { trackUrl } from '@/lib/complaints/outbox';
import { isLocale } from '@/lib/i18n/locales';
import { clientAddress } from '@/lib/net/client-address';
import { honeypotField, maxPhotoBytes, publicSubmitFields } from '@/lib/public/schemas';
import { submitPublicComplaint, type SubmitLimitScope, type UploadedPhoto } from '@/lib/public/submit';

export interface SubmitState {
  status: 'idle' | 'ok' | 'invalid' | 'rate_limited' | 'failed';
  /** Field → message codes (zod messages or photo codes); the form translates by field. */
  fieldErrors?: Record<string, string[]>;
  retryAfterMinutes?: number;
  /** Which limit was reached, and when it frees up (ISO time): the form says which and until when. */
  limit?: SubmitLimitScope;
  retryAt?: string;
  result?: { number: string; accessCode: string; trackPath: string; trackUrl: string };
}

/** The customer's web form: a public endpoint, so everything is checked again here. */
export async function submitComplaintAction(_prev: SubmitState, formData: FormData): Promise<SubmitState> {
  const fields: Record<string, unknown> = { idempotencyKey: formData.get('idempotencyKey') };
  for (const name of publicSubmitFields) {
    const v = formData.get(name);
    if (typeof v === 'string') fields[name] = v;
  }
  const photos: UploadedPhoto[] = [];
  for (const entry of formData.getAll('photos')) {
    if (typeof entry === 'string' || entry.size === 0) continue;
    // Reading more than the limit is pointless: a too-large file is refused either way.
    photos.push({ name: entry.name, bytes: entry.size > maxPhotoBytes ? new Uint8Array(entry.size) : new Uint8Array(await entry.arrayBuffer()) });
  }
  const locale = await getLocale();
  try {
    const result = await submitPublicComplaint({
      fields,
      photos,
      honeypot: String(formData.get(honeypotField) ?? ''),
      ip: clientAddress(await headers()),
      locale: isLocale(locale) ? locale : 'zh-CN',
    });
    if (result.kind === 'invalid') return { status: 'invalid', fieldErrors: result.fieldErrors };
    if (result.kind === 'rate_limited') {
      return {
        status: 'rate_limited',
        limit: result.scope,
        retryAfterMinutes: Math.max(1, Math.ceil(result.retryAfterMs / 60_000)),
        retryAt: new Date(Date.now() + result.retryAfterMs).toISOString(),
      };
    }
    return {
      status: 'ok',
      result: {
        number: result.number,
        accessCode: result.accessCode,
        trackPath: `/track/${result.trackingToken}`,
        trackUrl: trackUrl(result.trackingToken),
      },
    };
  } catch (err) {
    log.error({ err }, 'web submission failed'); // sanitized: a failed query's message holds the customer's data
    return { status: 'failed' };
  }
}
