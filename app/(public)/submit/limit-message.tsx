'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { SubmitState } from './actions';

/** Which limit the submission reached and until when, in words the customer can act on. */
export function SubmitLimitMessage({ state }: { state: SubmitState }) {
  const t = useTranslations('public.submit.errors');
  const format = useFormatter();
  const until = state.retryAt ? format.dateTime(new Date(state.retryAt), { dateStyle: 'short', timeStyle: 'short' }) : '';
  if (state.limit === 'phone') return <span data-testid="submit-limit">⚠ {t('rateLimitedPhone', { until })}</span>;
  if (state.limit === 'bytes') return <span data-testid="submit-limit">⚠ {t('rateLimitedBytes', { until })}</span>;
  return <span data-testid="submit-limit">⚠ {t('rateLimited', { minutes: state.retryAfterMinutes ?? 60 })}</span>;
}
